"""`newsdesk export PATH`: the whole newsroom as open data (docs/imports.md, "Leaving")."""

from __future__ import annotations

import sys

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from newsdesk.imports import ninjs
from newsdesk.imports.export import ExportFailed, ninjs_export


class Command(BaseCommand):
    help = (
        "Write the whole newsroom into a new folder: articles as ninjs 2.x JSON Lines, "
        "contributors, sections, tags, images, comments and the image files."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", help="A new or empty folder.")

    def handle(self, *args, path: str, **options):
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
            counts = ninjs_export(path=path, progress=progress)
        except ExportFailed as error:
            raise CommandError(str(error)) from error
        except OSError as error:
            raise CommandError(f"{path}: {error.strerror or error}") from error
        finally:
            for bar in bars:
                bar.close()
        self.stdout.write(f"Exported to {path}:")
        for name in ninjs.FILES:
            self.stdout.write(f"  {name}: {counts[name]}")
        self.stdout.write(f"  {ninjs.MEDIA}/: {counts['media']} files")
