"""Popular Now by forward-decayed score, and Must-Reads with pins, expiry and fill."""

import math
from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone

from newsdesk.audience import trending
from newsdesk.audience.models import ArticleStats, MustRead
from newsdesk.audience.selectors import must_reads, popular_now
from newsdesk.audience.stores import Batch, apply_batch
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


def add_views(article, count: int, at) -> None:
    batch = Batch()
    for _ in range(count):
        batch.add(at)
    apply_batch(article.pk, batch)


def test_200_views_in_the_last_hour_outrank_1000_two_days_ago():
    now = timezone.now()
    old = ArticleFactory(publish_at=now - timedelta(days=3))
    fresh = ArticleFactory(publish_at=now - timedelta(hours=2))
    add_views(old, 1000, now - timedelta(days=2))
    add_views(fresh, 200, now - timedelta(minutes=30))
    with time_machine.travel(now, tick=False):
        ranked = popular_now()
    assert [a.pk for a in ranked[:2]] == [fresh.pk, old.pk]
    old_stats = ArticleStats.objects.get(article=old)
    assert old_stats.views == 1000


def test_the_score_halves_every_half_life(settings):
    settings.NEWSDESK_TRENDING_HALF_LIFE_HOURS = 3
    now = timezone.now()
    score = trending.view_weight(now - timedelta(hours=3))
    assert math.isclose(trending.decayed(score, now), 0.5, rel_tol=1e-9)


def test_sql_log_add_matches_python():
    """Views added in separate batches give the score Python computes for all of them."""
    article = ArticleFactory()
    now = timezone.now()
    times = [now - timedelta(hours=h) for h in (0, 1, 5, 48, 400)]
    expected = trending.NO_WEIGHT
    for at in times:
        expected = trending.log_add(expected, trending.view_weight(at))
        add_views(article, 1, at)
    stats = ArticleStats.objects.get(pk=article.pk)
    assert stats.views == len(times)
    assert math.isclose(stats.trend, expected, rel_tol=1e-12)


def test_popular_now_only_lists_the_last_seven_days():
    now = timezone.now()
    stale = ArticleFactory(publish_at=now - timedelta(days=8))
    add_views(stale, 5000, now)
    recent = ArticleFactory(publish_at=now - timedelta(days=1))
    assert [a.pk for a in popular_now()] == [recent.pk]


def test_expired_pins_vanish_by_themselves():
    now = timezone.now()
    # Older than the fill's seven days: once the pin expires, nothing brings it back.
    pinned = ArticleFactory(publish_at=now - timedelta(days=10))
    MustRead.objects.create(article=pinned, position=0, expires_at=now + timedelta(hours=1))
    with time_machine.travel(now + timedelta(minutes=59), tick=False):
        assert must_reads()[0].pk == pinned.pk
    with time_machine.travel(now + timedelta(minutes=61), tick=False):
        assert pinned.pk not in [a.pk for a in must_reads()]


def test_pins_come_in_order_then_fill_from_most_viewed_not_in_popular_now():
    now = timezone.now()
    articles = [ArticleFactory(publish_at=now - timedelta(hours=i + 1)) for i in range(14)]
    for i, article in enumerate(articles):
        add_views(article, 100 - i, now - timedelta(hours=i))
    first, second = articles[12], articles[13]
    MustRead.objects.create(article=second, position=2)
    MustRead.objects.create(article=first, position=1)
    popular = popular_now()
    listed = must_reads(popular=popular)
    assert [a.pk for a in listed[:2]] == [first.pk, second.pk]
    assert len(listed) == 6
    popular_ids = {a.pk for a in popular}
    fill = listed[2:]
    assert not popular_ids & {a.pk for a in fill}
    # the fill is the most viewed of the rest, in order
    rest = [a for a in articles if a.pk not in popular_ids | {first.pk, second.pk}]
    assert [a.pk for a in fill] == [a.pk for a in rest[:4]]


def test_unpublished_pins_are_skipped():
    from newsdesk.newsroom.models import Article

    hidden = ArticleFactory(status=Article.Status.UNPUBLISHED)
    MustRead.objects.create(article=hidden, position=0)
    assert hidden.pk not in [a.pk for a in must_reads()]
