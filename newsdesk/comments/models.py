"""Reader comments on articles, their reports, and banned readers."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.db.models.functions import Length
from django.db.models.lookups import LessThanOrEqual
from django.utils import timezone

from newsdesk.newsroom.models import Article

MAX_LENGTH = 300  # Unicode code points after NFC normalization; see comments.text


class CommentQuerySet(models.QuerySet):
    def visible(self) -> CommentQuerySet:
        """The only comments any page, count, feed or API may show."""
        return self.filter(status=Comment.Status.APPROVED)


class Comment(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", "Held for moderation"
        APPROVED = "approved", "Approved"
        REJECTED = "rejected", "Rejected"
        SPAM = "spam", "Spam"

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="comments")
    parent = models.ForeignKey(
        "self",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="replies",
        verbose_name="reply to",
    )
    name = models.CharField("display name", max_length=60)
    email = models.EmailField("e-mail (never shown)", blank=True)
    text = models.TextField("comment")
    status = models.CharField(
        "status", max_length=12, choices=Status.choices, default=Status.APPROVED, db_index=True
    )
    held_reason = models.CharField(
        "why it was held",
        max_length=200,
        blank=True,
        help_text="Filled in when a rule or reports held the comment for a moderator.",
    )
    needs_review = models.BooleanField(
        "needs review",
        default=False,
        help_text="Published under post-moderation and not yet looked at, or edited since.",
    )
    reports = models.PositiveIntegerField("reports", default=0)
    reader = models.CharField(
        "reader key",
        max_length=64,
        blank=True,
        default="",
        editable=False,
        help_text="A keyed hash of the poster's browser key: for limits and bans, never shown.",
    )
    network = models.CharField(
        "network key",
        max_length=64,
        blank=True,
        default="",
        editable=False,
        help_text="A keyed hash of the poster's address (an IPv6 /64): for wider limits only.",
    )
    edit_token_hash = models.CharField(max_length=64, blank=True, editable=False)
    imported = models.BooleanField(
        "imported",
        default=False,
        editable=False,
        help_text="Brought across from another site (newsdesk import): kept whole, so its text "
        "may be over the limit that applies to comments posted here.",
    )
    created_at = models.DateTimeField("posted", default=timezone.now, db_index=True)
    edited_at = models.DateTimeField("edited", null=True, blank=True, editable=False)
    moderated_at = models.DateTimeField("moderated", null=True, blank=True, editable=False)
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )

    objects = CommentQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["article", "status", "-created_at"], name="comment_article_idx"),
            models.Index(fields=["reader", "-created_at"], name="comment_reader_idx"),
            models.Index(fields=["network", "-created_at"], name="comment_network_idx"),
        ]
        constraints = [
            # The limit holds in the database too; only an imported comment is exempt, and
            # says so (comments.services.comment_import).
            models.CheckConstraint(
                condition=Q(imported=True) | Q(LessThanOrEqual(Length("text"), MAX_LENGTH)),
                name="comment_within_limit_unless_imported",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} on {self.article_id}: {self.text[:40]}"

    def get_absolute_url(self) -> str:
        return f"{self.article.get_absolute_url()}#comment-{self.pk}"


class CommentReport(models.Model):
    """One reader's report of one comment; a reader counts once, and towards hiding it, one
    network (an IPv6 /64) counts once."""

    comment = models.ForeignKey(Comment, on_delete=models.CASCADE, related_name="report_set")
    reader = models.CharField(max_length=64)
    network = models.CharField(max_length=64, blank=True, default="")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["comment", "reader"], name="report_once_per_reader")
        ]

    def __str__(self) -> str:
        return f"report on {self.comment_id}"


class BannedReader(models.Model):
    """A reader who may not comment: matched by reader key, or by e-mail if one was given.
    Comments from their network are held for a moderator for a while (comments.services)."""

    reader = models.CharField("reader key", max_length=64, blank=True, db_index=True)
    network = models.CharField("network key", max_length=64, blank=True, db_index=True)
    email = models.EmailField("e-mail", blank=True, db_index=True)
    reason = models.CharField("reason", max_length=200, blank=True)
    created_at = models.DateTimeField("banned", default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = "banned reader"

    def __str__(self) -> str:
        return self.email or f"reader {self.reader[:10]}…"

    def clean(self) -> None:
        if not (self.reader or self.email.strip()):
            raise ValidationError(
                "A ban needs the reader's e-mail address; to ban the writer of a comment, use "
                "Ban on the comment itself."
            )
