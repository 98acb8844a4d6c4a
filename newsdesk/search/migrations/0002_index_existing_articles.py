from django.db import migrations


def index_existing_articles(apps, schema_editor):
    """A newsroom that had articles before search came: index them once.

    A new database has none (every article saved from now on is indexed as it is saved),
    so this does nothing there. It uses the search service as it is today: should the
    SearchDocument model change, make this a no-op and point to `newsdesk reindex`.
    """
    Article = apps.get_model("newsroom", "Article")
    if not Article.objects.using(schema_editor.connection.alias).exists():
        return
    from newsdesk.search.services import index_rebuild

    index_rebuild()


class Migration(migrations.Migration):

    dependencies = [
        ("search", "0001_initial"),
    ]

    operations = [
        migrations.RunPython(index_existing_articles, migrations.RunPython.noop),
    ]
