"""Image addresses and markup for reader pages: a <picture> of the renditions, the card.

No query and no storage lookup: names come from the row (renditions.py). An image whose
renditions are not made yet is shown as its original, with its size.
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe

from newsdesk.images import renditions
from newsdesk.images.models import Image

# What a column is wide at each viewport (site.css: .wrap 72rem, a 20rem side column from
# 60rem): the browser picks the rendition from these, before it has laid out the page.
MAIN_COLUMN = "(min-width: 72rem) 48rem, (min-width: 60rem) calc(100vw - 24rem), calc(100vw - 2rem)"
TEASER = "(min-width: 72rem) 15rem, (min-width: 34rem) 45vw, calc(100vw - 2rem)"
# The body's column is at most 42rem (.body in site.css), narrower than the main column.
BODY = "(min-width: 66rem) 42rem, (min-width: 60rem) calc(100vw - 24rem), calc(100vw - 2rem)"
SIZES = {"main": MAIN_COLUMN, "teaser": TEASER, "body": BODY}


@dataclass(frozen=True)
class Rendition:
    name: str  # in the image's storage
    url: str
    width: int
    height: int
    mime_type: str


def url(image: Image, spec: str, fmt: renditions.Format = renditions.JPEG) -> str:
    return image.file.storage.url(renditions.name(image, spec, fmt))


def _urls(image: Image):
    """``url`` for one image's renditions, the storage asked once: the renditions share a folder
    and their file names (``w640.avif``) need no escaping, so each address is the first one's
    folder and its own name. A storage whose address does not end in the name (a signed URL, a
    query string) is asked for each."""
    first = renditions.name(image, "card", renditions.JPEG)
    first_url = image.file.storage.url(first)
    base = posixpath.basename(first)
    if not first_url.endswith("/" + base):
        return lambda spec, fmt=renditions.JPEG: url(image, spec, fmt)
    prefix = first_url[: -len(base)]
    return lambda spec, fmt=renditions.JPEG: f"{prefix}{spec}.{fmt.ext}"


def _height_at(image: Image, width: int) -> int:
    return max(1, round(image.height * width / image.width)) if image.width else 0


def card(image: Image | None) -> Rendition | None:
    """The 1200x630 JPEG card (Open Graph, JSON-LD), or None before it is made."""
    if image is None or not image.renditions_key:
        return None
    name = renditions.name(image, "card", renditions.JPEG)
    return Rendition(name, image.file.storage.url(name), *renditions.CARD, "image/jpeg")


def largest_jpeg(image: Image, *, planned: bool = False) -> Rendition:
    """The widest JPEG rendition (feeds, the API), or the original before they are made.
    ``planned``: the one its renditions will have once made (an import stores bodies before
    it makes them, right after its transaction), with no storage lookup."""
    key = renditions.key_for(image) if planned else image.renditions_key
    if not key:
        return Rendition(image.file.name, image.file.url, image.width, image.height, "image/jpeg")
    width = renditions.widths_for(image.width)[-1]
    name = posixpath.join(renditions.folder(image, key), f"w{width}.{renditions.JPEG.ext}")
    storage = image.file.storage
    return Rendition(name, storage.url(name), width, _height_at(image, width), "image/jpeg")


def square(image: Image, side: int = 400) -> str:
    """A square crop around the focal point (thumbnails, portraits); the original before."""
    return url(image, f"sq{side}") if image.renditions_key else image.file.url


def picture(
    image: Image,
    *,
    sizes: str = "main",
    lazy: bool = True,
    priority: bool = False,
    square_side: int | None = None,
    alt: str | None = None,
) -> SafeString:
    """``<picture>`` with AVIF and WebP sources and a JPEG ``<img>``, width and height set.

    ``sizes`` names a layout in SIZES (or is a sizes attribute); ``priority`` marks the
    page's main image (fetchpriority=high, never lazy). ``square_side`` shows the square
    crop at that CSS size (portraits).
    """
    alt = image.alt_text if alt is None else alt
    loading = "lazy" if lazy and not priority else "eager"
    extra = mark_safe(' fetchpriority="high"') if priority else ""  # noqa: S308 - a constant
    if square_side:
        return _square_picture(image, square_side, alt, loading, extra)
    if not image.renditions_key:
        return format_html(
            '<img src="{}" alt="{}" width="{}" height="{}" loading="{}" decoding="async"{}>',
            image.file.url,
            alt,
            image.width,
            image.height,
            loading,
            extra,
        )
    sizes_attr = SIZES.get(sizes, sizes)
    widths = renditions.widths_for(image.width)
    at = _urls(image)

    def srcset(fmt: renditions.Format) -> str:
        return ", ".join(f"{at(f'w{w}', fmt)} {w}w" for w in widths)

    sources = format_html_join(
        "",
        '<source type="{}" srcset="{}" sizes="{}">',
        ((fmt.mime_type, srcset(fmt), sizes_attr) for fmt in renditions.FORMATS[:-1]),
    )
    default = min((w for w in widths if w >= 960), default=widths[-1])
    return format_html(
        '<picture>{}<img src="{}" srcset="{}" sizes="{}" alt="{}" width="{}" height="{}" '
        'loading="{}" decoding="async"{}></picture>',
        sources,
        at(f"w{default}"),
        srcset(renditions.JPEG),
        sizes_attr,
        alt,
        widths[-1],
        _height_at(image, widths[-1]),
        loading,
        extra,
    )


def _square_picture(image: Image, side: int, alt: str, loading: str, extra: str) -> SafeString:
    if not image.renditions_key:
        return format_html(
            '<img src="{}" alt="{}" width="{}" height="{}" loading="{}" decoding="async"{}>',
            image.file.url,
            alt,
            side,
            side,
            loading,
            extra,
        )
    small, large = renditions.SQUARES
    at = _urls(image)

    def srcset(fmt: renditions.Format) -> str:
        return f"{at(f'sq{small}', fmt)} 1x, {at(f'sq{large}', fmt)} 2.5x"

    sources = format_html_join(
        "",
        '<source type="{}" srcset="{}">',
        ((fmt.mime_type, srcset(fmt)) for fmt in renditions.FORMATS[:-1]),
    )
    return format_html(
        '<picture>{}<img src="{}" srcset="{}" alt="{}" width="{}" height="{}" loading="{}" '
        'decoding="async"{}></picture>',
        sources,
        at(f"sq{small}"),
        srcset(renditions.JPEG),
        alt,
        side,
        side,
        loading,
        extra,
    )
