from django.core.management.base import BaseCommand, CommandError

from newsdesk.audience.demo_history import DAYS, demo_views_write
from newsdesk.newsroom.demo.loader import DemoDataError


class Command(BaseCommand):
    help = (
        f"Give the demo newsroom's stories {DAYS} days of made-up readers, counted as real "
        "views are. Does nothing once any views are counted."
    )

    def handle(self, *args, **options):
        try:
            history = demo_views_write()
        except DemoDataError as error:
            raise CommandError(f"Demo views not added: {error}") from error
        if history is None:
            self.stdout.write("Views are already counted: no demo views added.")
        elif not history.visits:
            self.stdout.write("None of the demo's stories is live here: no demo views added.")
        else:
            self.stdout.write(
                self.style.SUCCESS(
                    f"Demo views: {history.counted} counted of {history.visits} visits over "
                    f"the last {DAYS} days ({history.bot_visits} from bots, not counted)."
                )
            )
