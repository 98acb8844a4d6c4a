from django.apps import AppConfig


class NewsroomConfig(AppConfig):
    name = "newsdesk.newsroom"
    label = "newsroom"
    verbose_name = "Newsroom"

    def ready(self) -> None:
        from newsdesk.newsroom import signal_handlers

        signal_handlers.connect()
