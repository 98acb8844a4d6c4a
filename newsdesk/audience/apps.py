from django.apps import AppConfig


class AudienceConfig(AppConfig):
    name = "newsdesk.audience"
    label = "audience"
    verbose_name = "Audience"

    def ready(self) -> None:
        from newsdesk.audience import (
            checks,  # noqa: F401 - registers the checks
            signal_handlers,
        )

        signal_handlers.connect()
