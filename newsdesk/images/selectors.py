"""Reads of the image library. Each docstring gives its query cost."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.db.models import QuerySet
from django.utils import timezone

from newsdesk.images.models import Image

EXPIRING_DAYS = 14


def next_rights_expiry_at() -> datetime | None:
    """The earliest rights expiry still ahead. One query through image_rights_idx; the page
    cache ends stored pages at this moment (ImagesConfig.ready)."""
    return (
        Image.objects.filter(rights_expire_at__gt=timezone.now())
        .order_by("rights_expire_at")
        .values_list("rights_expire_at", flat=True)
        .first()
    )


def expiring_soon(*, days: int = EXPIRING_DAYS, now: datetime | None = None) -> QuerySet[Image]:
    """Images whose rights end within ``days`` from now, soonest first (one query)."""
    now = now or timezone.now()
    return Image.objects.filter(
        rights_expire_at__gt=now, rights_expire_at__lte=now + timedelta(days=days)
    ).order_by("rights_expire_at")


def visible(image: Image | None, now: datetime | None = None) -> Image | None:
    """``image`` if a reader may see it now, else None: what every reader surface shows."""
    if image is None or not image.is_usable(now):
        return None
    return image


def by_id(ids: set[int]) -> dict[int, Image]:
    """The images with these ids (a body's pictures): one query, none for no ids."""
    return Image.objects.in_bulk(ids) if ids else {}
