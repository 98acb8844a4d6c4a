from django.apps import AppConfig


class ImportsConfig(AppConfig):
    name = "newsdesk.imports"
    label = "imports"
    verbose_name = "Imports and old addresses"

    def ready(self) -> None:
        from newsdesk.imports import services, signal_handlers
        from newsdesk.newsroom import services as newsroom

        signal_handlers.connect()
        # A live article whose slug or date changes keeps its old address as a 301
        # (docs/architecture.md: the higher layer registers itself with the lower).
        if services.redirect_keep not in newsroom.address_moved:
            newsroom.address_moved.append(services.redirect_keep)
