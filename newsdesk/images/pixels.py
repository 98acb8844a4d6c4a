"""Reading uploaded pictures safely: what a file is (from its bytes, never its name), whether
it is within the limits, and its pixels without the metadata it came with.

Every check runs on the header before a pixel is decoded, so a decompression bomb (a small
file that claims a huge picture) is refused without the memory it asks for (docs/images.md).
"""

from __future__ import annotations

import io
import warnings
from dataclasses import dataclass

from django.conf import settings
from PIL import Image as PILImage
from PIL import ImageCms, ImageOps, UnidentifiedImageError

# The formats we take, by what Pillow finds in the bytes, with the extension we store them as.
ACCEPTED = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp", "AVIF": "avif", "GIF": "gif"}
ACCEPTED_NAMES = "JPEG, PNG, WebP, AVIF or GIF"
MAX_FRAMES = 300
# Anything a damaged or hostile file can make Pillow raise while it reads one.
DECODE_ERRORS = (
    OSError,
    SyntaxError,
    ValueError,
    EOFError,
    IndexError,
    KeyError,
    TypeError,
    ZeroDivisionError,
    MemoryError,
    PILImage.DecompressionBombError,
)


class ImageRejected(ValueError):
    """An upload we do not store; the message says why, for the person who sent it."""


@dataclass(frozen=True)
class Inspected:
    format: str
    width: int
    height: int

    @property
    def ext(self) -> str:
        return ACCEPTED[self.format]


def max_bytes() -> int:
    return settings.NEWSDESK_IMAGE_MAX_BYTES


def max_pixels() -> int:
    return settings.NEWSDESK_IMAGE_MAX_PIXELS


def _open(data: bytes) -> PILImage.Image:
    with warnings.catch_warnings():
        # Our own pixel limit is checked on the header; Pillow's warning adds nothing.
        warnings.simplefilter("ignore", PILImage.DecompressionBombWarning)
        return PILImage.open(io.BytesIO(data), formats=list(ACCEPTED))


def inspect(data: bytes) -> Inspected:
    """What ``data`` is, or ImageRejected with a sentence saying why we will not store it.

    Checks size, type (from the content), pixel count and frame count on the header, then
    decodes the whole picture once so a truncated or corrupt file is refused now, not on a
    reader's page.
    """
    if not data:
        raise ImageRejected("The file is empty.")
    if len(data) > max_bytes():
        raise ImageRejected(
            f"The file is {len(data) / 1e6:.1f} MB; the limit is {max_bytes() / 1e6:.0f} MB."
        )
    head = data[:512].lstrip().lower()
    if head.startswith((b"<?xml", b"<svg", b"<!doctype")) or b"<svg" in head:
        raise ImageRejected(
            "SVG files are not accepted: they can carry scripts. Upload a "
            f"{ACCEPTED_NAMES} picture instead."
        )
    try:
        picture = _open(data)
    except PILImage.DecompressionBombError:
        raise ImageRejected(
            f"The picture has far more pixels than the limit of {max_pixels() / 1e6:.0f} "
            "megapixels. Reduce it and upload it again."
        ) from None
    except UnidentifiedImageError:
        raise ImageRejected(
            f"This is not a picture we can read. Upload a {ACCEPTED_NAMES} file."
        ) from None
    except DECODE_ERRORS:
        raise ImageRejected("The file is damaged or cut short; it cannot be read.") from None
    with picture:
        width, height = picture.size
        frames = getattr(picture, "n_frames", 1)
        if width < 1 or height < 1:
            raise ImageRejected("The picture has no pixels.")
        if width * height > max_pixels() or width * height * min(frames, MAX_FRAMES) > (
            4 * max_pixels()
        ):
            raise ImageRejected(
                f"The picture is {width} x {height} pixels; the limit is "
                f"{max_pixels() / 1e6:.0f} megapixels. Reduce it and upload it again."
            )
        if frames > MAX_FRAMES:
            raise ImageRejected(f"The animation has {frames} frames; the limit is {MAX_FRAMES}.")
        found = picture.format
        try:
            picture.load()
        except DECODE_ERRORS:
            raise ImageRejected("The file is damaged or cut short; it cannot be read.") from None
    return Inspected(format=found, width=width, height=height)


def size_of(data: bytes) -> tuple[int, int]:
    """Width and height from the header of a picture we stored (no decoding)."""
    with _open(data) as picture:
        return picture.size


def _to_srgb_rgb(picture: PILImage.Image) -> PILImage.Image:
    """RGB in sRGB, transparency flattened on white. A broken colour profile is ignored."""
    profile = picture.info.get("icc_profile")
    if profile and picture.mode in ("RGB", "RGBA", "CMYK"):
        try:
            source = ImageCms.ImageCmsProfile(io.BytesIO(profile))
            target = ImageCms.createProfile("sRGB")
            mode = "RGBA" if picture.mode == "RGBA" else "RGB"
            picture = ImageCms.profileToProfile(picture, source, target, outputMode=mode)
        except (ImageCms.PyCMSError, OSError, ValueError, TypeError):
            pass
    if picture.mode in ("RGBA", "LA", "PA") or (
        picture.mode == "P" and "transparency" in picture.info
    ):
        rgba = picture.convert("RGBA")
        flat = PILImage.new("RGB", rgba.size, "white")
        flat.paste(rgba, mask=rgba.getchannel("A"))
        return flat
    return picture.convert("RGB")


def decoded_rgb(data: bytes, *, fit_within: int) -> PILImage.Image:
    """The picture upright (EXIF orientation applied), in sRGB RGB, at most ``fit_within``
    pixels wide; no metadata comes along. JPEGs are decoded at a reduced scale when that
    still gives at least the width asked for, which keeps memory low for large photos."""
    with _open(data) as source:
        if source.format == "JPEG" and source.width > fit_within:
            source.draft("RGB", (fit_within, round(source.height * fit_within / source.width)))
        upright = ImageOps.exif_transpose(source)
        picture = _to_srgb_rgb(upright)
    if picture.width > fit_within:
        height = max(1, round(picture.height * fit_within / picture.width))
        picture = picture.resize((fit_within, height), PILImage.Resampling.LANCZOS)
    return picture


def cleaned_original(data: bytes, found: Inspected, *, keep_metadata: bool) -> bytes:
    """The original as we store it: re-encoded, so nothing rides along after the picture
    (polyglot files), and with no EXIF, GPS or XMP unless ``keep_metadata``."""
    with _open(data) as source:
        exif = source.info.get("exif") if keep_metadata else None
        icc = source.info.get("icc_profile")
        options: dict = {}
        if icc:
            options["icc_profile"] = icc
        if exif:
            options["exif"] = exif
        out = io.BytesIO()
        if found.format == "GIF":
            source.save(out, "GIF", save_all=getattr(source, "n_frames", 1) > 1)
            return out.getvalue()
        # Upright pixels: an orientation tag is metadata too, and goes with the rest.
        picture = source if keep_metadata else ImageOps.exif_transpose(source)
        if found.format == "JPEG":
            if picture.mode not in ("RGB", "L", "CMYK"):
                picture = picture.convert("RGB")
            picture.save(out, "JPEG", quality=92, optimize=True, **options)
        elif found.format == "PNG":
            picture.save(out, "PNG", optimize=False, **options)
        elif found.format == "WEBP":
            picture.save(out, "WEBP", quality=90, **options)
        else:
            picture.save(out, "AVIF", quality=80, speed=8, **options)
    return out.getvalue()
