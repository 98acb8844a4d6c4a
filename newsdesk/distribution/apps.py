from django.apps import AppConfig


class DistributionConfig(AppConfig):
    name = "newsdesk.distribution"
    label = "distribution"
    verbose_name = "Distribution"

    def ready(self) -> None:
        from newsdesk.distribution import appearance
        from newsdesk.newsroom.admin.articles import ArticleAdmin

        # The article form previews a search result and a share card from the values this
        # app puts in the page's head (docs/architecture.md: the higher layer registers).
        ArticleAdmin.appearance = staticmethod(appearance.of_article)
