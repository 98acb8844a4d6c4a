from django.apps import AppConfig


class CoverageConfig(AppConfig):
    name = "newsdesk.coverage"
    label = "coverage"
    verbose_name = "Live coverage"

    def ready(self) -> None:
        from newsdesk.coverage import signal_handlers

        signal_handlers.connect()
