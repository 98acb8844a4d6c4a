"""Live coverage's updates: short timestamped posts on a live article (docs/coverage.md).

Whether an article is covered live is the article's own state (newsroom.models.Article's
``coverage_*`` fields), so every list can mark it LIVE without knowing this app.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django_prose_editor.fields import ProseEditorField

from newsdesk.images.models import Image
from newsdesk.newsroom.models import Article, Contributor

# An update is a few paragraphs: the body's marks, lists and links, no headings or figures
# (its picture is the library image beside it). Sanitized by the same nh3 allow-list.
UPDATE_EXTENSIONS = {
    "Bold": True,
    "Italic": True,
    "Strike": True,
    "BulletList": True,
    "OrderedList": True,
    "ListItem": True,
    "Blockquote": True,
    "HardBreak": True,
    "Link": {"enableTarget": False, "protocols": ["http", "https", "mailto"]},
    "NoSpellCheck": False,
    "SpellCheck": True,
    "CaretAfterLink": True,
}
MAX_PINNED = 3
MAX_BODY = 20_000  # characters of stored HTML: a live update is short


class Update(models.Model):
    article = models.ForeignKey(
        Article, on_delete=models.CASCADE, related_name="live_updates", verbose_name="article"
    )
    body = ProseEditorField("text", extensions=UPDATE_EXTENSIONS, sanitize=True)
    image = models.ForeignKey(
        Image,
        verbose_name="picture",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text="From the image library; its alt text, credit and rights come with it.",
    )
    author = models.ForeignKey(
        Contributor,
        verbose_name="author",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    published_at = models.DateTimeField("time", default=timezone.now, editable=False)
    edited_at = models.DateTimeField("edited", null=True, blank=True, editable=False)
    pinned = models.BooleanField("key event", default=False, editable=False)
    correction = models.TextField("correction", max_length=1000, blank=True, editable=False)
    corrected_at = models.DateTimeField("corrected", null=True, blank=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )

    class Meta:
        ordering = ["-published_at", "-id"]
        indexes = [
            models.Index(fields=["article", "-published_at", "-id"], name="update_article_idx")
        ]

    def __str__(self) -> str:
        return f"Update to {self.article_id} at {self.published_at:%Y-%m-%d %H:%M}"

    def get_absolute_url(self) -> str:
        return f"{self.article.get_absolute_url()}#{self.anchor}"

    @property
    def anchor(self) -> str:
        """The update's own fragment on the article page, for sharing."""
        return f"update-{self.pk}"
