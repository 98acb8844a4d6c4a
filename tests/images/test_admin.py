"""The library in the admin: uploads through the form (hostile files answered on the form,
never a 5xx), search and filters, thumbnails, deletion refused while an image is in use."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from newsdesk.images.models import Image
from tests.conftest import parse
from tests.factories import ArticleFactory, make_image, make_user, picture_bytes
from tests.images.test_uploads import png_header_only, with_exif

pytestmark = pytest.mark.django_db

ADD = "/admin/images/image/add/"


@pytest.fixture
def editor(client):
    client.force_login(make_user("ed", role="Editor"))
    return client


def upload(client, data: bytes, name: str = "photo.jpg", **fields):
    form = {"alt_text": "A ship", "source": "agency", "focal_x": "0.5", "focal_y": "0.5"}
    form.update(fields)
    form["file"] = SimpleUploadedFile(name, data, content_type="image/jpeg")
    return client.post(ADD, form)


def test_an_upload_through_the_form_is_stored_stripped_with_renditions(editor):
    response = upload(editor, with_exif(), credit="Agency", rights_note="One use")
    assert response.status_code == 302
    image = Image.objects.get()
    assert (image.width, image.height, image.credit) == (800, 600, "Agency")
    assert image.uploaded_by.username == "ed"
    assert image.renditions_key
    page = parse(editor.get("/admin/images/image/"))
    thumb = page.select_one("#result_list .field-thumbnail img")
    assert f"/images/renditions/{image.pk}/{image.renditions_key}/sq160.jpg" in thumb["src"]


@pytest.mark.parametrize(
    ("data", "says"),
    [
        (b"<svg xmlns='http://www.w3.org/2000/svg'/>", "SVG files are not accepted"),
        (png_header_only(60_000, 60_000), "megapixels"),
        (picture_bytes((900, 600))[:2000], "damaged or cut short"),
        (b"MZ\x90\x00" + b"\0" * 100, "not a picture we can read"),
    ],
    ids=["svg", "bomb", "truncated", "executable"],
)
def test_hostile_files_come_back_on_the_form_with_a_sentence(editor, data, says):
    response = upload(editor, data)
    assert response.status_code == 200
    errors = parse(response).select_one(".field-file .errorlist").get_text()
    assert says in errors
    assert Image.objects.count() == 0


def test_search_and_filters_find_by_text_source_tag_and_date(editor):
    make_image(alt_text="Frigate at sea", credit="Navy handout", source="handout", tags=["navy"])
    make_image(alt_text="Tank on a range", credit="Staff", source="staff", tags=["army"])

    def listed(query: str) -> list[str]:
        page = parse(editor.get("/admin/images/image/" + query))
        return [cell.get_text() for cell in page.select("#result_list tbody .field-__str__")]

    assert listed("?q=frigate") == ["Frigate at sea"]
    assert listed("?q=Navy+handout") == ["Frigate at sea"]
    assert listed("?source__exact=staff") == ["Tank on a range"]
    tag = Image.objects.get(alt_text="Tank on a range").tags.get()
    assert listed(f"?tags__id__exact={tag.pk}") == ["Tank on a range"]
    year = timezone.now().year
    both = ["Frigate at sea", "Tank on a range"]
    assert sorted(listed(f"?uploaded_at__year={year}")) == both  # the date drill-down
    assert listed(f"?uploaded_at__year={year - 1}") == []


def test_an_image_in_use_cannot_be_deleted(editor):
    image = make_image(alt_text="Used")
    ArticleFactory(lead_image=image, headline="Uses the picture")
    response = editor.post(f"/admin/images/image/{image.pk}/delete/", {"post": "yes"})
    assert response.status_code == 200
    assert "Uses the picture" in response.content.decode()
    assert Image.objects.filter(pk=image.pk).exists()


def test_a_contributor_uploads_but_may_not_delete(client):
    client.force_login(make_user("writer", role="Contributor"))
    assert upload(client, picture_bytes((300, 200))).status_code == 302
    image = Image.objects.get()
    assert (
        client.post(f"/admin/images/image/{image.pk}/delete/", {"post": "yes"}).status_code == 403
    )
