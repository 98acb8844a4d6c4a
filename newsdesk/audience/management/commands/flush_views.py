from django.core.management.base import BaseCommand, CommandError

from newsdesk.audience.stores import StoreUnavailable, get_store


class Command(BaseCommand):
    help = (
        "Write counted views held in Redis, or left in the view journal of a stopped server "
        "process, through to the database now."
    )

    def handle(self, *args, **options):
        try:
            written = get_store().flush(force=True)
        except StoreUnavailable as error:
            message = "Redis cannot be reached; the views wait there for a later flush."
            raise CommandError(message) from error
        self.stdout.write(f"{written} view(s) written through.")
