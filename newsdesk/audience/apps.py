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

        from newsdesk.audience import selectors
        from newsdesk.pagecache import expiry

        def next_pin_expiry() -> float | None:
            moment = selectors.next_pin_expiry_at()
            return moment.timestamp() if moment else None

        # A Must-Read pin leaves the list at its expiry with no job: cached pages and kept
        # lists end their life then, as for a scheduled story (docs/pagecache.md).
        expiry.register("audience.pins", next_pin_expiry)
