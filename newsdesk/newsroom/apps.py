from django.apps import AppConfig


class NewsroomConfig(AppConfig):
    name = "newsdesk.newsroom"
    label = "newsroom"
    verbose_name = "Newsroom"

    def ready(self) -> None:
        from newsdesk.images import usage
        from newsdesk.newsroom import selectors, signal_handlers
        from newsdesk.pagecache import expiry

        signal_handlers.connect()
        # The library shows where each image is used (its admin, the expiring list).
        usage.register("newsroom", selectors.image_uses)

        def next_scheduled() -> float | None:
            moment = selectors.next_scheduled_at()
            return moment.timestamp() if moment else None

        # A scheduled story goes public by its time alone: cached pages end their life then.
        expiry.register("newsroom.scheduled", next_scheduled)
