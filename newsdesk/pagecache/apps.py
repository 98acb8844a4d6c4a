from django.apps import AppConfig


class PageCacheConfig(AppConfig):
    name = "newsdesk.pagecache"
    label = "pagecache"
    verbose_name = "Page cache"

    def ready(self) -> None:
        from newsdesk.pagecache import signal_handlers

        signal_handlers.connect()
