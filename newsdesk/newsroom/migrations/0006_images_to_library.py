"""Lead images and contributor photos move into the image library (newsdesk.images).

Each stored file becomes a library Image under the same name (nothing is copied or lost),
with the article's alt text, caption and credit; the article and contributor then refer to
it. Stored revisions are rewritten the same way, so restoring an old version after this
migration brings back its picture. Renditions are made afterwards by `newsdesk renditions`
(`make run` runs it); until then pages show the original.

The old columns go in the next migration (0006_images_to_library_schema), in a transaction of
its own: PostgreSQL refuses to alter a table that rows written in the same transaction still
have deferred foreign-key checks pending on.
"""

import json

import django.db.models.deletion
from django.db import migrations, models


def _dimensions(storage, name):
    try:
        from PIL import Image as PILImage

        with storage.open(name, "rb") as handle, PILImage.open(handle) as picture:
            return picture.size
    except Exception:  # noqa: BLE001 - a missing or unreadable file keeps its record
        return (1, 1)


class _Library:
    """Library images by stored file name, made on first sight."""

    def __init__(self, apps):
        self.Image = apps.get_model("images", "Image")
        self.by_name = {}

    def get(self, name, *, alt, caption="", credit="", width=None, height=None, **extra):
        if not name:
            return None
        if name not in self.by_name:
            image = self.Image(file=name, alt_text=alt or "Picture", caption=caption or "",
                               credit=credit or "", **extra)
            if width and height:
                image.width, image.height = width, height
            else:
                image.width, image.height = _dimensions(image.file.storage, name)
            image.save()
            self.by_name[name] = image.pk
        return self.by_name[name]


def to_library(apps, schema_editor):
    Article = apps.get_model("newsroom", "Article")
    Contributor = apps.get_model("newsroom", "Contributor")
    library = _Library(apps)
    for article in Article.objects.exclude(lead_image="").iterator():
        image_id = library.get(
            article.lead_image.name,
            alt=article.lead_image_alt or article.headline,
            caption=article.lead_image_caption,
            credit=article.lead_image_credit,
            width=article.lead_image_width,
            height=article.lead_image_height,
            title=article.headline[:200],
            uploaded_by_id=article.created_by_id,
            uploaded_at=article.created_at,
        )
        Article.objects.filter(pk=article.pk).update(lead_picture_id=image_id)
    for contributor in Contributor.objects.exclude(photo="").iterator():
        image_id = library.get(
            contributor.photo.name,
            alt=f"Portrait of {contributor.display_name}",
            title=f"{contributor.display_name}, portrait"[:200],
            source="staff",
        )
        Contributor.objects.filter(pk=contributor.pk).update(portrait_id=image_id)
    _rewrite_versions(apps, library)


def _rewrite_versions(apps, library):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Version = apps.get_model("reversion", "Version")
    content_type = ContentType.objects.filter(app_label="newsroom", model="article").first()
    if content_type is None:
        return
    for version in Version.objects.filter(content_type=content_type, format="json").iterator():
        data = json.loads(version.serialized_data)
        fields = data[0]["fields"]
        name = fields.pop("lead_image", "") or ""
        alt = fields.pop("lead_image_alt", "")
        credit = fields.pop("lead_image_credit", "")
        width = fields.pop("lead_image_width", None)
        height = fields.pop("lead_image_height", None)
        # The name the field has once this migration is done (RenameField below).
        fields["lead_image"] = library.get(
            name, alt=alt or fields.get("headline", ""), caption=fields.get("lead_image_caption"),
            credit=credit, width=width, height=height, title=(fields.get("headline") or "")[:200],
        )
        version.serialized_data = json.dumps(data)
        version.save(update_fields=["serialized_data"])


def from_library(apps, schema_editor):
    Article = apps.get_model("newsroom", "Article")
    Contributor = apps.get_model("newsroom", "Contributor")
    for article in Article.objects.exclude(lead_picture=None).select_related("lead_picture"):
        image = article.lead_picture
        Article.objects.filter(pk=article.pk).update(
            lead_image=image.file.name, lead_image_alt=image.alt_text,
            lead_image_credit=image.credit, lead_image_width=image.width,
            lead_image_height=image.height,
            lead_image_caption=article.lead_image_caption or image.caption,
        )
    for contributor in Contributor.objects.exclude(portrait=None).select_related("portrait"):
        Contributor.objects.filter(pk=contributor.pk).update(photo=contributor.portrait.file.name)


class Migration(migrations.Migration):
    dependencies = [
        ("newsroom", "0005_latest_by_update_index"),
        ("images", "0001_initial"),
        ("reversion", "0002_add_index_on_version_for_content_type_and_db"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.AddField(
            model_name="article",
            name="lead_picture",
            field=models.ForeignKey(
                blank=True, null=True, on_delete=django.db.models.deletion.PROTECT,
                related_name="+", to="images.image", verbose_name="lead image",
                help_text="From the image library; its alt text, credit and rights come with it.",
            ),
        ),
        migrations.AddField(
            model_name="contributor",
            name="portrait",
            field=models.ForeignKey(
                blank=True, null=True, on_delete=django.db.models.deletion.PROTECT,
                related_name="+", to="images.image", verbose_name="photo",
                help_text="A portrait from the image library.",
            ),
        ),
        migrations.RunPython(to_library, from_library),
    ]
