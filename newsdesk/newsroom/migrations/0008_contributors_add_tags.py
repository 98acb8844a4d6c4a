"""Contributors may add tags: a new tag from the article form's "+" while writing (docs/desk.md,
"The body editor"). Changing and deleting tags stay with the editors."""

from django.db import migrations

ROLE = "Contributor"
CODENAME = "add_tag"


def grant(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group = Group.objects.filter(name=ROLE).first()
    if group is not None:
        group.permissions.add(
            Permission.objects.get(content_type__app_label="newsroom", codename=CODENAME)
        )


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group = Group.objects.filter(name=ROLE).first()
    if group is not None:
        group.permissions.remove(
            *Permission.objects.filter(content_type__app_label="newsroom", codename=CODENAME)
        )


class Migration(migrations.Migration):
    dependencies = [("newsroom", "0007_article_version")]

    operations = [migrations.RunPython(grant, revoke)]
