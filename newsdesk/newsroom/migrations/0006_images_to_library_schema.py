"""The second half of the move into the image library (0006_images_to_library): the article's
and contributor's old picture columns go, and the new references take their names."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("newsroom", "0006_images_to_library")]

    operations = [
        migrations.RemoveConstraint(model_name="article", name="article_lead_image_has_alt"),
        migrations.RemoveField(model_name="article", name="lead_image"),
        migrations.RemoveField(model_name="article", name="lead_image_alt"),
        migrations.RemoveField(model_name="article", name="lead_image_credit"),
        migrations.RemoveField(model_name="article", name="lead_image_height"),
        migrations.RemoveField(model_name="article", name="lead_image_width"),
        migrations.RemoveField(model_name="contributor", name="photo"),
        migrations.RenameField(
            model_name="article", old_name="lead_picture", new_name="lead_image"
        ),
        migrations.RenameField(model_name="contributor", old_name="portrait", new_name="photo"),
        migrations.AlterField(
            model_name="article",
            name="lead_image_caption",
            field=models.CharField(
                blank=True,
                help_text="Leave empty to use the library's caption.",
                max_length=300,
                verbose_name="caption for this story",
            ),
        ),
    ]
