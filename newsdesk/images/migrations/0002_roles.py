"""The newsroom's roles work the image library: contributors upload and edit, editors also
delete (which the database refuses while an article shows the image)."""

from django.db import migrations

ROLES = {
    "Contributor": [
        "add_image", "change_image", "view_image", "add_imagetag", "view_imagetag",
    ],
    "Editor": [
        "add_image", "change_image", "view_image", "delete_image",
        "add_imagetag", "change_imagetag", "view_imagetag", "delete_imagetag",
    ],
}


def grant(apps, schema_editor):
    from django.contrib.auth.management import create_permissions

    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, codes in ROLES.items():
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.add(
            *Permission.objects.filter(content_type__app_label="images", codename__in=codes)
        )


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for group in Group.objects.filter(name__in=ROLES):
        group.permissions.remove(*Permission.objects.filter(content_type__app_label="images"))


class Migration(migrations.Migration):
    dependencies = [
        ("images", "0001_initial"),
        ("newsroom", "0002_roles"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
