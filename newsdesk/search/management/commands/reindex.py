"""``newsdesk reindex``: builds the search index again from every article."""

from __future__ import annotations

import time

from django.core.management.base import BaseCommand
from tqdm import tqdm

from newsdesk.newsroom.models import Article
from newsdesk.search.services import index_rebuild


class Command(BaseCommand):
    help = (
        "Rebuild the search index from every article. Searches keep working meanwhile; "
        "needed only after writes that bypassed Django (raw SQL, bulk loads)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--chunk-size", type=int, default=500, help="Articles per transaction (500)."
        )
        parser.add_argument("--no-progress", action="store_true", help="Hide the progress bar.")

    def handle(self, *args, chunk_size: int, no_progress: bool, **options):
        started = time.monotonic()
        total = Article.objects.count()
        with tqdm(total=total, unit="article", disable=no_progress, file=self.stderr._out) as bar:
            done = index_rebuild(chunk_size=max(1, chunk_size), on_progress=bar.update)
        seconds = time.monotonic() - started
        self.stdout.write(self.style.SUCCESS(f"Indexed {done} articles in {seconds:.1f} s."))
