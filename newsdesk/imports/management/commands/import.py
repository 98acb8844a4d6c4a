"""`newsdesk import wordpress PATH [--media-dir DIR] [--dry-run]` (docs/imports.md)."""

from __future__ import annotations

import sys

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from newsdesk.imports.errors import ExportRefused
from newsdesk.imports.services import wordpress_import


class Command(BaseCommand):
    help = "Import another site's export: `import wordpress PATH` (a WXR file)."

    def add_arguments(self, parser):
        sources = parser.add_subparsers(dest="source", required=True, metavar="SOURCE")
        wordpress = sources.add_parser(
            "wordpress", help="A WordPress export (Tools > Export), WXR 1.0 to 1.2."
        )
        wordpress.add_argument("path", help="The export file (.xml).")
        wordpress.add_argument(
            "--media-dir",
            help="The old site's wp-content/uploads folder, for attachments and featured images.",
        )
        wordpress.add_argument(
            "--dry-run", action="store_true", help="Report what would happen; write nothing."
        )

    def handle(self, *args, source: str, path: str, media_dir=None, dry_run=False, **options):
        bars: list[tqdm] = []

        def progress(label: str, total: int | None):
            bar = tqdm(
                desc=label,
                total=total,
                unit="item",
                file=sys.stderr,
                disable=options.get("verbosity", 1) < 1,
                leave=False,
            )
            bars.append(bar)
            return bar.update

        try:
            report = wordpress_import(
                path=path, media_dir=media_dir, dry_run=dry_run, progress=progress
            )
        except ExportRefused as error:
            raise CommandError(str(error)) from error
        except OSError as error:
            raise CommandError(f"{path}: {error.strerror or error}") from error
        finally:
            for bar in bars:
                bar.close()
        for line in report.lines():
            self.stdout.write(line)
