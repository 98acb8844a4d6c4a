"""``ninjs_export``: the whole newsroom written to a folder as open data, articles as ninjs
2.x, the rest as our own JSON Lines, the library's originals beside them (docs/imports.md,
"Leaving: the open export")."""

from __future__ import annotations

import hashlib
import json
import mimetypes
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import connection, transaction
from django.db.models import Model, QuerySet
from django.utils import timezone
from django.utils.html import strip_tags

from newsdesk.comments.models import Comment
from newsdesk.images import body as body_images
from newsdesk.images.models import Image
from newsdesk.imports import ninjs
from newsdesk.imports.ninjs import uri, when
from newsdesk.newsroom.models import Article, Contributor, Section, Tag

BATCH = 200
Progress = Callable[[str, int | None], Callable[[], None]]


class ExportFailed(Exception):
    """The export cannot be written where asked; the message says why."""


def _no_progress(_label: str, _total: int | None) -> Callable[[], None]:
    return lambda: None


def ninjs_export(*, path: str | Path, progress: Progress = _no_progress) -> Counter:
    """Writes every section, tag, library image (record and original file), contributor,
    article (in every state) and comment into ``path``, a new or empty folder (anything
    else: ExportFailed). The manifest is written last, so a folder without one is not an
    export. Reads in one transaction (a repeatable-read snapshot on PostgreSQL); memory
    holds one batch of rows. Queries: about five per 200 articles, one per 200 other rows.
    Returns the count of records per file (and ``media``)."""
    folder = Path(path)
    if folder.exists() and (not folder.is_dir() or any(folder.iterdir())):
        raise ExportFailed(f"{folder} is not an empty folder: export into a new one.")
    (folder / ninjs.MEDIA).mkdir(parents=True, exist_ok=True)
    site = settings.SITE_URL
    counts: Counter = Counter()
    # The snapshot can only be asked for as a transaction's first statement: not when the
    # export runs inside someone else's transaction (a test's), which then gives the snapshot.
    outermost = not connection.in_atomic_block
    with transaction.atomic():
        if connection.vendor == "postgresql" and outermost:
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
        writers = [
            (ninjs.SECTIONS, _sections(site)),
            (ninjs.TAGS, _tags(site)),
            (ninjs.IMAGES, _images(site, folder, counts, progress)),
            (ninjs.CONTRIBUTORS, _contributors(site)),
        ]
        for name, records in writers:
            counts[name] = _write(folder / name, records)
        counts[ninjs.ARTICLES] = counts[ninjs.ARTICLE_STATES] = _articles(site, folder, progress)
        counts[ninjs.COMMENTS] = _write(folder / ninjs.COMMENTS, _comments(site, progress))
    manifest = {
        "format": ninjs.FORMAT,
        "version": ninjs.VERSION,
        "ninjs": ninjs.NINJS_VERSION,
        "site": site,
        "exported_at": when(timezone.now()),
        "files": {name: counts[name] for name in ninjs.FILES},
        "media": counts["media"],
    }
    (folder / ninjs.MANIFEST).write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
    return counts


def _line(record: dict[str, Any]) -> str:
    return json.dumps(record, ensure_ascii=False, separators=(",", ":")) + "\n"


def _write(path: Path, records: Iterator[dict[str, Any]]) -> int:
    n = 0
    with path.open("w", encoding="utf-8", newline="\n") as out:
        for record in records:
            out.write(_line(record))
            n += 1
    return n


def _batches(queryset: QuerySet, size: int = BATCH) -> Iterator[list[Model]]:
    """The rows by ascending id, ``size`` at a time (keyset pages: flat memory, and the
    prefetches of ``queryset`` run once per page)."""
    last = 0
    while True:
        page = list(queryset.filter(pk__gt=last).order_by("pk")[:size])
        if not page:
            return
        yield page
        last = page[-1].pk


def _sections(site: str) -> Iterator[dict[str, Any]]:
    for page in _batches(Section.objects.all()):
        for s in page:
            yield {
                "uri": uri(site, "section", s.pk),
                "name": s.name,
                "slug": s.slug,
                "description": s.description,
                "position": s.position,
                "comment_moderation": s.comment_moderation,
            }


