"""`newsdesk renditions`: makes the renditions every library image lacks (after a migration
or an import), with a progress bar. Images whose renditions are made are skipped at the cost
of reading their row; `--force` makes them all again."""

from __future__ import annotations

from django.core.management.base import BaseCommand
from tqdm import tqdm

from newsdesk.images import pixels, renditions
from newsdesk.images.models import Image


class Command(BaseCommand):
    help = "Make the renditions (AVIF, WebP, JPEG; card; squares) that library images lack."

    def add_arguments(self, parser):
        parser.add_argument("--force", action="store_true", help="Make every image's again.")

    def handle(self, *args, force: bool = False, **options):
        todo = [
            image
            for image in Image.objects.only(
                "id", "file", "width", "height", "focal_x", "focal_y", "renditions_key"
            ).iterator()
            if force or image.renditions_key != renditions.key_for(image)
        ]
        failed = 0
        for image in tqdm(todo, desc="Renditions", unit="image", disable=not todo):
            if force:
                renditions.delete_all(image.file.storage, image.pk)
                image.renditions_key = ""
            try:
                renditions.make(image)
            except (OSError, *pixels.DECODE_ERRORS) as error:
                failed += 1
                self.stderr.write(f"Image {image.pk} ({image.file.name}): {error}")
        self.stdout.write(f"Renditions made for {len(todo) - failed} image(s); {failed} failed.")
        if failed:
            raise SystemExit(1)
