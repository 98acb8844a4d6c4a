import time

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone
from django.utils.text import Truncator

from newsdesk.coverage.demo import (
    RUNNING_POSTS,
    DemoLiveError,
    demo_editor,
    demo_live_post,
    running_page,
)
from newsdesk.coverage.models import Update
from newsdesk.newsroom.writing import plain_text
from newsdesk.site.errors import NewsdeskError


class Command(BaseCommand):
    help = (
        "Post an update to the demo's running live page every 30 seconds (prepared texts, in "
        "turn) until interrupted, so you can watch the page update itself."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--every", type=float, default=30.0, metavar="SECONDS", help="Seconds between updates."
        )
        parser.add_argument(
            "--count", type=int, default=0, metavar="N", help="Stop after N updates (0: never)."
        )

    def handle(self, *args, every: float, count: int, **options):
        if every < 0 or count < 0:
            raise CommandError("--every and --count take 0 or more.")
        try:
            article, editor = running_page(), demo_editor()
        except DemoLiveError as error:
            raise CommandError(f"Nothing to post to: {error}.") from error
        self.stdout.write(
            f"Posting to {article.get_absolute_url()} every {every:g} s; Ctrl+C stops."
        )
        # The demo page opens with RUNNING_POSTS; the prepared texts follow from the first.
        turn = max(0, Update.objects.filter(article=article).count() - len(RUNNING_POSTS))
        posted = 0
        try:
            while not count or posted < count:
                if posted:
                    time.sleep(every)
                try:
                    update = demo_live_post(article=article, editor=editor, turn=turn + posted)
                except NewsdeskError as error:  # closed or changed meanwhile in the newsroom
                    raise CommandError(f"Update not posted: {error}") from error
                posted += 1
                when = timezone.localtime(update.published_at).strftime("%H:%M:%S")
                words = Truncator(plain_text(update.body)).words(12)
                self.stdout.write(f"{when}  #{update.pk}  {words}")
        except KeyboardInterrupt:
            self.stdout.write("")
        self.stdout.write(f"Posted {posted} update{'' if posted == 1 else 's'}.")
