"""The newsroom's roles as groups: Contributor, Editor, Moderator.

Permissions are created here first: on a fresh database Django makes them only after
all migrations, and the groups need them now.
"""

from django.db import migrations

ROLES = {
    "Contributor": [
        "newsroom.add_article", "newsroom.change_article", "newsroom.view_article",
        "newsroom.add_byline", "newsroom.change_byline", "newsroom.delete_byline",
        "newsroom.view_byline", "newsroom.view_section", "newsroom.view_tag",
        "newsroom.view_contributor", "newsroom.view_correction",
    ],
    "Editor": [
        "newsroom.add_article", "newsroom.change_article", "newsroom.view_article",
        "newsroom.delete_article", "newsroom.publish_article", "newsroom.edit_any_article",
        "newsroom.add_byline", "newsroom.change_byline", "newsroom.delete_byline",
        "newsroom.view_byline", "newsroom.add_correction", "newsroom.view_correction",
        "newsroom.add_section", "newsroom.change_section", "newsroom.view_section",
        "newsroom.add_tag", "newsroom.change_tag", "newsroom.view_tag",
        "newsroom.add_contributor", "newsroom.change_contributor", "newsroom.view_contributor",
        "audience.add_mustread", "audience.change_mustread", "audience.delete_mustread",
        "audience.view_mustread", "audience.view_articlestats",
    ],
    "Moderator": [
        "comments.view_comment", "comments.change_comment", "comments.delete_comment",
    ],
}


def create_roles(apps, schema_editor):
    from django.contrib.auth.management import create_permissions

    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, codes in ROLES.items():
        group, _ = Group.objects.get_or_create(name=name)
        for code in codes:
            app_label, codename = code.split(".")
            group.permissions.add(
                Permission.objects.get(content_type__app_label=app_label, codename=codename)
            )


def remove_roles(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=ROLES).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("newsroom", "0001_initial"),
        ("audience", "0001_initial"),
        ("comments", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_roles, remove_roles)]
