from django.apps import AppConfig


class ImportsConfig(AppConfig):
    name = "newsdesk.imports"
    label = "imports"
    verbose_name = "Imports and old addresses"

    def ready(self) -> None:
        from newsdesk.imports import signal_handlers

        signal_handlers.connect()
