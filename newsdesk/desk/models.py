"""The desk around the article form: unsaved text kept for its writer (autosave) and who has
a piece open now (presence). Neither is ever shown to readers or changes what they see."""

from __future__ import annotations

import secrets
from datetime import datetime

from django.conf import settings
from django.core import signing
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from newsdesk.newsroom.models import Article


class Autosave(models.Model):
    """The last unsaved state of one person's form: of an article, or of a new piece."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    article = models.ForeignKey(
        Article, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    fields = models.JSONField("fields", default=dict)
    saved_at = models.DateTimeField("saved", default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["user", "article"],
                name="autosave_one_per_article",
                condition=Q(article__isnull=False),
            ),
            models.UniqueConstraint(
                fields=["user"], name="autosave_one_new_piece", condition=Q(article__isnull=True)
            ),
        ]

    def __str__(self) -> str:
        return f"Autosave by {self.user_id} of {self.article_id or 'a new piece'}"


class Presence(models.Model):
    """Someone has an article's form open: since when, last heard from when."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="+")
    since = models.DateTimeField("since", default=timezone.now)
    seen_at = models.DateTimeField("last seen", default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "article"], name="presence_one_per_article")
        ]
        indexes = [models.Index(fields=["article", "seen_at"], name="presence_article_idx")]

    def __str__(self) -> str:
        return f"{self.user_id} on {self.article_id}"


class Note(models.Model):
    """An editorial note on an article, for the newsroom only: no reader page, feed, API or
    export shows one (docs/desk.md)."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="desk_notes")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name="by",
    )
    text = models.TextField("note", max_length=2000)
    addressed_to = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="desk_notes",
        verbose_name="for",
        help_text="They see it in the newsroom's top bar until it is resolved.",
    )
    created_at = models.DateTimeField("written", default=timezone.now)
    resolved = models.BooleanField("resolved", default=False)

    class Meta:
        ordering = ["created_at", "id"]
        indexes = [models.Index(fields=["article", "created_at"], name="note_article_idx")]

    def __str__(self) -> str:
        return f"Note on {self.article_id} by {self.author_id}"


# Preview links (docs/desk.md, "Preview links"): the signature's salt, so a token is good for
# nothing else the site signs; the random key, so a link's id alone names no link.
PREVIEW_LINK_SALT = "newsdesk.desk.preview-link"


def new_preview_key() -> str:
    return secrets.token_urlsafe(12)


class PreviewLink(models.Model):
    """An address that shows one article as its preview to anyone who has it, until it expires
    or is revoked. Its token is signed (SECRET_KEY), so a copy of the table opens nothing."""

    article = models.ForeignKey(
        Article, on_delete=models.CASCADE, related_name="desk_preview_links"
    )
    key = models.CharField("key", max_length=32, default=new_preview_key, editable=False)
    shared_with = models.CharField(
        "for",
        max_length=200,
        help_text="Whom you are sending it to (a fact-checker, a source): for the newsroom's "
        "record, never shown on the page.",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name="made by",
    )
    created_at = models.DateTimeField("made", default=timezone.now)
    expires_at = models.DateTimeField("expires")
    revoked_at = models.DateTimeField("revoked", null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="revoked by",
    )

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = "preview link"

    def __str__(self) -> str:
        return f"Preview link {self.pk} of {self.article_id} for {self.shared_with}"

    def get_absolute_url(self) -> str:
        return reverse("newsroom:shared-preview", kwargs={"token": self.token})

    @property
    def token(self) -> str:
        """The signed ``<id>.<key>`` the address carries."""
        signer = signing.Signer(salt=PREVIEW_LINK_SALT, sep=".")
        return signer.sign(f"{self.pk}.{self.key}")

    def is_open(self, now: datetime | None = None) -> bool:
        """Not revoked and not expired: the link shows its article."""
        return self.revoked_at is None and (now or timezone.now()) < self.expires_at
