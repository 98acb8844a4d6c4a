"""Pictures in article bodies: the editor inserts a library image as a figure whose ``<img>``
names it (``data-file="<image id>"``, django-prose-editor's own attribute); pages render it
like a lead image, and nothing else in a body is ever shown as a picture (docs/images.md).

The body is HTML the sanitizer (nh3) wrote, so its ``<img>`` and ``<figure>`` tags have a
regular shape and are found with regular expressions, without parsing the whole body.
"""

from __future__ import annotations

import html as htmllib
import re
from dataclasses import dataclass

from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe

from newsdesk.images import markup
from newsdesk.images.models import Image

FIGURE = re.compile(r"<figure\b[^>]*>.*?</figure>", re.S)
IMG = re.compile(r"<img\b[^>]*>")
ATTR = re.compile(r'([a-zA-Z-]+)="([^"]*)"')
# A rendition's address names its image wherever the storage serves it (renditions.py).
RENDITION_SRC = re.compile(r"/images/renditions/(\d+)/[0-9a-f]+/")
FIGCAPTION_END = "</figcaption>"


@dataclass(frozen=True)
class Ref:
    """One ``<img>`` of a body: the library image it names (or None) and its address."""

    image_id: int | None
    src: str
    alt: str


def _ref(tag: str) -> Ref:
    attrs = {name: htmllib.unescape(value) for name, value in ATTR.findall(tag)}
    src = attrs.get("src", "")
    named = attrs.get("data-file", "")
    if named.isdigit():
        image_id: int | None = int(named)
    elif match := RENDITION_SRC.search(src):
        image_id = int(match.group(1))
    else:
        image_id = None
    return Ref(image_id, src, attrs.get("alt", ""))


def refs(html: str) -> list[Ref]:
    return [_ref(tag) for tag in IMG.findall(html or "")]


def picture_ids(html: str) -> set[int]:
    """The library images a body names (no query)."""
    return {ref.image_id for ref in refs(html) if ref.image_id is not None}


def problems(html: str) -> list[str]:
    """Why a body cannot be saved as it is: pictures that are not in the library (another
    site's address: never hot-linked) or whose rights have expired. One query, none when the
    body has no picture."""
    found = refs(html)
    if not found:
        return []
    known = Image.objects.in_bulk({r.image_id for r in found if r.image_id is not None})
    messages = []
    for ref in found:
        image = known.get(ref.image_id) if ref.image_id is not None else None
        if image is None:
            messages.append(
                f"The picture {ref.src or '(with no address)'} is not in the image library: "
                "readers would not see it. Add it to the library and insert it with "
                "“Browse...”."
            )
        elif not image.is_usable():
            messages.append(
                f"The rights to the picture “{image}” have expired: remove it from the body."
            )
    return messages


def _replace(html: str, one) -> str:
    """``html`` with each figure, then each ``<img>`` outside one, replaced by ``one(tag, ref,
    figure)``; ``figure`` is the whole figure's HTML, or None for a bare ``<img>``."""

    def in_figure(match: re.Match) -> str:
        figure = match.group(0)
        tag = IMG.search(figure)
        return one(tag.group(0), _ref(tag.group(0)), figure) if tag else figure

    def bare(match: re.Match) -> str:
        return one(match.group(0), _ref(match.group(0)), None)

    parts = FIGURE.split(html)
    figures = FIGURE.findall(html)
    out = [IMG.sub(bare, parts[0])]
    for figure, rest in zip(figures, parts[1:], strict=True):
        out.append(FIGURE.sub(in_figure, figure))
        out.append(IMG.sub(bare, rest))
    return "".join(out)


def rendered(html: str, images: dict[int, Image]) -> SafeString:
    """The body for a reader page: each library picture whose rights hold as a responsive
    ``<picture>`` with its credit; any other picture (expired, deleted, another site's) is
    left out with its figure, so nothing shows broken. ``images``: body_images. No query."""

    def one(tag: str, ref: Ref, figure: str | None) -> str:
        image = images.get(ref.image_id) if ref.image_id is not None else None
        if image is None or not image.is_usable():
            return ""
        picture = markup.picture(image, sizes="body", alt=ref.alt or image.alt_text)
        if figure is None:
            return picture
        shown = figure.replace(tag, picture, 1)
        if image.credit:
            credit = format_html(' <span class="credit">{}</span>', image.credit)
            if FIGCAPTION_END in shown:
                shown = shown.replace(FIGCAPTION_END, credit + FIGCAPTION_END, 1)
            else:
                shown = shown.replace("</figure>", f"<figcaption>{credit}</figcaption></figure>")
        return shown

    return mark_safe(_replace(html or "", one))  # noqa: S308 - sanitized on save, ours added


def syndicated(html: str, images: dict[int, Image]) -> str:
    """The body for feeds and the API: library pictures whose rights hold as one JPEG
    ``<img>`` (the widest rendition, relative address), all others left out. No query."""

    def one(tag: str, ref: Ref, figure: str | None) -> str:
        image = images.get(ref.image_id) if ref.image_id is not None else None
        if image is None or not image.is_usable():
            return ""
        jpeg = markup.largest_jpeg(image)
        img = format_html(
            '<img src="{}" alt="{}" width="{}" height="{}">',
            jpeg.url,
            ref.alt or image.alt_text,
            jpeg.width,
            jpeg.height,
        )
        return figure.replace(tag, img, 1) if figure is not None else img

    return _replace(html or "", one)
