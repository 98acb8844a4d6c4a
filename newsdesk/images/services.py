"""Writes to the image library: uploads (checked, stripped, rendered), edits, deletion."""

from __future__ import annotations

import posixpath
from collections.abc import Iterable
from datetime import datetime

from django.contrib.auth.models import AbstractBaseUser
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils.text import slugify

from newsdesk.images import pixels, renditions
from newsdesk.images.models import Image, ImageTag


def _stored_name(filename: str, found: pixels.Inspected) -> str:
    stem = slugify(posixpath.splitext(posixpath.basename(filename or ""))[0])[:60] or "image"
    return f"{stem}.{found.ext}"


def image_save(
    *,
    image: Image,
    user: AbstractBaseUser | None,
    data: bytes | None = None,
    filename: str = "",
    render: bool = True,
) -> Image:
    """Stores ``image`` (new or edited) and makes the renditions its file and focal point need.

    With ``data`` the file is (re)placed: checked from its content (pixels.inspect raises
    ImageRejected with a message for the uploader), re-encoded without metadata unless
    ``image.keep_metadata``. Queries: an INSERT or UPDATE, one more when the renditions key
    changes. Renditions are made before returning, so a page never names a missing one;
    ``render=False`` leaves them to ``renditions_make`` (bulk imports, after their
    transaction), pages showing the original until then.
    """
    if data is not None:
        found = pixels.inspect(data)
        cleaned = pixels.cleaned_original(data, found, keep_metadata=image.keep_metadata)
        image.file.save(_stored_name(filename, found), ContentFile(cleaned), save=False)
        # The stored picture's own size: upright, it may be the upload's turned on its side.
        image.width, image.height = pixels.size_of(cleaned)
    if image.pk is None and user is not None and user.is_authenticated:
        image.uploaded_by = user
    with transaction.atomic():
        image.save()
    if render:
        renditions.make(image)
    return image


def renditions_make(image_ids: Iterable[int], tick=lambda: None) -> list[tuple[int, str]]:
    """Makes the renditions of these images (those still there), one at a time; returns
    (image id, reason) for each that failed, so a bulk caller can report it and carry on.
    One query per image, and one UPDATE for each whose renditions key changes."""
    failed = []
    for image_id in image_ids:
        image = Image.objects.filter(pk=image_id).first()
        if image is not None:
            try:
                renditions.make(image)
            except Exception as error:  # noqa: BLE001 - reported; `newsdesk renditions` retries
                failed.append((image_id, f"{type(error).__name__}: {error}"))
        tick()
    return failed


def image_create(
    *,
    data: bytes,
    filename: str,
    alt_text: str,
    user: AbstractBaseUser | None = None,
    tags: Iterable[str] = (),
    render: bool = True,
    **fields,
) -> Image:
    """A new library image from uploaded bytes (see image_save); ``fields`` are Image fields."""
    image = Image(alt_text=alt_text, **fields)
    image_save(image=image, user=user, data=data, filename=filename, render=render)
    if tags:
        image.tags.set(ImageTag.objects.get_or_create(name=name)[0] for name in tags)
    return image


def image_delete(*, image: Image) -> None:
    """Deletes the record, its original and every rendition. The database refuses (PROTECT)
    while an article or contributor still shows it."""
    file, image_id = image.file, image.pk
    with transaction.atomic():
        image.delete()
    renditions.delete_all(file.storage, image_id)
    file.storage.delete(file.name)


def rights_expire(*, image: Image, at: datetime | None) -> Image:
    """Sets when the image's rights end (None: never). One UPDATE."""
    image.rights_expire_at = at
    image.save(update_fields=["rights_expire_at"])
    return image