def _tags(site: str) -> Iterator[dict[str, Any]]:
    for page in _batches(Tag.objects.all()):
        for t in page:
            yield {"uri": uri(site, "tag", t.pk), "name": t.name, "slug": t.slug}


def _images(site: str, folder: Path, counts: Counter, progress: Progress):
    tick = progress("Images", Image.objects.count())
    for page in _batches(Image.objects.prefetch_related("tags")):
        for image in page:
            relative = f"{ninjs.MEDIA}/{image.file.name}"
            target = folder / relative
            target.parent.mkdir(parents=True, exist_ok=True)
            digest = hashlib.sha256()
            with image.file.storage.open(image.file.name, "rb") as source, target.open("wb") as out:
                for chunk in iter(lambda s=source: s.read(1 << 20), b""):
                    digest.update(chunk)
                    out.write(chunk)
            counts["media"] += 1
            yield {
                "uri": uri(site, "image", image.pk),
                "number": image.pk,  # what bodies' data-file="..." names
                "file": relative,
                "sha256": digest.hexdigest(),
                "bytes": target.stat().st_size,
                "width": image.width,
                "height": image.height,
                "title": image.title,
                "alt_text": image.alt_text,
                "caption": image.caption,
                "credit": image.credit,
                "source": image.source,
                "rights_note": image.rights_note,
                "rights_expire_at": when(image.rights_expire_at),
                "focal_x": image.focal_x,
                "focal_y": image.focal_y,
                "keep_metadata": image.keep_metadata,
                "tags": sorted(tag.name for tag in image.tags.all()),
                "uploaded_at": when(image.uploaded_at),
            }
            tick()


def _contributors(site: str) -> Iterator[dict[str, Any]]:
    for page in _batches(Contributor.objects.all()):
        for c in page:
            yield {
                "uri": uri(site, "contributor", c.public_id),
                "public_id": c.public_id,
                "display_name": c.display_name,
                "slug": c.slug,
                "contact_email": c.contact_email,
                "bio": c.bio,
                "photo": uri(site, "image", c.photo_id) if c.photo_id else None,
                "created_at": when(c.created_at),
            }


def _picture(site: str, image: Image, name: str) -> dict[str, Any]:
    """A library image as a ninjs association (type picture) with its original file."""
    item: dict[str, Any] = {
        "name": name,
        "uri": uri(site, "image", image.pk),
        "type": "picture",
        "renditions": [
            {
                "name": "original",
                "href": f"{ninjs.MEDIA}/{image.file.name}",
                "contenttype": mimetypes.guess_type(image.file.name)[0] or "image/jpeg",
                "width": image.width,
                "height": image.height,
            }
        ],
        "descriptions": [{"role": "alt", "contenttype": "text/plain", "value": image.alt_text}],
    }
    if image.title:
        item["headlines"] = [{"role": "main", "contenttype": "text/plain", "value": image.title}]
    if image.caption:
        item["descriptions"].append(
            {"role": "caption", "contenttype": "text/plain", "value": image.caption}
        )
    if image.credit:
        item["by"] = image.credit
    if image.rights_note:
        item["usageterms"] = image.rights_note
    return item


