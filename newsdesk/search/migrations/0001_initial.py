import django.contrib.postgres.search
import django.db.models.deletion
from django.db import migrations, models

# Each database keeps the terms where it searches them. Neither structure is a Django model:
# SQLite's is a virtual table, PostgreSQL's an index type Django cannot create on SQLite.
SQLITE_FORWARD = [
    # Terms are made only of letters and digits, already folded: the tokenizer just splits.
    "CREATE VIRTUAL TABLE search_fts USING fts5("
    "headline, summary, body, tokenize = 'unicode61 remove_diacritics 0')",
    # The headline weighs 10, the summary 4, the body 1.
    "INSERT INTO search_fts (search_fts, rank) VALUES ('rank', 'bm25(10.0, 4.0, 1.0)')",
    # A document leaves (its article was deleted): its terms leave with it, whatever deleted it.
    "CREATE TRIGGER search_document_delete AFTER DELETE ON search_document "
    "BEGIN DELETE FROM search_fts WHERE rowid = old.article_id; END",
]
SQLITE_BACKWARD = [
    "DROP TRIGGER IF EXISTS search_document_delete",
    "DROP TABLE IF EXISTS search_fts",
]
POSTGRES_FORWARD = [
    "CREATE INDEX search_document_vector_idx ON search_document USING gin (vector)",
    # Keep the vectors out of line, so the rows a search filters on stay a few dozen bytes
    # and only the ranked window's vectors are read.
    "ALTER TABLE search_document ALTER COLUMN vector SET STORAGE EXTERNAL",
    "ALTER TABLE search_document SET (toast_tuple_target = 128)",
]
POSTGRES_BACKWARD = ["DROP INDEX IF EXISTS search_document_vector_idx"]


def _run(statements_by_vendor):
    def run(apps, schema_editor):
        for statement in statements_by_vendor.get(schema_editor.connection.vendor, []):
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ("newsroom", "0001_initial"),
    ]

    operations = [
        migrations.CreateModel(
            name="SearchDocument",
            fields=[
                (
                    "article",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.CASCADE,
                        primary_key=True,
                        related_name="search_document",
                        serialize=False,
                        to="newsroom.article",
                        verbose_name="article",
                    ),
                ),
                (
                    "live_from",
                    models.DateTimeField(
                        blank=True,
                        help_text="The publish time of a published or scheduled article; empty otherwise. Readers' searches ask for a time that has come, so scheduling needs no reindex.",
                        null=True,
                        verbose_name="live from",
                    ),
                ),
                (
                    "vector",
                    django.contrib.postgres.search.SearchVectorField(
                        editable=False,
                        help_text="Weighted terms, GIN-indexed on PostgreSQL; unused on SQLite.",
                        null=True,
                        verbose_name="terms (PostgreSQL)",
                    ),
                ),
                ("indexed_at", models.DateTimeField(auto_now=True, verbose_name="indexed")),
                (
                    "section",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="+",
                        to="newsroom.section",
                        verbose_name="section",
                    ),
                ),
            ],
            options={
                "db_table": "search_document",
            },
        ),
        migrations.RunPython(
            _run({"sqlite": SQLITE_FORWARD, "postgresql": POSTGRES_FORWARD}),
            _run({"sqlite": SQLITE_BACKWARD, "postgresql": POSTGRES_BACKWARD}),
        ),
    ]
