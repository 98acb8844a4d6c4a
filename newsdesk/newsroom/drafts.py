"""Draft revisions of live stories (issue 19, item 6; docs/desk.md, "Draft revisions of live
stories"): edits kept as a reversion revision without touching the row readers see, read
back for a preview or a side-by-side comparison, and published through ``article_save``.

A draft revision is a revision whose comment starts with ``DRAFT``: only ``draft_keep``
writes such a comment (the admin's change messages start "Changed"/"Added", the workflow's
notes with the step). Its Article version holds the form's fields and the ``version`` the
draft was based on; its bylines are the stored ones, followed as the registration says.
"""

from __future__ import annotations

import copy
from collections.abc import Iterable
from typing import Any

import reversion
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from reversion.errors import RevertError
from reversion.models import Version

from newsdesk.images import body as body_pictures
from newsdesk.images import selectors as images
from newsdesk.images.models import Image
from newsdesk.newsroom import history
from newsdesk.newsroom.errors import DraftOutdated, NoSuchRevision, NotADraft, NotLive
from newsdesk.newsroom.models import FORM_FIELDS, Article, Section, Tag
from newsdesk.newsroom.rules import can_edit, can_publish
from newsdesk.newsroom.services import article_save, sanitize_body

DRAFT = history.DRAFT_REVISION
SUBSTANTIVE = " (a substantive update)"
# The form's own fields: what a draft keeps and what publishing it applies.
FIELDS = FORM_FIELDS
_FOREIGN = {"section": Section, "lead_image": Image}


def is_draft(version: Version) -> bool:
    return (version.revision.comment or "").startswith(DRAFT)


def is_substantive(version: Version) -> bool:
    return (version.revision.comment or "").startswith(DRAFT + SUBSTANTIVE)


def draft_keep(
    *,
    article: Article,
    tags: Iterable[Tag],
    user,
    substantive_update: bool = False,
    changes: str = "",
) -> Version:
    """Keeps the in-memory ``article`` (with ``tags``) as a draft revision by ``user``; the row
    readers see is not written (no version, no purge). The stored article must be live and
    editable by ``user``. About five queries, and the revision's inserts."""
    stored = Article.objects.filter(pk=article.pk).first() if article.pk else None
    if stored is None or not stored.is_live():
        raise NotLive()
    if not can_edit(user, stored):
        raise PermissionDenied("You may not edit this article.")
    kept = copy.copy(article)
    kept.body = sanitize_body(kept.body)
    kept.version = stored.version  # what it is based on: publishing checks it has not moved
    for name in ("status", "substantively_updated_at", "created_by_id", "created_at"):
        setattr(kept, name, getattr(stored, name))
    kept.full_clean(exclude=["tags"])
    # The serializer reads a prefetched relation instead of the database (the stored tags).
    kept._prefetched_objects_cache = {"tags": _loaded(list(tags))}
    comment = DRAFT + (SUBSTANTIVE if substantive_update else "")
    with reversion.create_revision():
        reversion.set_user(user)
        reversion.set_comment(f"{comment}. {changes}".strip())
        reversion.add_to_revision(kept)
    return Version.objects.get_for_object(stored).select_related("revision").first()


def _loaded(tags: list[Tag]):
    """Tags as a prefetched relation holds them: a queryset already read (no query)."""
    loaded = Tag.objects.filter(pk__in=[tag.pk for tag in tags])
    loaded._result_cache = tags
    loaded._prefetch_done = True
    return loaded


def revision_of(*, version_id: Any, article_id: Any = None) -> Version:
    """The Article version ``version_id`` (of article ``article_id`` when given) with its
    revision and author, else NoSuchRevision (not digits, another article's). One query."""
    ids = [str(version_id)] + ([] if article_id is None else [str(article_id)])
    if not all(i.isascii() and i.isdigit() and len(i) < 10 for i in ids):
        raise NoSuchRevision()
    found = Version.objects.get_for_model(Article).select_related("revision__user")
    if article_id is not None:
        found = found.filter(object_id=str(int(ids[1])))
    version = found.filter(pk=int(ids[0])).first()
    if version is None:
        raise NoSuchRevision()
    return version


def values(version: Version) -> dict[str, Any]:
    """The version's form fields by attribute name (``section_id``, ``tags``: a list of ids)
    and the ``version`` it was based on. No query; NoSuchRevision when it cannot be read."""
    try:
        stored = version.field_dict
    except (RevertError, ValueError, LookupError) as error:
        raise NoSuchRevision("This revision can no longer be read.") from error
    found = {}
    for name in FIELDS:
        attname = f"{name}_id" if name in _FOREIGN else name
        found[attname] = stored.get(attname, [] if name == "tags" else None)
    found["version"] = stored.get("version")
    found["body"] = sanitize_body(found["body"] or "")  # a revision holds only safe markup
    return found


def as_of(article: Article, version: Version) -> Article:
    """A copy of ``article`` showing the version's fields, nothing saved: the section, lead
    image, tags and body pictures read again. Up to four queries."""
    shown = copy.copy(article)
    found = values(version)
    for name, model in _FOREIGN.items():
        pk = found[f"{name}_id"]
        related = model.objects.filter(pk=pk).first() if pk is not None else None
        if pk is not None and related is None:
            raise NoSuchRevision(f"This revision names a {name.replace('_', ' ')} that is gone.")
        setattr(shown, name, related)
    for name in FIELDS:
        if name not in _FOREIGN and name != "tags" and found[name] is not None:
            setattr(shown, name, found[name])
    cache = dict(getattr(article, "_prefetched_objects_cache", {}))
    cache["tags"] = _loaded(list(Tag.objects.filter(pk__in=found["tags"])))
    shown._prefetched_objects_cache = cache
    # The body's library pictures, as article_for_page reads them: none for no picture.
    shown.body_images = images.by_id(body_pictures.picture_ids(shown.body))
    return shown


@transaction.atomic
def draft_publish(
    *, article_id: int, version: Version, user, substantive_update: bool = False
) -> Article:
    """Applies a draft revision's fields to the live article through ``article_save`` (its
    purges, the version, a revision saying so). Refused (DraftOutdated, nothing changed) when
    the article was saved after the draft was made. The save's queries plus about four."""
    if not can_publish(user):
        raise PermissionDenied("Only editors publish a draft revision.")
    if not is_draft(version):
        raise NotADraft()
    stored = Article.objects.select_for_update().filter(pk=article_id).first()
    if stored is None:
        raise NoSuchRevision()
    found = values(version)
    if found["version"] != stored.version or not stored.is_live():
        raise DraftOutdated()
    image_id = found["lead_image_id"]
    if image_id is not None and image_id != stored.lead_image_id:
        image = Image.objects.filter(pk=image_id).first()
        if image is None or not image.is_usable():
            raise ValidationError("The draft's lead image can no longer be used.")
    for name, value in found.items():
        if name not in ("tags", "version"):
            setattr(stored, name, value)
    with reversion.create_revision():
        reversion.set_user(user)
        made = history.when(version.revision.date_created)
        reversion.set_comment(f"Published the draft revision of {made}.")
        article_save(article=stored, user=user, substantive_update=substantive_update)
        stored.tags.set(Tag.objects.filter(pk__in=found["tags"]))
        reversion.add_to_revision(stored)  # after the tags: the version records them
    return stored
