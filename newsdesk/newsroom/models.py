"""The newsroom's content: sections, contributors, articles with their bylines and corrections."""

from __future__ import annotations

import re
from datetime import datetime
from functools import lru_cache

import reversion
from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q
from django.db.models.functions import Coalesce
from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils import timezone
from django_prose_editor.fields import ProseEditorField

from newsdesk.images.models import Image

PUBLIC_ID_PATTERN = r"^CP-\d{4}-\d{4,}$"

# What the rich-text editor offers is exactly what the sanitizer keeps: django-prose-editor
# derives its nh3 allow-list from this same configuration.
BODY_EXTENSIONS = {
    "Bold": True,
    "Italic": True,
    "Strike": True,
    "Subscript": True,
    "Superscript": True,
    "Heading": {"levels": [2, 3, 4]},
    "BulletList": True,
    "OrderedList": True,
    "ListItem": True,
    "Blockquote": True,
    "HorizontalRule": True,
    "HardBreak": True,
    "Link": {"enableTarget": False, "protocols": ["http", "https", "mailto"]},
    # "Browse..." in the picture dialog opens the image library's picker (images.admin).
    "Figure": {"pickerUrl": "/admin/images/image/picker/"},
    "Caption": True,
    "Image": True,
    "Table": True,
    "TableRow": True,
    "TableHeader": True,
    "TableCell": True,
    # The editor's own defaults turn the browser's spell checker off; ours turn it on. The
    # last three are newsdesk/static/newsdesk/body_editor.js (docs/desk.md, "The body editor").
    "NoSpellCheck": False,
    "SpellCheck": True,
    "CaretAfterLink": True,
    "WholeFigures": True,
}


