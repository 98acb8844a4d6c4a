from django.apps import AppConfig


class CoverageConfig(AppConfig):
    name = "newsdesk.coverage"
    label = "coverage"
    verbose_name = "Live coverage"

    def ready(self) -> None:
        from newsdesk.coverage import signal_handlers

        signal_handlers.connect()

        from newsdesk.coverage.admin import article_tool
        from newsdesk.newsroom.admin.articles import ArticleAdmin

        # The article form is the newsroom's; live coverage adds the link to its desk there
        # (docs/architecture.md: the higher layer registers itself with the lower).
        ArticleAdmin.tool_links = [*ArticleAdmin.tool_links, article_tool]
