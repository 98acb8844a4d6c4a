from django.apps import AppConfig


class CommentsConfig(AppConfig):
    name = "newsdesk.comments"
    label = "comments"
    verbose_name = "Reader comments"

    def ready(self) -> None:
        from newsdesk.comments import signal_handlers

        signal_handlers.connect()
