"""The search index's own table: one row per article, derived from it and rebuildable.

The row carries what every search filters and ranks on (is the article live, since when,
in which section), so a query reads this narrow table instead of the wide article rows.
The terms themselves live where each database searches them: an FTS5 table on SQLite
(``search_fts``, created by this app's migration) or the ``vector`` column on PostgreSQL.
"""

from __future__ import annotations

from django.contrib.postgres.search import SearchVectorField
from django.db import models

from newsdesk.newsroom.models import Article, Section


class SearchDocument(models.Model):
    article = models.OneToOneField(
        Article,
        verbose_name="article",
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="search_document",
    )
    section = models.ForeignKey(
        Section, verbose_name="section", on_delete=models.CASCADE, related_name="+"
    )
    live_from = models.DateTimeField(
        "live from",
        null=True,
        blank=True,
        help_text="The publish time of a published or scheduled article; empty otherwise. "
        "Readers' searches ask for a time that has come, so scheduling needs no reindex.",
    )
    vector = SearchVectorField(
        "terms (PostgreSQL)",
        null=True,
        editable=False,
        help_text="Weighted terms, GIN-indexed on PostgreSQL; unused on SQLite.",
    )
    indexed_at = models.DateTimeField("indexed", auto_now=True)

    class Meta:
        db_table = "search_document"  # named in the SQL of the backends and the migration

    def __str__(self) -> str:
        return f"Search document of article {self.article_id}"
