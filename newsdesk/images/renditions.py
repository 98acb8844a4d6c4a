"""Renditions: every library image at a few widths in AVIF, WebP and JPEG, a 1200x630 card
and square thumbnails cropped around its focal point. Made once, stored, reused.

Names are fixed by the image and a fingerprint of what shapes them (the original's name and
the focal point): ``images/renditions/<id>/<key>/w640.avif``. A page therefore needs no query
and no storage lookup to name them; ``Image.renditions_key`` says whether they are made, and a
new key (a new focal point) never collides with an old cached copy, so they are served as
immutable (docs/images.md).
"""

from __future__ import annotations

import hashlib
import io
import posixpath
from dataclasses import dataclass

from django.core.files.base import ContentFile
from PIL import Image as PILImage
from PIL import ImageOps

from newsdesk.images import pixels
from newsdesk.images.models import Image

WIDTHS = (320, 640, 960, 1280, 1920)
CARD = (1200, 630)
SQUARES = (160, 400)
ROOT = "images/renditions"
VERSION = "1"  # bump when the way renditions are made changes: every name changes with it


@dataclass(frozen=True)
class Format:
    ext: str
    mime_type: str
    pil_name: str
    options: dict


AVIF = Format("avif", "image/avif", "AVIF", {"quality": 55, "speed": 8})
WEBP = Format("webp", "image/webp", "WEBP", {"quality": 78, "method": 4})
JPEG = Format("jpg", "image/jpeg", "JPEG", {"quality": 82, "optimize": True, "progressive": True})
# Best first: a <picture> offers them in this order, JPEG is the <img> every browser shows.
FORMATS = (AVIF, WEBP, JPEG)


def widths_for(width: int) -> list[int]:
    """The widths made of an original ``width`` pixels wide: never wider than the original."""
    top = min(width, WIDTHS[-1])
    return sorted({w for w in WIDTHS if w < top} | {top}) if width > 0 else []


def key_for(image: Image) -> str:
    """The fingerprint of what shapes an image's renditions (its file and focal point)."""
    basis = f"{VERSION}|{image.file.name}|{image.focal_x:.3f}|{image.focal_y:.3f}"
    return hashlib.sha256(basis.encode()).hexdigest()[:12]


def folder(image: Image, key: str | None = None) -> str:
    return posixpath.join(ROOT, str(image.pk), key or image.renditions_key)


def name(image: Image, spec: str, fmt: Format) -> str:
    """The stored name of one rendition: ``spec`` is ``w640``, ``card`` or ``sq400``."""
    return posixpath.join(folder(image), f"{spec}.{fmt.ext}")


def _plan(image: Image) -> list[tuple[str, Format]]:
    specs = [(f"w{w}", fmt) for w in widths_for(image.width) for fmt in FORMATS]
    specs += [(f"sq{s}", fmt) for s in SQUARES for fmt in FORMATS]
    specs.append(("card", JPEG))
    return specs


def make(image: Image) -> str:
    """Makes every rendition of ``image`` that its current key lacks; returns the key.

    Reads the original once and lists the key's folder once. Old renditions (an earlier
    focal point or file) are deleted. Costs one UPDATE when the key changes.
    """
    key = key_for(image)
    storage = image.file.storage
    previous = image.renditions_key
    with storage.open(image.file.name, "rb") as handle:
        picture = pixels.decoded_rgb(handle.read(), fit_within=WIDTHS[-1])
    centering = (image.focal_x, image.focal_y)
    base = posixpath.join(ROOT, str(image.pk), key)
    present = _stored(storage, base)
    made: dict[str, PILImage.Image] = {}
    for spec, fmt in _plan(image):
        filename = f"{spec}.{fmt.ext}"
        target = posixpath.join(base, filename)
        if (filename in present) if present is not None else storage.exists(target):
            continue
        if spec not in made:
            made[spec] = _shape(picture, spec, centering)
        out = io.BytesIO()
        made[spec].save(out, fmt.pil_name, **fmt.options)
        storage.save(target, ContentFile(out.getvalue()))
    if previous != key:
        Image.objects.filter(pk=image.pk).update(renditions_key=key)
        image.renditions_key = key
        if previous:
            delete_folder(storage, image.pk, previous)
    return key


def _shape(picture: PILImage.Image, spec: str, centering: tuple[float, float]) -> PILImage.Image:
    if spec == "card":
        return ImageOps.fit(picture, CARD, PILImage.Resampling.LANCZOS, centering=centering)
    if spec.startswith("sq"):
        side = int(spec[2:])
        return ImageOps.fit(picture, (side, side), PILImage.Resampling.LANCZOS, centering=centering)
    width = int(spec[1:])
    if width >= picture.width:
        return picture
    height = max(1, round(picture.height * width / picture.width))
    return picture.resize((width, height), PILImage.Resampling.LANCZOS)


def _stored(storage, base: str) -> set[str] | None:
    """The file names in one folder; None from a storage that cannot list.

    One listing, where an exists() per rendition would be a request each on S3.
    """
    try:
        _dirs, files = storage.listdir(base)
    except NotImplementedError:
        return None
    except (FileNotFoundError, OSError):
        return set()
    return set(files)


def delete_folder(storage, image_id: int, key: str) -> None:
    """Deletes the renditions stored under one key of an image (any storage)."""
    base = posixpath.join(ROOT, str(image_id), key)
    for filename in _stored(storage, base) or ():
        storage.delete(posixpath.join(base, filename))


def delete_all(storage, image_id: int) -> None:
    """Deletes every rendition of an image, under any key."""
    try:
        keys, _files = storage.listdir(posixpath.join(ROOT, str(image_id)))
    except (FileNotFoundError, NotImplementedError, OSError):
        return
    for key in keys:
        delete_folder(storage, image_id, key)
