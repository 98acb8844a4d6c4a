from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from newsdesk.security.backups import BackupError, backup_restore


class Command(BaseCommand):
    help = "Restore the database and the uploaded media from a folder written by `backup`."

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path, help="a folder written by `newsdesk backup`")
        parser.add_argument("--database", default="default")
        parser.add_argument("--noinput", "--no-input", action="store_false", dest="interactive")

    def handle(self, *args, path: Path, database: str, interactive: bool, **options):
        if interactive:
            answer = input(
                "This replaces the database and the media with the backup's. Type 'yes': "
            )
            if answer.strip().lower() != "yes":
                raise CommandError("Restore cancelled.")
        try:
            result = backup_restore(folder=path, alias=database)
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            f"Restored the {result.engine} database from {result.database_file} "
            f"and {result.media_files} media files."
        )
        if not result.pages_purged:
            self.stderr.write(
                "The page cache could not be purged: pages cached before the restore may be "
                "served until they expire (NEWSDESK_PAGE_CACHE_SECONDS, at most 60 s)."
            )
