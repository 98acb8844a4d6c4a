"""Reader comments on articles."""

from __future__ import annotations

from django.db import models
from django.utils import timezone

from newsdesk.newsroom.models import Article

MAX_LENGTH = 300  # Unicode code points after NFC normalization; see comments.text


class CommentQuerySet(models.QuerySet):
    def visible(self) -> CommentQuerySet:
        return self.filter(status=Comment.Status.APPROVED)


class Comment(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", "Held for moderation"
        APPROVED = "approved", "Approved"
        REJECTED = "rejected", "Rejected"
        SPAM = "spam", "Spam"

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="comments")
    parent = models.ForeignKey(
        "self", on_delete=models.CASCADE, null=True, blank=True, related_name="replies"
    )
    name = models.CharField("display name", max_length=60)
    email = models.EmailField("e-mail (never shown)", blank=True)
    text = models.TextField("comment")
    status = models.CharField(
        "status", max_length=12, choices=Status.choices, default=Status.APPROVED, db_index=True
    )
    created_at = models.DateTimeField("posted", default=timezone.now, db_index=True)

    objects = CommentQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["article", "status", "-created_at"], name="comment_article_idx")
        ]

    def __str__(self) -> str:
        return f"{self.name} on {self.article_id}: {self.text[:40]}"
