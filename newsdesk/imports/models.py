"""What an import brought across: the source's ids mapped to our rows, the source's authors
(kept for matching, never shown), and the old addresses that answer a 301 (docs/imports.md)."""

from __future__ import annotations

from django.db import models
from django.utils import timezone

from newsdesk.newsroom.models import Contributor


class ImportedItem(models.Model):
    """One source item and the row it became: a second run finds it here and changes nothing
    while the item's fingerprint is the same."""

    class Kind(models.TextChoices):
        AUTHOR = "author", "Author"
        CATEGORY = "category", "Category"
        TAG = "tag", "Tag"
        ATTACHMENT = "attachment", "Attachment"
        POST = "post", "Post"
        COMMENT = "comment", "Comment"

    source = models.CharField(
        "source site",
        max_length=200,
        help_text="The exported site's address, e.g. https://old.example.",
    )
    kind = models.CharField("kind", max_length=16, choices=Kind.choices)
    source_id = models.CharField("id at the source", max_length=200)
    object_id = models.BigIntegerField("our row's id")
    fingerprint = models.CharField(
        "fingerprint", max_length=64, blank=True, help_text="A hash of what the source said."
    )
    imported_at = models.DateTimeField("imported", default=timezone.now)

    class Meta:
        verbose_name = "imported item"
        constraints = [
            models.UniqueConstraint(
                fields=["source", "kind", "source_id"], name="importeditem_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.source_id} from {self.source} -> {self.object_id}"


class ImportedAuthor(models.Model):
    """A source author's login and e-mail, for matching on later runs; never on a page."""

    source = models.CharField("source site", max_length=200)
    login = models.CharField("login at the source", max_length=200)
    email = models.EmailField("e-mail at the source", blank=True)
    contributor = models.ForeignKey(
        Contributor, on_delete=models.CASCADE, related_name="+", verbose_name="contributor"
    )

    class Meta:
        verbose_name = "imported author"
        constraints = [
            models.UniqueConstraint(fields=["source", "login"], name="importedauthor_unique")
        ]

    def __str__(self) -> str:
        return f"{self.login} ({self.source})"


class Redirect(models.Model):
    """An old address that answers 301 with the new one (imports.redirects)."""

    old_path = models.CharField(
        "old address",
        max_length=500,
        unique=True,
        help_text="A path on this site, e.g. /2019/05/12/slug/ or /?p=123.",
    )
    new_path = models.CharField(
        "new address", max_length=500, help_text="Where it leads now, e.g. /2019/05/12/slug/."
    )
    note = models.CharField(
        "note", max_length=200, blank=True, help_text="Where it came from (an import, an editor)."
    )
    created_at = models.DateTimeField("created", default=timezone.now, editable=False)

    class Meta:
        ordering = ["old_path"]
        verbose_name = "redirect"

    def __str__(self) -> str:
        return f"{self.old_path} -> {self.new_path}"
