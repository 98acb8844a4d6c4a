"""The image library: a photo with the rights, credit and focal point that travel with it.

Articles and contributors refer to an Image; no page stores a file of its own. What a reader
may see is decided by ``usable_q`` / ``Image.is_usable`` alone (docs/images.md).
"""

from __future__ import annotations

from datetime import datetime

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone


class ImageTag(models.Model):
    name = models.CharField("name", max_length=80, unique=True)

    class Meta:
        ordering = ["name"]
        verbose_name = "image tag"

    def __str__(self) -> str:
        return self.name


def usable_q(prefix: str = "", now: datetime | None = None) -> Q:
    """The one rule of "a reader may see this photo": no rights expiry, or one still ahead.

    The same "time has come" rule as scheduling (newsroom.models.live_q): no job flips a
    flag when the rights end; every read asks the time.
    """
    return Q(**{f"{prefix}rights_expire_at__isnull": True}) | Q(
        **{f"{prefix}rights_expire_at__gt": now or timezone.now()}
    )


class Image(models.Model):
    class Source(models.TextChoices):
        STAFF = "staff", "Staff photographer"
        AGENCY = "agency", "Agency"
        HANDOUT = "handout", "Handout"
        POOL = "pool", "Pool"
        ILLUSTRATION = "illustration", "Illustration"
        OTHER = "other", "Other or not known"

    file = models.ImageField(
        "file", upload_to="images/%Y/%m/", width_field="width", height_field="height"
    )
    width = models.PositiveIntegerField("width", editable=False, default=0)
    height = models.PositiveIntegerField("height", editable=False, default=0)
    title = models.CharField(
        "title", max_length=200, blank=True, help_text="For finding it in the library."
    )
    alt_text = models.CharField(
        "alt text",
        max_length=250,
        help_text="What the picture shows, for readers who cannot see it.",
    )
    caption = models.CharField("caption", max_length=300, blank=True)
    credit = models.CharField(
        "credit", max_length=120, blank=True, help_text="Printed beside the picture."
    )
    source = models.CharField("source", max_length=16, choices=Source.choices, default=Source.OTHER)
    rights_note = models.TextField(
        "licence or rights note",
        blank=True,
        help_text="Who owns it and on what terms we may use it.",
    )
    rights_expire_at = models.DateTimeField(
        "rights expire",
        null=True,
        blank=True,
        help_text="From this moment the photo leaves every reader page, feed and card by itself.",
    )
    focal_x = models.FloatField(
        "focal point, across",
        default=0.5,
        validators=[MinValueValidator(0.0), MaxValueValidator(1.0)],
        help_text="0 is the left edge, 1 the right; crops keep this point in view.",
    )
    focal_y = models.FloatField(
        "focal point, down",
        default=0.5,
        validators=[MinValueValidator(0.0), MaxValueValidator(1.0)],
        help_text="0 is the top edge, 1 the bottom.",
    )
    keep_metadata = models.BooleanField(
        "keep the original's metadata",
        default=False,
        help_text="Keep EXIF (camera, GPS) in the stored original. Renditions never carry it.",
    )
    tags = models.ManyToManyField(ImageTag, verbose_name="tags", blank=True, related_name="images")
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="uploaded by",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )
    uploaded_at = models.DateTimeField("uploaded", default=timezone.now, editable=False)
    # The fingerprint of the renditions made for the current file and focal point; empty
    # until they are made (renditions.py). Pages then show the original.
    renditions_key = models.CharField(max_length=40, blank=True, editable=False)

    class Meta:
        ordering = ["-uploaded_at", "-id"]
        constraints = [
            models.CheckConstraint(condition=~Q(alt_text=""), name="image_has_alt_text"),
        ]
        indexes = [
            models.Index(fields=["rights_expire_at"], name="image_rights_idx"),
            models.Index(fields=["-uploaded_at"], name="image_uploaded_idx"),
        ]

    def __str__(self) -> str:
        return self.title or self.alt_text[:80] or f"Image {self.pk}"

    def is_usable(self, now: datetime | None = None) -> bool:
        """usable_q on a loaded row."""
        return self.rights_expire_at is None or self.rights_expire_at > (now or timezone.now())
