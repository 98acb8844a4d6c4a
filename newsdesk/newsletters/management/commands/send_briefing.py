"""newsdesk send_briefing [--edition en] [--now]: today's morning briefing by hand."""

from django.core.management.base import BaseCommand, CommandError

from newsdesk.newsletters import services

EDITIONS = ("en",)  # one edition until issue 20's editions land


class Command(BaseCommand):
    help = (
        "Compose today's morning briefing (a draft that goes at NEWSDESK_BRIEFING_TIME, "
        "editable until then in the admin), or with --now compose it and send it at once."
    )

    def add_arguments(self, parser):
        parser.add_argument("--edition", default="en", help="The edition (this newsroom: en).")
        parser.add_argument("--now", action="store_true", help="Send at once.")

    def handle(self, *args, edition: str, now: bool, **options):
        if edition not in EDITIONS:
            raise CommandError(
                f"There is no edition {edition!r}: this newsroom has one edition, 'en'."
            )
        letter = services.briefing_compose(force=True)
        if now and letter.status == letter.Status.DRAFT:
            letter = services.letter_release(letter=letter)
        self.stdout.write(
            f"{letter.subject}: {letter.get_status_display()}, goes at "
            f"{letter.send_at:%Y-%m-%d %H:%M %Z}"
        )
