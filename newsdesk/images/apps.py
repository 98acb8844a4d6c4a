from django.apps import AppConfig


class ImagesConfig(AppConfig):
    name = "newsdesk.images"
    label = "images"
    verbose_name = "Image library"

    def ready(self) -> None:
        from newsdesk.images import selectors
        from newsdesk.pagecache import expiry

        def next_expiry() -> float | None:
            moment = selectors.next_rights_expiry_at()
            return moment.timestamp() if moment else None

        # A photo whose rights run out leaves every page at that moment, with no job
        # (docs/images.md): stored pages end their life then, as for a scheduled story.
        expiry.register("images.rights", next_expiry)
