from datetime import timedelta

from django.db import migrations, models
from django.db.models import F


def fill(apps, schema_editor):
    # The window was 30 minutes for every key written before this field existed.
    RecentView = apps.get_model("audience", "RecentView")
    RecentView.objects.update(counts_again_at=F("seen_at") + timedelta(minutes=30))


class Migration(migrations.Migration):
    dependencies = [("audience", "0002_counting")]

    operations = [
        migrations.AddField(
            model_name="recentview",
            name="counts_again_at",
            field=models.DateTimeField("a new view counts from", null=True),
        ),
        migrations.RunPython(fill, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="recentview",
            name="counts_again_at",
            field=models.DateTimeField("a new view counts from"),
        ),
        migrations.RemoveIndex(model_name="recentview", name="recentview_seen_idx"),
        migrations.AddIndex(
            model_name="recentview",
            index=models.Index(fields=["counts_again_at"], name="recentview_again_idx"),
        ),
    ]
