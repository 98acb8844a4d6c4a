"""Newsletters: readers' addresses, their lists, each letter sent and each delivery of it.

The lists a reader may join are named by keys (``newsletters.lists``): "briefing", "alerts"
and "digest:<section slug>". docs/newsletters.md has the design: confirmation, sending exactly
once, and what the admin shows.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone

from newsdesk.newsroom.models import Article


class Subscriber(models.Model):
    """One confirmed address. Stored once: ``address_key`` is the address case-folded."""

    address = models.EmailField("address", max_length=254)
    address_key = models.CharField("address, case-folded", max_length=254, unique=True)
    confirmed_at = models.DateTimeField("confirmed", default=timezone.now)
    suppressed_at = models.DateTimeField(
        "suppressed",
        null=True,
        blank=True,
        help_text="Set when the address bounced or complained: nothing more is sent to it.",
    )
    suppressed_reason = models.CharField("why suppressed", max_length=40, blank=True)

    class Meta:
        ordering = ["-confirmed_at"]

    def __str__(self) -> str:
        return masked(self.address)


def masked(address: str) -> str:
    """An address as the newsroom sees it: the first letter and the domain (never whole)."""
    local, _, domain = address.partition("@")
    return f"{local[:1]}…@{domain}"


class Subscription(models.Model):
    subscriber = models.ForeignKey(
        Subscriber, on_delete=models.CASCADE, related_name="subscriptions"
    )
    list_key = models.CharField("list", max_length=100)
    created_at = models.DateTimeField("since", default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["subscriber", "list_key"], name="one_subscription")
        ]
        indexes = [models.Index(fields=["list_key", "subscriber"])]

    def __str__(self) -> str:
        return self.list_key


class Letter(models.Model):
    """One newsletter issue: a morning briefing, a breaking alert or a section's digest."""

    class Kind(models.TextChoices):
        BRIEFING = "briefing", "Morning briefing"
        ALERT = "alert", "Breaking alert"
        DIGEST = "digest", "Weekly digest"

    class Status(models.TextChoices):
        DRAFT = "draft", "Draft (goes at its time unless cancelled)"
        SENDING = "sending", "Sending"
        SENT = "sent", "Sent"
        CANCELLED = "cancelled", "Cancelled"

    kind = models.CharField("kind", max_length=10, choices=Kind.choices)
    list_key = models.CharField("list", max_length=100)
    subject = models.CharField("subject", max_length=150)
    intro = models.TextField(
        "introduction", blank=True, help_text="A few lines above the stories; plain text."
    )
    articles = models.ManyToManyField(
        Article, through="LetterArticle", related_name="+", verbose_name="stories"
    )
    alert_article = models.OneToOneField(
        Article,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="breaking_alert",
        help_text="The story a breaking alert is about: at most one alert an article.",
    )
    send_at = models.DateTimeField("goes at")
    status = models.CharField("status", max_length=10, choices=Status.choices, default=Status.DRAFT)
    created_at = models.DateTimeField("composed", default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    edited_at = models.DateTimeField("edited", null=True, blank=True)
    started_at = models.DateTimeField("started", null=True, blank=True)
    finished_at = models.DateTimeField("finished", null=True, blank=True)
    heartbeat_at = models.DateTimeField("last sign of its sender", null=True, blank=True)
    recipients = models.PositiveIntegerField("recipients", default=0)

    class Meta:
        ordering = ["-send_at"]
        indexes = [models.Index(fields=["status", "send_at"])]

    def __str__(self) -> str:
        return self.subject

    def get_absolute_url(self) -> str:
        return reverse("newsletters:letter", kwargs={"pk": self.pk})


class LetterArticle(models.Model):
    letter = models.ForeignKey(Letter, on_delete=models.CASCADE)
    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="+")
    position = models.PositiveSmallIntegerField("position", default=0)

    class Meta:
        ordering = ["position"]
        constraints = [
            models.UniqueConstraint(fields=["letter", "article"], name="article_once_a_letter")
        ]

    def __str__(self) -> str:
        return f"{self.position}: {self.article_id}"


class Delivery(models.Model):
    """One letter to one subscriber: created once, sent at most once (docs/newsletters.md)."""

    class State(models.TextChoices):
        PENDING = "pending", "Waiting"
        SENDING = "sending", "Handed to the mail server"
        SENT = "sent", "Sent"
        FAILED = "failed", "Failed"
        IN_DOUBT = "in_doubt", "In doubt (the sender stopped mid-send; not sent again)"
        SKIPPED = "skipped", "Skipped (unsubscribed or suppressed meanwhile)"

    letter = models.ForeignKey(Letter, on_delete=models.CASCADE, related_name="deliveries")
    subscriber = models.ForeignKey(Subscriber, on_delete=models.CASCADE, related_name="+")
    state = models.CharField("state", max_length=10, choices=State.choices, default="pending")
    attempts = models.PositiveSmallIntegerField("attempts", default=0)
    error = models.CharField("error", max_length=300, blank=True)
    sent_at = models.DateTimeField("sent", null=True, blank=True)
    opened_at = models.DateTimeField(
        "first opened", null=True, blank=True, help_text="Only with NEWSDESK_OPEN_TRACKING on."
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["letter", "subscriber"], name="one_delivery")
        ]
        indexes = [models.Index(fields=["letter", "state"])]
        verbose_name_plural = "deliveries"

    def __str__(self) -> str:
        return f"{self.letter_id} → {self.subscriber_id}: {self.state}"


class SignupRequest(models.Model):
    """A confirmation mail asked for: what the sign-up limits count. No address is kept, only
    a keyed hash of it; rows older than a day are removed as new ones come."""

    address_hash = models.CharField(max_length=64, db_index=True)
    network = models.CharField(max_length=64, db_index=True)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    def __str__(self) -> str:
        return f"{self.network} at {self.created_at:%Y-%m-%d %H:%M}"
