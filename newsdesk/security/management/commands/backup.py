from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from newsdesk.security.backups import BackupError, backup_create


class Command(BaseCommand):
    help = "Back up the database and the uploaded media into a folder, while the site serves."

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path, help="the folder to write (made if missing)")
        parser.add_argument("--database", default="default")

    def handle(self, *args, path: Path, database: str, **options):
        try:
            result = backup_create(folder=path, alias=database)
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            f"Backed up the {result.engine} database to {result.database_file} "
            f"and {result.media_files} media files to {path / 'media.tar'}."
        )
