"""The editors' dashboard: staff only, server-drawn charts with table equivalents."""

from datetime import timedelta

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from newsdesk.audience.stores import Batch, apply_batch
from tests.conftest import parse
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db

URL = "/audience/dashboard/"


def add_views(article, count, at):
    batch = Batch()
    for _ in range(count):
        batch.add(at)
    apply_batch(article.pk, batch)


def test_readers_are_sent_to_the_login(client):
    response = client.get(URL)
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]


@pytest.fixture
def half_past():
    """Half past the hour, so "five minutes ago" is in the current hour whenever this runs."""
    now = timezone.now().replace(minute=30, second=0, microsecond=0)
    with time_machine.travel(now, tick=False):
        yield now


def test_charts_and_tables_show_the_counted_views(client, editor, half_past):
    now = half_past
    hot = ArticleFactory(headline="Hot story", publish_at=now - timedelta(days=2))
    cold = ArticleFactory(headline="Cold story", publish_at=now - timedelta(days=3))
    add_views(hot, 7, now - timedelta(minutes=5))
    add_views(hot, 3, now - timedelta(hours=24))
    add_views(cold, 4, now - timedelta(days=2))
    client.force_login(editor)
    response = client.get(URL)
    assert response.status_code == 200
    assert response["Cache-Control"] == "private, no-store"
    soup = parse(response)
    hourly = soup.find(id="hourly-title").find_parent("section")
    assert len(hourly.select("svg.chart rect")) == 48
    assert hourly.select_one("svg.chart")["role"] == "img"
    cells = [int(tr.select("td")[1].get_text()) for tr in hourly.select("tbody tr")]
    assert len(cells) == 48 and cells[-1] == 7 and sum(cells) == 10  # 2 days ago is outside
    daily = soup.find(id="daily-title").find_parent("section")
    assert len(daily.select("svg.chart rect")) == 30
    assert sum(int(tr.select("td")[1].get_text()) for tr in daily.select("tbody tr")) == 14
    rows = soup.select("table.top tbody tr")
    assert [r.find("a").get_text() for r in rows] == ["Hot story", "Cold story"]
    spark = rows[0].select_one("svg.sparkline")
    assert spark["aria-label"].endswith("3, 7")  # yesterday's 3, today's 7
    assert len(spark.find("polyline")["points"].split()) == 7


def test_dashboard_query_budget_does_not_grow_with_articles(client, editor):
    now = timezone.now()
    client.force_login(editor)

    def queries():
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(URL).status_code == 200
        return len(ctx.captured_queries)

    queries()  # the first visit may set up the Redis write-through cursor
    for _ in range(3):
        add_views(ArticleFactory(publish_at=now - timedelta(hours=3)), 2, now)
    few = queries()
    for _ in range(30):
        add_views(ArticleFactory(publish_at=now - timedelta(hours=3)), 2, now)
    # Session, user, the two-factor device check, the Redis write-through (cursor read and
    # its savepoint), the charts and the top articles: 11 at most, however many articles.
    assert queries() == few <= 11


def test_admin_links_to_the_dashboard(client, editor):
    client.force_login(editor)
    soup = parse(client.get("/admin/"))
    assert soup.find("a", href=URL) is not None
