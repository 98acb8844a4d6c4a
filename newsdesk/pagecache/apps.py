from django.apps import AppConfig


class PageCacheConfig(AppConfig):
    """The page cache. It knows no content model: each app that owns content purges the pages
    showing it from its own signal handlers (docs/architecture.md)."""

    name = "newsdesk.pagecache"
    label = "pagecache"
    verbose_name = "Page cache"
