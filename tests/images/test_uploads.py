"""Safe uploads: the type from the content, limits on bytes and pixels, metadata stripped,
hostile and broken files refused with a sentence, never an exception (docs/images.md)."""

from __future__ import annotations

import io
import struct
import zlib

import pytest
from django.core.files.storage import default_storage
from hypothesis import HealthCheck, given
from hypothesis import settings as hsettings
from hypothesis import strategies as st
from PIL import Image as PILImage

from newsdesk.images import pixels, renditions
from newsdesk.images.models import Image
from tests.factories import make_image, picture_bytes

pytestmark = pytest.mark.django_db


def with_exif(fmt: str = "JPEG") -> bytes:
    exif = PILImage.Exif()
    exif[0x010F] = "Camera Maker"
    gps = exif.get_ifd(0x8825)
    gps[1], gps[2] = "N", (37.0, 34.0, 0.0)
    out = io.BytesIO()
    PILImage.linear_gradient("L").convert("RGB").resize((800, 600)).save(
        out, fmt, exif=exif.tobytes()
    )
    return out.getvalue()


def png_header_only(width: int, height: int) -> bytes:
    """A PNG that claims ``width`` x ``height`` pixels and holds almost none: a bomb's shape."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
        )

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    idat = zlib.compress(b"\0" * 64)
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", idat) + chunk(b"IEND", b"")
    )


def stored(image: Image) -> PILImage.Image:
    with default_storage.open(image.file.name) as handle:
        return PILImage.open(io.BytesIO(handle.read()))


@pytest.mark.parametrize("fmt", ["JPEG", "PNG", "WEBP", "AVIF", "GIF"])
def test_each_accepted_format_is_stored_with_the_extension_of_its_content(fmt):
    # The name says .png whatever the content: the stored name follows the bytes.
    image = make_image(size=(700, 400), fmt=fmt, filename="upload.png")
    ext = pixels.ACCEPTED[fmt]
    assert image.file.name.endswith(f".{ext}")
    assert (image.width, image.height) == (700, 400)
    assert image.renditions_key == renditions.key_for(image)


@pytest.mark.parametrize(
    ("data", "says"),
    [
        (b"", "empty"),
        (
            b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"><script>x()</script></svg>',
            "SVG files are not accepted",
        ),
        (b"<svg onload=alert(1)>", "SVG files are not accepted"),
        (b"<html><body>not a picture</body></html>", "not a picture we can read"),
        (b"GIF89a" + b"\xff" * 40, "not a picture we can read"),
        (picture_bytes((300, 200), "GIF")[:4000], "damaged"),
        (picture_bytes((900, 600), "JPEG")[:1500], "damaged"),
        (png_header_only(100_000, 100_000), "limit of 50 megapixels"),
        (png_header_only(9_000, 9_000), "9000 x 9000 pixels; the limit is 50 megapixels"),
        (b"BM" + b"\0" * 200, "not a picture we can read"),  # BMP is not one we take
    ],
    ids=[
        "empty",
        "svg",
        "svg-bare",
        "html",
        "gif-garbage",
        "truncated-gif",
        "truncated-jpeg",
        "bomb",
        "large",
        "bmp",
    ],
)
def test_hostile_and_broken_files_are_refused_with_a_sentence(data, says):
    with pytest.raises(pixels.ImageRejected, match=says):
        make_image(data=data)
    assert Image.objects.count() == 0


def test_the_byte_and_pixel_limits_are_settings(settings):
    settings.NEWSDESK_IMAGE_MAX_BYTES = 10_000
    with pytest.raises(pixels.ImageRejected, match="the limit is 0 MB"):
        make_image(data=b"\xff\xd8" + b"\0" * 20_000)
    settings.NEWSDESK_IMAGE_MAX_BYTES = 40_000_000
    settings.NEWSDESK_IMAGE_MAX_PIXELS = 1_000_000
    with pytest.raises(pixels.ImageRejected, match="1200 x 1000 pixels"):
        make_image(size=(1200, 1000))


def test_exif_and_gps_are_stripped_from_the_original_and_every_rendition():
    assert PILImage.open(io.BytesIO(with_exif())).getexif().get_ifd(0x8825)  # the input has GPS
    image = make_image(data=with_exif())
    assert not stored(image).getexif()
    _dirs, files = default_storage.listdir(renditions.folder(image))
    assert len(files) > 10
    for name in files:
        with default_storage.open(f"{renditions.folder(image)}/{name}") as handle:
            assert not PILImage.open(io.BytesIO(handle.read())).getexif(), name


def test_an_editor_may_keep_the_originals_metadata_but_renditions_never_carry_it():
    image = make_image(data=with_exif(), keep_metadata=True)
    assert stored(image).getexif().get_ifd(0x8825)
    with default_storage.open(renditions.name(image, "w640", renditions.JPEG)) as handle:
        assert not PILImage.open(io.BytesIO(handle.read())).getexif()


def test_a_polyglot_loses_what_rides_after_the_picture():
    payload = b"PK\x03\x04<script>alert(document.cookie)</script>"
    image = make_image(data=picture_bytes((640, 480), "JPEG") + payload)
    with default_storage.open(image.file.name) as handle:
        assert b"<script>" not in handle.read()


def test_a_broken_colour_profile_is_ignored_not_fatal():
    out = io.BytesIO()
    PILImage.new("RGB", (500, 300), (200, 30, 30)).save(out, "JPEG", icc_profile=b"not-a-profile")
    image = make_image(data=out.getvalue())
    assert image.renditions_key


def test_an_upright_original_takes_its_size_from_the_orientation_tag():
    exif = PILImage.Exif()
    exif[0x0112] = 6  # rotated 90 degrees: the camera held on its side
    out = io.BytesIO()
    PILImage.new("RGB", (800, 600), "navy").save(out, "JPEG", exif=exif.tobytes())
    image = make_image(data=out.getvalue())
    assert (image.width, image.height) == (600, 800)


SEED = picture_bytes((64, 48), "JPEG")


@hsettings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.one_of(
        st.binary(max_size=2048),
        st.builds(
            lambda cut, flip, value: (SEED[:cut] + bytes([value]) + SEED[cut + 1 :])[
                : flip or None
            ],
            st.integers(0, len(SEED) - 1),
            st.integers(0, len(SEED)),
            st.integers(0, 255),
        ),
    )
)
def test_any_bytes_are_either_a_picture_or_a_sentence(data):
    try:
        found = pixels.inspect(data)
    except pixels.ImageRejected as refusal:
        assert str(refusal).endswith(".")
    else:
        assert found.format in pixels.ACCEPTED
        pixels.cleaned_original(data, found, keep_metadata=False)
        pixels.decoded_rgb(data, fit_within=1920)
