"""Moderators work the new moderation tables too: bans and reports."""

from django.db import migrations

CODES = [
    "add_bannedreader", "change_bannedreader", "delete_bannedreader", "view_bannedreader",
    "view_commentreport",
]


def grant(apps, schema_editor):
    from django.contrib.auth.management import create_permissions

    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    moderator, _ = Group.objects.get_or_create(name="Moderator")
    for code in CODES:
        moderator.permissions.add(
            Permission.objects.get(content_type__app_label="comments", codename=code)
        )


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    moderator = Group.objects.filter(name="Moderator").first()
    if moderator:
        moderator.permissions.remove(
            *Permission.objects.filter(content_type__app_label="comments", codename__in=CODES)
        )


class Migration(migrations.Migration):
    dependencies = [
        ("comments", "0002_bannedreader_commentreport_comment_edit_token_hash_and_more"),
        ("newsroom", "0002_roles"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
