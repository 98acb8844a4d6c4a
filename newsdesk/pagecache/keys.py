"""Surrogate keys: the names of what a cached page shows, so a change purges exactly its pages.

A view names what its page shows with ``tag``; the page cache stores the page under those keys
and sends them to a CDN in the ``Surrogate-Key`` header. The vocabulary:

``article:<id>``      the article's content (its own page, and every page listing it)
``comments:<id>``     the article's reader comments (its own page only)
``live:<id>``         a live article's page, its updates' polling address and feed
                      (docs/coverage.md)
``section:<id>``, ``contributor:<id>``, ``tag:<id>``   that page's list of articles
``home``              the home page
``list:just-in``      pages showing Just In (a newly published or withdrawn article changes it)
``list:must-reads``   pages showing Must-Reads (editors' pins)
``feeds``, ``sitemaps``   every feed; every sitemap and the sitemap index
"""

from __future__ import annotations

from collections.abc import Iterable

from django.http import HttpResponse

HEADER = "Surrogate-Key"
JUST_IN = "list:just-in"
MUST_READS = "list:must-reads"
HOME = "home"
FEEDS = "feeds"
SITEMAPS = "sitemaps"

# Pages whose keys follow from their address (Django's own feed and sitemap views).
BY_PATH_PREFIX = (("/feeds/", (FEEDS,)), ("/sitemap", (SITEMAPS,)))


def article(pk: int) -> str:
    return f"article:{pk}"


def comments(article_id: int) -> str:
    return f"comments:{article_id}"


def live(article_id: int) -> str:
    return f"live:{article_id}"


def of(kind: str, pk: int) -> str:
    return f"{kind}:{pk}"


def tag(response: HttpResponse, *keys: str, articles: Iterable = ()) -> HttpResponse:
    """Marks the response as showing ``keys`` and each of ``articles``."""
    names = dict.fromkeys([*keys, *(article(a.pk) for a in articles)])
    response[HEADER] = " ".join(names)
    return response


def for_path(path: str) -> tuple[str, ...]:
    for prefix, names in BY_PATH_PREFIX:
        if path.startswith(prefix):
            return names
    return ()
