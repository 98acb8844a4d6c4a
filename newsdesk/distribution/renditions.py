"""Card images: a 1200x630 rendition of an article's lead image, made once and kept in storage.

A rendition is stored next to its original under a ``renditions/`` folder
(``lead/2025/05/photo.jpg`` -> ``lead/2025/05/renditions/photo.1200x630.jpg``) through the
original's own storage, so it works the same on the file system, in memory (tests) or on a
remote store. It is made the first time a page asks for it; later requests find its name in the
cache, or failing that, the stored file.
"""

from __future__ import annotations

import hashlib
import io
import logging
import posixpath
from dataclasses import dataclass

from django.core.cache import cache
from django.core.files.base import ContentFile
from django.db.models.fields.files import FieldFile
from PIL import Image, ImageOps, UnidentifiedImageError

from newsdesk.distribution.addresses import absolute

logger = logging.getLogger(__name__)

CARD_SIZE = (1200, 630)
JPEG_QUALITY = 85
REMEMBER_SECONDS = 24 * 3600
# A broken or missing original is not retried on every request.
FAILED_RETRY_SECONDS = 300
_FAILED = "-"


@dataclass(frozen=True)
class Rendition:
    name: str
    url: str
    width: int
    height: int
    mime_type: str = "image/jpeg"


def rendition_name(original: str, size: tuple[int, int]) -> str:
    folder, filename = posixpath.split(original)
    stem = posixpath.splitext(filename)[0]
    return posixpath.join(folder, "renditions", f"{stem}.{size[0]}x{size[1]}.jpg")


def card_rendition(image: FieldFile) -> Rendition | None:
    """The 1200x630 card of ``image``, made now if it does not exist yet; None without one."""
    if not image:
        return None
    name = rendition_name(image.name, CARD_SIZE)
    key = "rendition:" + hashlib.sha256(f"{image.storage.__class__}:{name}".encode()).hexdigest()
    stored = cache.get(key)
    if stored is None:
        stored = name if image.storage.exists(name) else _render(image, name)
        timeout = REMEMBER_SECONDS if stored != _FAILED else FAILED_RETRY_SECONDS
        cache.set(key, stored, timeout)
    if stored == _FAILED:
        return None
    return Rendition(
        name=stored,
        url=absolute(image.storage.url(stored)),
        width=CARD_SIZE[0],
        height=CARD_SIZE[1],
    )


def _render(image: FieldFile, name: str) -> str:
    try:
        with image.storage.open(image.name, "rb") as handle:
            data = render_card(handle.read(), CARD_SIZE)
    except (OSError, UnidentifiedImageError, Image.DecompressionBombError, ValueError):
        logger.warning("No card rendition for %s", image.name, exc_info=True)
        return _FAILED
    # Two processes may render the same image at once; the storage then keeps both under
    # different names, and each remembers its own: wasteful but harmless.
    return image.storage.save(name, ContentFile(data))


def render_card(data: bytes, size: tuple[int, int]) -> bytes:
    """``data`` cropped to the size's proportions around its centre and scaled to it, as JPEG.

    A smaller original is scaled up: the networks' large cards want at least 1200x630.
    """
    with Image.open(io.BytesIO(data)) as source:
        source.draft("RGB", size)  # JPEG: decode at a reduced scale, still at least `size`
        picture = ImageOps.exif_transpose(source)
        if picture.mode in ("RGBA", "LA", "PA") or (
            picture.mode == "P" and "transparency" in picture.info
        ):
            rgba = picture.convert("RGBA")
            picture = Image.new("RGB", rgba.size, "white")
            picture.paste(rgba, mask=rgba.getchannel("A"))
        else:
            picture = picture.convert("RGB")
        card = ImageOps.fit(picture, size, Image.Resampling.LANCZOS)
    out = io.BytesIO()
    card.save(out, "JPEG", quality=JPEG_QUALITY, optimize=True, progressive=True)
    return out.getvalue()
