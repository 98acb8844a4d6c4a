from django.core.management.base import BaseCommand

from newsdesk.audience.stores import get_store


class Command(BaseCommand):
    help = "Write counted views held in Redis through to the database now (nothing to do on SQL)."

    def handle(self, *args, **options):
        written = get_store().flush(force=True)
        self.stdout.write(f"{written} view(s) written through.")
