"""The sitemap index and robots.txt. Feeds and sitemaps themselves are Django's own views."""

from __future__ import annotations

from django.contrib.sitemaps.views import SitemapIndexItem, x_robots_tag
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.response import TemplateResponse
from django.urls import reverse
from django.views.decorators.http import require_safe

from newsdesk.distribution.addresses import absolute
from newsdesk.distribution.sitemaps import NEWS, SITEMAPS

# Never for crawlers: the newsroom, the API, and the endpoints that count views or take
# comments. Previews share their article's address but answer 404 to anyone not signed in as
# staff, with noindex, so no rule can or needs to name them.
DISALLOW = ["/admin/", "/api/", "/audience/", "/comments/"]


@require_safe
@x_robots_tag
def sitemap_index(request: HttpRequest) -> TemplateResponse:
    """Every page of every sitemap, by SITE_URL (Django's index view uses the request's host)."""
    entries = []
    for section, sitemap_class in SITEMAPS.items():
        sitemap = sitemap_class()
        location = absolute(reverse("distribution:sitemap", kwargs={"section": section}))
        lastmod = sitemap.get_latest_lastmod()
        entries.append(SitemapIndexItem(location, lastmod))
        entries += [
            SitemapIndexItem(f"{location}?p={page}", lastmod)
            for page in range(2, sitemap.paginator.num_pages + 1)
        ]
    news = NEWS["news"]()
    entries.append(
        SitemapIndexItem(absolute(reverse("distribution:sitemap-news")), news.get_latest_lastmod())
    )
    return TemplateResponse(
        request, "sitemap_index.xml", {"sitemaps": entries}, content_type="application/xml"
    )


@require_safe
def robots_txt(request: HttpRequest) -> HttpResponse:
    sitemaps = [
        absolute(reverse(f"distribution:{name}")) for name in ("sitemap-index", "sitemap-news")
    ]
    context = {"disallow": DISALLOW, "sitemaps": sitemaps}
    return render(request, "distribution/robots.txt", context, content_type="text/plain")