class Section(models.Model):
    name = models.CharField("name", max_length=80, unique=True)
    slug = models.SlugField("slug", max_length=80, unique=True)
    description = models.TextField("description", blank=True)
    position = models.PositiveSmallIntegerField(
        "position", default=0, help_text="Sections are listed in this order on the home page."
    )
    comment_moderation = models.CharField(
        "comment moderation",
        max_length=8,
        blank=True,
        choices=[
            ("", "Site default"),
            ("pre", "Hold every comment for approval"),
            ("post", "Publish at once, review afterwards"),
        ],
        help_text="Overrides the site's setting for this section's articles.",
    )

    class Meta:
        ordering = ["position", "name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("newsroom:section", kwargs={"slug": self.slug})


class Tag(models.Model):
    name = models.CharField("name", max_length=80, unique=True)
    slug = models.SlugField("slug", max_length=80, unique=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("newsroom:tag", kwargs={"slug": self.slug})


class PublicIdCounter(models.Model):
    """The last contributor number handed out in a year. It only goes up: no ID is reused."""

    year = models.PositiveIntegerField("year", primary_key=True)
    last_number = models.PositiveIntegerField("last number", default=0)

    def __str__(self) -> str:
        return f"{self.year}: {self.last_number}"


class Contributor(models.Model):
    display_name = models.CharField("display name", max_length=120)
    slug = models.SlugField("slug", max_length=120, unique=True)
    public_id = models.CharField(
        "public ID",
        max_length=16,
        unique=True,
        editable=False,
        validators=[RegexValidator(PUBLIC_ID_PATTERN)],
        help_text="CP-YYYY-NNNN, assigned once when the contributor is created; never reused.",
    )
    contact_email = models.EmailField(
        "public contact e-mail",
        blank=True,
        help_text="Shown on the contributor page. Leave empty to use the ID address.",
    )
    bio = models.TextField("bio", blank=True)
    photo = models.ForeignKey(
        Image,
        verbose_name="photo",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text="A portrait from the image library.",
    )
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name="staff user",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="contributor",
    )
    created_at = models.DateTimeField("created", default=timezone.now, editable=False)

    class Meta:
        ordering = ["display_name"]

    def __str__(self) -> str:
        return f"{self.display_name} ({self.public_id})"

    def get_absolute_url(self) -> str:
        return reverse("newsroom:contributor", kwargs={"slug": self.slug})

    @property
    def id_email(self) -> str:
        """The address printed on bylines: the public ID at the newsroom's byline domain."""
        return f"{self.public_id}@{settings.NEWSDESK_BYLINE_EMAIL_DOMAIN}"

    @property
    def public_email(self) -> str:
        return self.contact_email or self.id_email


def live_q(prefix: str = "", now: datetime | None = None) -> Q:
    """The one rule of "a reader may see this article": published, its publish time come.

    ``prefix`` reaches articles across a relation (``"articles__"`` from a section). A
    scheduled article is a published one whose time is still ahead, so it goes public by
    this condition alone, with no job to flip its state.
    """
    return Q(
        **{
            f"{prefix}status": Article.Status.PUBLISHED,
            f"{prefix}publish_at__lte": now or timezone.now(),
        }
    )


def last_update(prefix: str = "") -> Coalesce:
    """The one rule of an article's last update, in SQL: its last substantive update (a
    correction counts as one), else its publish time. Article.last_updated_at is the same
    rule on a loaded row."""
    return Coalesce(f"{prefix}substantively_updated_at", f"{prefix}publish_at")


class ArticleQuerySet(models.QuerySet):
    def live(self, now: datetime | None = None) -> ArticleQuerySet:
        """Articles a reader may see (live_q)."""
        return self.filter(live_q(now=now))

    def for_listing(self) -> ArticleQuerySet:
        return self.select_related("section", "lead_image").only(
            "id",
            "headline",
            "slug",
            "summary",
            "status",
            "publish_at",
            "created_at",
            "substantively_updated_at",
            "coverage_started_at",
            "coverage_ended_at",
            "section__name",
            "section__slug",
            *LISTED_IMAGE_FIELDS,
        )


# The article form's own fields (newsroom.admin's ArticleForm): what an editor edits, and what a
# draft revision of a live story keeps and applies (newsroom/drafts.py).
FORM_FIELDS = [
    "headline",
    "slug",
    "section",
    "summary",
    "body",
    "tags",
    "lead_image",
    "lead_image_caption",
    "publish_at",
    "comments_open",
]


# What a teaser needs of its lead image (markup.picture, Image.is_usable): read in the same
# query as the article. ImageField reads its dimension fields on load, so they come too.
LISTED_IMAGE_FIELDS = [
    f"lead_image__{name}"
    for name in ("file", "width", "height", "alt_text", "rights_expire_at", "renditions_key")
]


class Article(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        IN_REVIEW = "in_review", "In review"
        # Published with a publish time still ahead is "scheduled": see ArticleQuerySet.live.
        PUBLISHED = "published", "Published or scheduled"
        UNPUBLISHED = "unpublished", "Unpublished"

    headline = models.CharField("headline", max_length=200)
    slug = models.SlugField(
        "slug", max_length=120, unique=True, help_text="The last part of the article's address."
    )
    summary = models.TextField("summary", max_length=400, blank=True)
    body = ProseEditorField("body", extensions=BODY_EXTENSIONS, sanitize=True, blank=True)
    section = models.ForeignKey(
        Section, verbose_name="section", on_delete=models.PROTECT, related_name="articles"
    )
    tags = models.ManyToManyField(Tag, verbose_name="tags", blank=True, related_name="articles")
    contributors = models.ManyToManyField(
        Contributor, through="Byline", related_name="articles", verbose_name="contributors"
    )
    lead_image = models.ForeignKey(
        Image,
        verbose_name="lead image",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text="From the image library; its alt text, credit and rights come with it.",
    )
    lead_image_caption = models.CharField(
        "caption for this story",
        max_length=300,
        blank=True,
        help_text="Leave empty to use the library's caption.",
    )
    status = models.CharField(
        "status", max_length=16, choices=Status.choices, default=Status.DRAFT, editable=False
    )
    publish_at = models.DateTimeField(
        "publish time",
        null=True,
        blank=True,
        help_text="A time ahead schedules the article; it goes public at that time by itself.",
    )
    substantively_updated_at = models.DateTimeField(
        "last substantive update", null=True, blank=True, editable=False
    )
    comments_open = models.BooleanField(
        "comments open",
        default=True,
        help_text="Comments also close by themselves once the article is older than the site's "
        "limit.",
    )
    # Live coverage (docs/coverage.md): started, the page takes timestamped updates from the
    # coverage app and is marked LIVE in every list; ended, it keeps them under a summary.
    coverage_started_at = models.DateTimeField(
        "live coverage started", null=True, blank=True, editable=False
    )
    coverage_ended_at = models.DateTimeField(
        "live coverage ended", null=True, blank=True, editable=False
    )
    coverage_summary = models.TextField(
        "summary of the coverage", max_length=2000, blank=True, editable=False
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="created by",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )
    created_at = models.DateTimeField("created", default=timezone.now, editable=False)
    modified_at = models.DateTimeField("modified", auto_now=True)
    # Goes up by one with every save through the services: a form based on an older version
    # is refused rather than let it overwrite a colleague (newsroom/conflicts.py).
    version = models.PositiveIntegerField("version", default=0, editable=False)

    objects = ArticleQuerySet.as_manager()

    class Meta:
        # Newest first: every list of articles relies on this order unless it names another.
        ordering = ["-publish_at", "-id"]
        permissions = [
            ("publish_article", "Can publish, schedule and unpublish articles"),
            ("edit_any_article", "Can edit any article, not only own drafts"),
        ]
        indexes = [
            models.Index(fields=["status", "-publish_at"], name="article_live_idx"),
            models.Index(fields=["section", "status", "-publish_at"], name="article_section_idx"),
            # Latest Stories reads the newest by update through this one (audience.selectors).
            models.Index(
                fields=["status", "-substantively_updated_at"], name="article_updated_idx"
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status="published") | Q(publish_at__isnull=False),
                name="article_published_has_time",
            ),
        ]

    def __str__(self) -> str:
        return self.headline

    def get_absolute_url(self) -> str:
        when = timezone.localtime(self.publish_at or self.created_at)
        # A page links some 30 articles: the address is the one reverse() gives, built from its
        # prefix (reversed once per script prefix and URLconf) when the parts match the pattern.
        if _ARTICLE_SLUG.match(self.slug) and 1000 <= when.year <= 9999:
            prefix = _article_prefix(get_script_prefix(), get_urlconf() or settings.ROOT_URLCONF)
            if prefix is not None:
                return f"{prefix}{when.year}/{when.month:02d}/{when.day:02d}/{self.slug}/"
        return reverse(
            "newsroom:article",
            kwargs={
                "year": when.year,
                "month": f"{when.month:02d}",
                "day": f"{when.day:02d}",
                "slug": self.slug,
            },
        )

    def is_live(self, now: datetime | None = None) -> bool:
        """live_q on a loaded row."""
        return (
            self.status == self.Status.PUBLISHED
            and self.publish_at is not None
            and self.publish_at <= (now or timezone.now())
        )

    @property
    def lead_picture(self) -> Image | None:
        """The lead image if a reader may see it now (its rights not expired), else None.
        Every reader surface shows this, never ``lead_image`` itself."""
        image = self.lead_image
        return image if image is not None and image.is_usable() else None

    @property
    def lead_caption(self) -> str:
        return self.lead_image_caption or (self.lead_image.caption if self.lead_image else "")

    @property
    def last_updated_at(self) -> datetime | None:
        """last_update on a loaded row."""
        return self.substantively_updated_at or self.publish_at

    @property
    def is_live_coverage(self) -> bool:
        """Live coverage of this article has started (running or ended): it has updates."""
        return self.coverage_started_at is not None

    @property
    def coverage_running(self) -> bool:
        """Live coverage started and not yet ended: the lists mark the article LIVE."""
        return self.coverage_started_at is not None and self.coverage_ended_at is None

    @property
    def is_scheduled(self) -> bool:
        return (
            self.status == self.Status.PUBLISHED
            and self.publish_at is not None
            and self.publish_at > timezone.now()
        )

    @property
    def workflow_state(self) -> str:
        return "Scheduled" if self.is_scheduled else self.get_status_display().split(" or ")[0]


class Byline(models.Model):
    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="bylines")
    contributor = models.ForeignKey(
        Contributor, on_delete=models.PROTECT, related_name="bylines", verbose_name="contributor"
    )
    position = models.PositiveSmallIntegerField("position", default=0)

    class Meta:
        ordering = ["position", "id"]
        constraints = [
            models.UniqueConstraint(fields=["article", "contributor"], name="byline_unique")
        ]

    def __str__(self) -> str:
        return f"{self.contributor} on {self.article}"


class Correction(models.Model):
    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="corrections")
    text = models.TextField("correction", max_length=1000)
    created_at = models.DateTimeField("time", default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"Correction to {self.article} at {self.created_at:%Y-%m-%d %H:%M}"


# Revisions follow the byline but not the corrections: restoring an old version must never
# take a published correction off the page.
reversion.register(Byline)
reversion.register(Article, follow=["bylines"])


# newsroom:article's slug part (newsdesk/pages/urls.py): such a slug needs no quoting.
_ARTICLE_SLUG = re.compile(r"[-a-z0-9]+\Z")
_SAMPLE = "2000/01/02/sample-slug/"


@lru_cache(maxsize=16)
def _article_prefix(script_prefix: str, urlconf: str) -> str | None:
    """What reverse() puts before ``YYYY/MM/DD/slug/`` for newsroom:article, or None when its
    address has another shape (then each is reversed)."""
    path = reverse(
        "newsroom:article",
        kwargs={"year": 2000, "month": "01", "day": "02", "slug": "sample-slug"},
    )
    return path[: -len(_SAMPLE)] if path.endswith("/" + _SAMPLE) else None