def article_item(site: str, article: Article, pictures: dict[int, Image]) -> dict[str, Any]:
    """One article as a ninjs 2.x news item (no query: its relations are loaded)."""
    bylines = [b.contributor for b in article.bylines.all()]
    text = strip_tags(article.body)
    item: dict[str, Any] = {
        "uri": uri(site, "article", article.pk),
        "standard": {"name": "ninjs", "version": ninjs.NINJS_VERSION, "schema": ninjs.NINJS_SCHEMA},
        "type": "text",
        "representationtype": "full",
        "version": str(article.version),
        "firstcreated": when(article.created_at),
        "versioncreated": when(article.modified_at),
        "pubstatus": ninjs.PUBSTATUS[article.status],
        "language": settings.LANGUAGE_CODE,
        "slugline": article.slug,
        "headlines": [{"role": "main", "contenttype": "text/plain", "value": article.headline}],
        "bodies": [
            {
                "role": "main",
                "contenttype": "text/html",
                "value": article.body,
                "charcount": len(text),
                "wordcount": len(text.split()),
            }
        ],
        "by": ", ".join(c.display_name for c in bylines),
        "people": [
            {
                "name": c.display_name,
                "rel": "author",
                "uri": uri(site, "contributor", c.public_id),
                "literal": c.public_id,
            }
            for c in bylines
        ],
        "subjects": [
            {
                "name": article.section.name,
                "rel": "section",
                "uri": uri(site, "section", article.section_id),
                "literal": article.section.slug,
            }
        ]
        + [
            {"name": t.name, "rel": "tag", "uri": uri(site, "tag", t.pk), "literal": t.slug}
            for t in article.tags.all()
        ],
        "altids": [{"role": "newsdesk-id", "value": str(article.pk)}],
    }
    if article.summary:
        item["descriptions"] = [
            {"role": "summary", "contenttype": "text/plain", "value": article.summary}
        ]
    if article.is_scheduled:
        item["embargoed"] = when(article.publish_at)
    if article.is_live():
        item["altids"].append({"role": "url", "value": site + article.get_absolute_url()})
    associations = []
    if article.lead_image is not None:
        associations.append(_picture(site, article.lead_image, ninjs.LEAD))
    for n, image_id in enumerate(sorted(body_images.picture_ids(article.body)), start=1):
        if image_id in pictures:
            associations.append(_picture(site, pictures[image_id], f"{ninjs.BODY_IMAGE}-{n}"))
    if associations:
        item["associations"] = associations
    return item


def article_state(site: str, article: Article) -> dict[str, Any]:
    """What the newsroom knows of an article that ninjs has no place for."""
    pin = getattr(article, "must_read", None)
    return {
        "uri": uri(site, "article", article.pk),
        "status": article.status,
        "publish_at": when(article.publish_at),
        "substantively_updated_at": when(article.substantively_updated_at),
        "comments_open": article.comments_open,
        "lead_image_caption": article.lead_image_caption,
        "corrections": [
            {"text": c.text, "created_at": when(c.created_at)} for c in article.corrections.all()
        ],
        "must_read": {
            "position": pin.position,
            "expires_at": when(pin.expires_at),
            "created_at": when(pin.created_at),
        }
        if pin is not None
        else None,
    }


def _articles(site: str, folder: Path, progress: Progress) -> int:
    tick = progress("Articles", Article.objects.count())
    articles = Article.objects.select_related(
        "section", "lead_image", "must_read"
    ).prefetch_related("bylines__contributor", "tags", "corrections")
    n = 0
    with (
        (folder / ninjs.ARTICLES).open("w", encoding="utf-8", newline="\n") as items,
        (folder / ninjs.ARTICLE_STATES).open("w", encoding="utf-8", newline="\n") as states,
    ):
        for page in _batches(articles):
            wanted = set().union(*(body_images.picture_ids(a.body) for a in page))
            pictures = Image.objects.in_bulk(wanted) if wanted else {}
            for article in page:
                items.write(_line(article_item(site, article, pictures)))
                states.write(_line(article_state(site, article)))
                n += 1
                tick()
    return n


def _comments(site: str, progress: Progress) -> Iterator[dict[str, Any]]:
    """Top-level comments first, then replies: an importer meets every parent first."""
    tick = progress("Comments", Comment.objects.count())
    for top in (True, False):
        for page in _batches(Comment.objects.filter(parent__isnull=top)):
            for c in page:
                yield {
                    "uri": uri(site, "comment", c.pk),
                    "article": uri(site, "article", c.article_id),
                    "parent": uri(site, "comment", c.parent_id) if c.parent_id else None,
                    "name": c.name,
                    "email": c.email,
                    "text": c.text,
                    "status": c.status,
                    "held_reason": c.held_reason,
                    "needs_review": c.needs_review,
                    "reports": c.reports,
                    "imported": c.imported,
                    "created_at": when(c.created_at),
                    "edited_at": when(c.edited_at),
                    "moderated_at": when(c.moderated_at),
                }
                tick()
