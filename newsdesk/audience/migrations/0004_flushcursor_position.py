# The cursor's value is an entry id for the Redis stream and a byte offset for a view journal:
# "position" says what it holds for both. A rename: every stored cursor keeps its value.
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("audience", "0003_recentview_counts_again_at"),
    ]

    operations = [
        migrations.RenameField(model_name="flushcursor", old_name="last_id", new_name="position"),
        migrations.AlterField(
            model_name="flushcursor",
            name="position",
            field=models.CharField(default="0-0", max_length=64, verbose_name="written up to"),
        ),
    ]
