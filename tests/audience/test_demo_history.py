"""`load_demo_views`: a fresh demo shows a month of readers, counted as real views are."""

from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import transaction
from django.db.models import Min, Sum
from django.utils import timezone

from newsdesk.audience import dashboard, selectors
from newsdesk.audience.demo_history import DAYS, demo_views_write
from newsdesk.audience.models import ArticleStats, DailySalt, ViewHour
from newsdesk.audience.stores import hour_of
from newsdesk.newsroom.models import Article
from tests.conftest import parse
from tests.factories import ArticleFactory, make_user

pytestmark = pytest.mark.django_db


def run(command: str, *args: str) -> str:
    out = StringIO()
    call_command(command, *args, stdout=out)
    return out.getvalue()


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """The demo newsroom, one story of a newsroom's own beside it, and the demo's views: made
    once for the module (the load takes seconds) in a transaction rolled back after it."""
    with django_db_blocker.unblock(), transaction.atomic():
        run("load_demo", "--no-images")
        own = ArticleFactory(publish_at=timezone.now() - timedelta(hours=2))
        yield {"history": demo_views_write(), "own": own}
        transaction.set_rollback(True)


def counted_total() -> int:
    return ArticleStats.objects.aggregate(total=Sum("views"))["total"] or 0


def test_popular_now_and_must_reads_are_six_stories_readers_read(demo, db):
    popular = selectors.popular_now()
    assert len(popular) == 6
    assert all(a.stats.views > 0 for a in popular)
    # Ranked by the trend score the counter keeps, not newest first.
    trends = [a.stats.trend for a in popular]
    assert trends == sorted(trends, reverse=True)
    assert [a.pk for a in popular] != [
        a.pk for a in Article.objects.live().order_by("-publish_at")[:6]
    ]
    must_reads = selectors.must_reads(popular=popular)
    assert len(must_reads) == 6
    assert all(a.stats.views > 0 for a in must_reads)
    assert not {a.pk for a in must_reads} & {a.pk for a in popular}


def test_the_dashboard_shows_views_over_the_month_and_the_top_stories(demo, db, client):
    daily = [views for _day, views in dashboard.views_per_day()]
    hourly = [views for _hour, views in dashboard.views_per_hour()]
    assert len(daily) == DAYS and sum(daily) == counted_total() > 1000
    # More readers lately than three weeks ago: the newer half of the month reads more.
    assert sum(daily[15:]) > sum(daily[:15])
    assert sum(v > 0 for v in hourly) >= 40  # readers in almost every one of the last 48 hours
    client.force_login(make_user("dash", role="Editor"))
    page = parse(client.get("/audience/dashboard/"))
    rows = page.select("table.top tbody tr")
    assert len(rows) == 10
    assert all(int(row.select("td")[2].get_text()) > 0 for row in rows)
    assert "No counted views" not in page.get_text()


def test_bots_count_nothing_and_no_story_is_read_before_it_was_published(demo, db):
    history = demo["history"]
    assert history.bot_visits > 0
    assert 0 < history.counted <= history.visits - history.bot_visits
    assert counted_total() == history.counted
    first_hours = ViewHour.objects.values("article").annotate(first=Min("hour"))
    published = dict(Article.objects.values_list("pk", "publish_at"))
    assert all(row["first"] >= hour_of(published[row["article"]]) for row in first_hours)
    assert DailySalt.objects.count() <= 1  # the made-up days' salts are gone


def test_only_the_demo_stories_get_made_up_readers(demo, db):
    assert not ArticleStats.objects.filter(article=demo["own"]).exists()


def test_a_second_run_adds_nothing(demo, db):
    before = (counted_total(), ViewHour.objects.count(), list(ArticleStats.objects.values()))
    assert "already counted" in run("load_demo_views")
    after = (counted_total(), ViewHour.objects.count(), list(ArticleStats.objects.values()))
    assert after == before
