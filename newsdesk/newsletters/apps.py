from django.apps import AppConfig


class NewslettersConfig(AppConfig):
    name = "newsdesk.newsletters"
    label = "newsletters"
    verbose_name = "Newsletters"

    def ready(self) -> None:
        from newsdesk.newsletters import signal_handlers

        signal_handlers.connect()

        from newsdesk.newsletters.admin import article_tool
        from newsdesk.newsroom.admin.articles import ArticleAdmin

        # The article form is the newsroom's; newsletters add the breaking-alert link there
        # (docs/architecture.md: the higher layer registers itself with the lower).
        ArticleAdmin.tool_links = [*ArticleAdmin.tool_links, article_tool]
