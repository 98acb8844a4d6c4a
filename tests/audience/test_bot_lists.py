"""Which user agents count: each of the two crawler lists is consulted, and browsers with
unusual tokens still count.

A user agent is a bot when CrawlerDetect or the crawler-user-agents list recognises it. Both
match tokens, not whole strings: names of crawlers and fetchers ("Googlebot", "SemrushBot",
"facebookexternalhit"), HTTP libraries and tools ("python-requests", "curl", "Java/",
"PostmanRuntime"), automation ("HeadlessChrome", "Lighthouse"), services ("Amazon CloudFront",
"AppInsights"), and generic words such as "bot", "crawler" and "spider" anywhere in the string,
which is why a browser whose user agent carries "robotics" is taken for a bot (tested below, so
a change of that rule in a list's update is seen).
"""

from __future__ import annotations

import crawleruseragents
import pytest
from crawlerdetect import CrawlerDetect

from newsdesk.audience import readers
from tests.audience.test_counting import article, beacon, views  # noqa: F401 - the fixture

pytestmark = pytest.mark.django_db

ONLY_CRAWLERDETECT = [
    "Java/1.8.0_151",
    "PostmanRuntime/7.36.0",
    "Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/120.0.0.0 Mobile Safari/537.36 Lighthouse",
]
ONLY_CRAWLER_USER_AGENTS = [
    "Amazon CloudFront",
    "Mozilla/5.0 (compatible; MSIE 9.0; Windows NT 6.1; Trident/5.0; AppInsights)",
]
HEADLESS_CHROME = (
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "HeadlessChrome/120.0.0.0 Safari/537.36"
)
# Real browsers whose user agents carry tokens of their own: Edge, Samsung Internet, the
# in-app browsers of KakaoTalk and Naver, and Naver's Whale, common among Korean readers.
UNUSUAL_BROWSERS = [
    "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 "
    "Safari/537.36 Edg/131.0.0.0",
    "Mozilla/5.0 (Linux; Android 14; SM-S918B) AppleWebKit/537.36 (KHTML, like Gecko) "
    "SamsungBrowser/25.0 Chrome/121.0.0.0 Mobile Safari/537.36",
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like "
    "Gecko) Mobile/15E148 KAKAOTALK 10.4.5",
    "Mozilla/5.0 (Linux; Android 13; SM-G991N Build/TP1A.220624.014; wv) AppleWebKit/537.36 "
    "(KHTML, like Gecko) Version/4.0 Chrome/120.0.6099.144 Mobile Safari/537.36 "
    "NAVER(inapp; search; 2000; 12.1.6)",
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/131.0.0.0 Safari/537.36 Whale/3.28.266.14",
]


@pytest.mark.parametrize("ua", ONLY_CRAWLERDETECT)
def test_a_bot_only_crawlerdetect_knows_is_a_bot(ua):
    assert not crawleruseragents.is_crawler(ua)  # so this case needs the other list
    assert CrawlerDetect().isCrawler(ua)
    assert readers.is_bot(ua)


@pytest.mark.parametrize("ua", ONLY_CRAWLER_USER_AGENTS)
def test_a_bot_only_crawler_user_agents_knows_is_a_bot(ua):
    assert not CrawlerDetect().isCrawler(ua)  # so this case needs the other list
    assert crawleruseragents.is_crawler(ua)
    assert readers.is_bot(ua)


def test_headless_chrome_adds_no_view(client, article):  # noqa: F811
    assert beacon(client, article.pk, ua=HEADLESS_CHROME).status_code == 204
    assert views(article) == 0


def test_browsers_with_unusual_tokens_each_count(client, article):  # noqa: F811
    for i, ua in enumerate(UNUSUAL_BROWSERS):
        assert not readers.is_bot(ua), ua
        assert beacon(client, article.pk, ua=ua, ip=f"198.51.100.{i + 20}").status_code == 204
    assert views(article) == len(UNUSUAL_BROWSERS)


def test_the_word_robot_anywhere_makes_a_bot():
    firefox = "Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0"
    assert not readers.is_bot(firefox)
    assert readers.is_bot(firefox + " (robotics-lab edition)")
