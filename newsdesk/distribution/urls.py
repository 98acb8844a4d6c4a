from django.contrib.sitemaps import views as sitemap_views
from django.urls import path
from django.views.decorators.http import require_safe

from newsdesk.distribution import views
from newsdesk.distribution.feeds import ArticleFeed, LiveUpdatesFeed, NewsAtomFeed, NewsRssFeed
from newsdesk.distribution.sitemaps import NEWS, SITEMAPS

app_name = "distribution"

sitemap = require_safe(sitemap_views.sitemap)

urlpatterns = [
    path("robots.txt", views.robots_txt, name="robots"),
    path("sitemap.xml", views.sitemap_index, name="sitemap-index"),
    path(
        "sitemap-news.xml",
        sitemap,
        {"sitemaps": NEWS, "template_name": "distribution/sitemap_news.xml"},
        name="sitemap-news",
    ),
    path(
        "sitemap-<slug:section>.xml",
        sitemap,
        # Django's own template writes the date only; a same-day correction must show.
        {"sitemaps": SITEMAPS, "template_name": "distribution/sitemap.xml"},
        name="sitemap",
    ),
    path("feeds/rss/", ArticleFeed("site", NewsRssFeed), name="rss"),
    path("feeds/atom/", ArticleFeed("site", NewsAtomFeed), name="atom"),
]
for kind in ("section", "contributor", "tag"):
    urlpatterns += [
        path(f"feeds/{kind}/<slug:slug>/rss/", ArticleFeed(kind, NewsRssFeed), name=f"{kind}-rss"),
        path(
            f"feeds/{kind}/<slug:slug>/atom/", ArticleFeed(kind, NewsAtomFeed), name=f"{kind}-atom"
        ),
    ]
# A live page's updates (docs/coverage.md); under live/ beside the coverage app's own addresses,
# not under feeds/, so the site-wide feeds key does not purge it with every article.
urlpatterns.append(
    path("live/<int:article_id>/feed/", LiveUpdatesFeed(), name="live-feed"),
)
