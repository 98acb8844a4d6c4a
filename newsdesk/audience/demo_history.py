"""Thirty days of made-up readers for the demo newsroom, counted as the site counts a beacon.

Each made-up visit goes through ``services.view_record`` with its own moment, so the view
store, the de-duplication window, the rates, the bot lists and the "live at that moment" rule
decide what counts, as for a real reader: bots' visits are among them and count nothing, no
story is read before it was published, and the hourly buckets, totals and trend scores behind
the dashboard, Popular Now and the Must-Reads' fill are the site's own. Only the demo's own
stories (newsroom/demo) are read, so a newsroom of real stories gets no made-up readers.
"""

from __future__ import annotations

import hashlib
import math
import random
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db.models.functions import Length
from django.utils import timezone

from newsdesk.audience import services
from newsdesk.audience.errors import RateLimited
from newsdesk.audience.models import ArticleStats, DailySalt, ViewHour
from newsdesk.audience.stores import get_store
from newsdesk.newsroom.demo import loader
from newsdesk.newsroom.models import Article

DAYS = 30
SEED = 16  # the same history on every fresh demo

BROWSERS = [
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/131.0.0.0 Safari/537.36",
    "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) "
    "Version/18.1 Safari/605.1.15",
    "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 "
    "(KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1",
    "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/131.0.0.0 Mobile Safari/537.36",
    "Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0",
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0",
]
BOTS = [
    "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
    "Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)",
    "Mozilla/5.0 (compatible; AhrefsBot/7.0; +http://ahrefs.com/robot/)",
    "python-requests/2.32.3",
]
READERS = 700
BOT_SHARE = 0.07  # of visits
VISITS_PER_STORY = 110  # on average, for a story read over its whole life
NEWS_LIFE_HOURS = 14.0  # mean time from publication to a news story's view
FEATURE_LIFE_HOURS = 70.0  # long reads are read for days (the Must-Reads' kind)
FEATURE_SHARE = 0.25  # the longest stories are features
FEATURE_PULL = 2.5  # and draw this many times the readers


@dataclass(frozen=True)
class History:
    visits: int  # made-up visits sent to the counter, bots' included
    counted: int  # views the counter counted
    bot_visits: int  # visits from a bot's user agent: none of them counts


def demo_views_exist() -> bool:
    return ArticleStats.objects.exists() or ViewHour.objects.exists()


def demo_views_write(*, now: datetime | None = None) -> History | None:
    """Sends thirty days of made-up visits to the demo's stories through the view counter,
    oldest first; None if any views are already counted (a second run adds nothing). A few
    queries per hundred visits (one transaction each without the view journal)."""
    if demo_views_exist():
        return None
    now = now or timezone.now()
    rng = random.Random(SEED)  # noqa: S311  (made-up readers, the same on every load)
    visits = sorted(_visits(rng, now), key=lambda visit: visit[0])
    readers = [_reader(rng, n) for n in range(READERS)]
    counted = bots = 0
    for when, article_id in visits:
        ip, user_agent = readers[rng.randrange(READERS)]
        if rng.random() < BOT_SHARE:
            user_agent = rng.choice(BOTS)
            bots += 1
        beacon = services.Beacon(
            article_id=article_id,
            ip=ip,
            user_agent=user_agent,
            is_staff=False,
            origin="same-origin",
        )
        try:
            counted += services.view_record(beacon=beacon, now=when)
        except RateLimited:  # one made-up reader too fast: dropped, as the site would
            continue
    get_store().flush(force=True)
    # The made-up days' salts go as a new day's would push them out; today's stays.
    DailySalt.objects.filter(day__lt=now.date()).delete()
    return History(visits=len(visits), counted=counted, bot_visits=bots)


def _visits(rng: random.Random, now: datetime) -> list[tuple[datetime, int]]:
    """(moment, article) of every visit: each story read from its publication on, most in its
    first hours (a feature for days), more by day than by night, none in the future."""
    start = now - timedelta(days=DAYS)
    stories = list(
        Article.objects.live(now)
        .filter(slug__in=[spec["slug"] for spec in loader.load().articles])
        .annotate(length=Length("body"))
        .values_list("pk", "slug", "publish_at", "length")
    )
    by_length = sorted(stories, key=lambda s: -s[3])
    features = {s[0] for s in by_length[: round(len(stories) * FEATURE_SHARE)]}
    visits = []
    for pk, slug, published, _length in stories:
        feature = pk in features
        life = timedelta(hours=FEATURE_LIFE_HOURS if feature else NEWS_LIFE_HOURS)
        pull = _appeal(slug) * (FEATURE_PULL if feature else 1.0)
        for _ in range(round(VISITS_PER_STORY * pull)):
            when = published + life * rng.expovariate(1.0)
            if start <= when <= now and rng.random() < _daytime(when):
                visits.append((when, pk))
    return visits


def _appeal(slug: str) -> float:
    """How much a story draws beside others: a few hits, many ordinary stories, the same on
    every load (from the slug, not the database's ids)."""
    digest = int.from_bytes(hashlib.sha256(slug.encode()).digest()[:8], "big")
    return math.exp(random.Random(digest).gauss(0.0, 0.6))  # noqa: S311


def _daytime(when: datetime) -> float:
    """How likely a visit at this hour of the newsroom's day is kept: a peak mid-morning."""
    hour = timezone.localtime(when).hour + when.minute / 60
    return 0.3 + 0.7 * (0.5 + 0.5 * math.cos((hour - 10.0) / 24.0 * 2 * math.pi))


def _reader(rng: random.Random, n: int) -> tuple[str, str]:
    """A made-up reader: an address from the documentation ranges, and a browser."""
    if n % 5 == 0:
        ip = f"2001:db8:{n:x}::{rng.randrange(1, 0xFFFF):x}"
    else:
        network = ("192.0.2", "198.51.100", "203.0.113")[n % 3]
        ip = f"{network}.{n % 254 + 1}"
    return ip, rng.choice(BROWSERS)
