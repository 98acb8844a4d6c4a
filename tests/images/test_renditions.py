"""Renditions: widths never wider than the original, three formats, card and squares around
the focal point, made once and named by what shapes them (docs/images.md)."""

from __future__ import annotations

import io

import pytest
from django.core.files.storage import default_storage
from django.urls import resolve
from PIL import Image as PILImage

from newsdesk.images import markup, renditions, services
from tests.factories import make_image

pytestmark = pytest.mark.django_db


def opened(name: str) -> PILImage.Image:
    with default_storage.open(name) as handle:
        return PILImage.open(io.BytesIO(handle.read()))


@pytest.mark.parametrize(
    ("width", "expected"),
    [
        (4000, [320, 640, 960, 1280, 1920]),
        (1200, [320, 640, 960, 1200]),
        (640, [320, 640]),
        (200, [200]),
    ],
)
def test_widths_are_never_wider_than_the_original(width, expected):
    assert renditions.widths_for(width) == expected


def test_every_width_exists_in_avif_webp_and_jpeg_at_its_size():
    image = make_image(size=(1200, 800))
    for width in (320, 640, 960, 1200):
        for fmt in renditions.FORMATS:
            picture = opened(renditions.name(image, f"w{width}", fmt))
            assert picture.format == fmt.pil_name
            assert picture.size == (width, round(800 * width / 1200))


def test_card_and_squares_are_cropped_around_the_focal_point():
    picture = PILImage.new("RGB", (2000, 1000), "white")
    picture.paste((220, 0, 0), (1800, 0, 2000, 1000))  # a red band at the right edge
    out = io.BytesIO()
    picture.save(out, "PNG")
    centred = make_image(data=out.getvalue())
    right = make_image(data=out.getvalue(), focal_x=0.95)
    for image, red in ((centred, False), (right, True)):
        square = opened(renditions.name(image, "sq400", renditions.JPEG)).convert("RGB")
        assert square.size == (400, 400)
        r, g, _b = square.getpixel((395, 200))
        assert (r > 180 and g < 60) is red
        card = opened(renditions.name(image, "card", renditions.JPEG))
        assert (card.size, card.format) == ((1200, 630), "JPEG")


def test_renditions_are_made_once_and_a_new_focal_point_replaces_them(monkeypatch):
    image = make_image(size=(900, 600))
    first = image.renditions_key
    old_folder = renditions.folder(image)
    saves = []
    monkeypatch.setattr(
        default_storage, "save", lambda name, content, **kw: saves.append(name) or name
    )
    renditions.make(image)
    assert saves == []  # all there: nothing made again
    monkeypatch.undo()
    image.focal_x = 0.2
    services.image_save(image=image, user=None)
    assert image.renditions_key != first
    assert default_storage.listdir(old_folder) == ([], [])
    assert default_storage.exists(renditions.name(image, "card", renditions.JPEG))


def test_deleting_an_image_deletes_its_files():
    image = make_image(size=(700, 500))
    original, folder = image.file.name, renditions.folder(image)
    services.image_delete(image=image)
    assert not default_storage.exists(original)
    assert default_storage.listdir(folder) == ([], [])


def test_picture_markup_offers_avif_and_webp_with_a_jpeg_img_of_known_size():
    image = make_image(size=(1600, 900))
    html = markup.picture(image, priority=True)
    assert html.startswith("<picture>")
    assert '<source type="image/avif"' in html and '<source type="image/webp"' in html
    assert 'width="1600" height="900"' in html
    assert 'fetchpriority="high"' in html and 'loading="eager"' in html
    lazy = markup.picture(image, sizes="teaser")
    assert 'loading="lazy"' in lazy and "fetchpriority" not in lazy
    assert image.file.url not in html  # readers get renditions, not the upload


def test_renditions_are_served_as_immutable_originals_for_a_day(settings, tmp_path, rf):
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(tmp_path), "base_url": settings.MEDIA_URL},
        },
    }
    image = make_image(size=(700, 500))

    def served(address: str):
        # The media route as urls.py wires it (its immutable prefixes), on this test's folder.
        match = resolve(address)
        kwargs = {**match.kwargs, "document_root": tmp_path}
        return match.func(rf.get(address), **kwargs)

    response = served(markup.url(image, "w640", renditions.AVIF))
    assert response.status_code == 200
    assert response["Content-Type"] == "image/avif"
    assert response["Cache-Control"] == "public, max-age=31536000, immutable"
    assert served(image.file.url)["Cache-Control"] == "public, max-age=86400"


def test_the_renditions_command_makes_what_is_missing(db):
    from django.core.management import call_command

    image = make_image(size=(800, 600))
    services.renditions_make([])  # nothing asked, nothing done
    type(image).objects.filter(pk=image.pk).update(renditions_key="")  # as a migration leaves it
    out = io.StringIO()
    call_command("renditions", stdout=out, stderr=io.StringIO())
    image.refresh_from_db()
    assert image.renditions_key == renditions.key_for(image)
    assert default_storage.exists(renditions.name(image, "w640", renditions.AVIF))
