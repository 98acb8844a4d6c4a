from django.core.management.base import BaseCommand, CommandError

from newsdesk.coverage.demo import FINISHED_POSTS, DemoLiveError, demo_live_load
from newsdesk.newsroom.demo.loader import DemoDataError


class Command(BaseCommand):
    help = (
        f"Add the demo newsroom's live coverage: a finished live page with {len(FINISHED_POSTS)} "
        "updates and a running one (`newsdesk demo_live` feeds it). Does nothing the second time."
    )

    def handle(self, *args, **options):
        try:
            loaded = demo_live_load()
        except DemoDataError as error:
            raise CommandError(f"Demo live pages not added: {error}") from error
        except DemoLiveError as error:  # a site of one's own: `make run` goes on without them
            self.stdout.write(f"No demo live pages added: {error}.")
            return
        if loaded is None:
            self.stdout.write("The demo live pages are here already: not added again.")
            return
        for article in (loaded.finished, loaded.running):
            state = "running" if article.coverage_running else "finished"
            self.stdout.write(f"  {state:<9} {article.get_absolute_url()}")
        self.stdout.write(
            self.style.SUCCESS(
                "Demo live pages added; `newsdesk demo_live` posts to the running one."
            )
        )
