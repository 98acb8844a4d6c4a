from django.apps import AppConfig


class PagesConfig(AppConfig):
    """The reader pages: the top layer, which composes the newsroom and the feature apps."""

    name = "newsdesk.pages"
    label = "pages"
    verbose_name = "Reader pages"
