"""`newsdesk import wordpress|ghost|ninjs PATH [--media-dir DIR] [--dry-run]`: another site's
export, or Newsdesk's own open export, brought in (docs/imports.md)."""

from __future__ import annotations

import sys

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from newsdesk.imports.errors import ExportRefused
from newsdesk.imports.ninjs_import import ninjs_import
from newsdesk.imports.services import ghost_import, wordpress_import


class Command(BaseCommand):
    help = (
        "Import an export: `import wordpress PATH` (a WXR file), `import ghost PATH` (Ghost's "
        "JSON), `import ninjs PATH` (a folder written by `newsdesk export`)."
    )

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
        ghost = sources.add_parser("ghost", help="A Ghost export (JSON), Ghost 2 to 5.")
        ghost.add_argument("path", help="The export file (.json).")
        ghost.add_argument(
            "--media-dir",
            help="The old site's content/images folder (default: content/images beside PATH).",
        )
        ghost.add_argument(
            "--site-url", default="", help="The old site's address, e.g. https://old.example."
        )
        ninjs = sources.add_parser(
            "ninjs", help="A Newsdesk open export folder (`newsdesk export`): ninjs 2.x and more."
        )
        ninjs.add_argument("path", help="The export folder (with its manifest.json).")
        for source in (wordpress, ghost, ninjs):
            source.add_argument(
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
            if source == "ninjs":
                report = ninjs_import(path=path, dry_run=dry_run, progress=progress)
            elif source == "ghost":
                report = ghost_import(
                    path=path,
                    media_dir=media_dir,
                    site_url=options.get("site_url", ""),
                    dry_run=dry_run,
                    progress=progress,
                )
            else:
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
