"""The desk around the article form: unsaved text kept for its writer (autosave) and who has
a piece open now (presence). Neither is ever shown to readers or changes what they see."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
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
