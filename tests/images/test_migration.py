"""The move into the library (newsroom migration 0006) on a database made before it: every
lead image and portrait becomes a library image under the same file, with its words, and old
revisions still restore their picture. Run in a subprocess on a database of its own."""

from __future__ import annotations

import json

import pytest

from tests.live import LiveServer

pytestmark = [pytest.mark.live]

BEFORE = r"""
import django, io, json; django.setup()
from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone
from PIL import Image

apps = MigrationExecutor(connection).loader.project_state([
    ("newsroom", "0005_latest_by_update_index"),
    ("reversion", "0002_add_index_on_version_for_content_type_and_db"),
]).apps
Section, Article, Contributor = (
    apps.get_model("newsroom", name) for name in ("Section", "Article", "Contributor")
)
Revision, Version = apps.get_model("reversion", "Revision"), apps.get_model("reversion", "Version")

def jpeg(size):
    out = io.BytesIO(); Image.new("RGB", size, "navy").save(out, "JPEG"); return out.getvalue()

lead = default_storage.save("lead/2025/05/ship.jpg", ContentFile(jpeg((1300, 700))))
older = default_storage.save("lead/2025/04/ship-draft.jpg", ContentFile(jpeg((800, 600))))
portrait = default_storage.save("contributors/ana.jpg", ContentFile(jpeg((300, 300))))
land = Section.objects.create(name="Land", slug="land")
article = Article.objects.create(
    headline="Ship story", slug="ship-story", section=land, status="draft",
    lead_image=lead, lead_image_width=1300, lead_image_height=700,
    lead_image_alt="A ship at dawn", lead_image_caption="Off Busan.", lead_image_credit="Navy",
)
Contributor.objects.create(
    display_name="Ana", slug="ana", public_id="CP-2025-0001", photo=portrait
)
revision = Revision.objects.create(date_created=timezone.now(), comment="First draft")
fields = {"headline": "Ship story, first draft", "slug": "ship-story", "summary": "", "body": "",
          "section": land.pk, "tags": [], "lead_image": older, "lead_image_width": 800,
          "lead_image_height": 600, "lead_image_alt": "An older ship picture",
          "lead_image_caption": "", "lead_image_credit": "File photo", "status": "draft",
          "publish_at": None, "substantively_updated_at": None, "comments_open": True,
          "created_by": None, "created_at": timezone.now().isoformat(),
          "modified_at": timezone.now().isoformat()}
content_type = ContentType.objects.get_for_model(apps.get_model("newsroom", "Article"))
Version.objects.create(
    revision=revision, object_id=str(article.pk), content_type_id=content_type.pk, db="default",
    format="json",
    serialized_data=json.dumps([{"model": "newsroom.article", "pk": article.pk, "fields": fields}]),
    object_repr="Ship story",
)
print(json.dumps({"article": article.pk, "lead": lead, "older": older, "portrait": portrait}))
"""

AFTER = r"""
import django, json; django.setup()
from reversion.models import Version
from newsdesk.images.models import Image
from newsdesk.newsroom.models import Article, Contributor

article = Article.objects.get(slug="ship-story")
image = article.lead_image
version = Version.objects.get_for_object(article).get()
old = Image.objects.get(pk=version.field_dict["lead_image_id"])
photo = Contributor.objects.get(slug="ana").photo
print(json.dumps({
    "lead": [
        image.file.name, image.width, image.height, image.alt_text, image.caption, image.credit
    ],
    "caption_kept": article.lead_image_caption,
    "older": [old.file.name, old.width, old.height, old.alt_text, old.credit],
    "portrait": [photo.file.name, photo.alt_text, photo.source, photo.width],
    "files_exist": all(i.file.storage.exists(i.file.name) for i in Image.objects.all()),
    "images": Image.objects.count(),
}))
"""


def test_lead_images_portraits_and_revisions_move_into_the_library(tmp_path):
    live = LiveServer(tmp_path)
    try:
        live.manage("migrate", "newsroom", "0005_latest_by_update_index", "-v0")
        live.manage("migrate", "reversion", "-v0")
        made = json.loads(live.python(BEFORE))
        live.manage("migrate", "-v0")
        after = json.loads(live.python(AFTER))
    finally:
        live.close()
    assert after["lead"] == [made["lead"], 1300, 700, "A ship at dawn", "Off Busan.", "Navy"]
    assert after["caption_kept"] == "Off Busan."
    assert after["older"] == [made["older"], 800, 600, "An older ship picture", "File photo"]
    assert after["portrait"] == [made["portrait"], "Portrait of Ana", "staff", 300]
    assert after["files_exist"] is True
    assert after["images"] == 3
