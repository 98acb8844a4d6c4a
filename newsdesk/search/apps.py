from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "newsdesk.search"
    label = "search"
    verbose_name = "Search"

    def ready(self) -> None:
        from newsdesk.newsroom.admin import ArticleAdmin
        from newsdesk.search import signal_handlers
        from newsdesk.search.selectors import admin_article_search

        signal_handlers.connect()
        # The newsroom's search box uses this app's index (the newsroom cannot import it).
        ArticleAdmin.search_engine = staticmethod(admin_article_search)
