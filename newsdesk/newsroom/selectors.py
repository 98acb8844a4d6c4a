"""Reads for the reader site. Each returns what a page shows in a fixed number of queries."""

from __future__ import annotations

from datetime import datetime

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db.models import Prefetch, QuerySet
from django.http import Http404
from django.urls import reverse
from django.utils import timezone

from newsdesk.images import body
from newsdesk.images import selectors as images
from newsdesk.images.models import Image
from newsdesk.newsroom import rules
from newsdesk.newsroom.models import Article, Byline, Contributor, Section, Tag
from newsdesk.newsroom.sql import top_ids

FRONT_SIZE = 4


def article_for_page(*, slug: str, user: AbstractBaseUser | AnonymousUser) -> tuple[Article, bool]:
    """The article at ``slug`` with all it shows, and whether this is a staff preview.

    Readers see live articles only; anything else answers 404, so a draft's address
    tells them nothing. Staff who may edit it (rules.can_preview) see it as a preview.
    """
    article = (
        Article.objects.select_related("section", "stats", "lead_image")
        .prefetch_related(
            Prefetch("bylines", queryset=Byline.objects.select_related("contributor")),
            "tags",
            "corrections",
        )
        .filter(slug=slug)
        .first()
    )
    if article is None:
        raise Http404("No such article.")
    # The body's library pictures: one query for any number of them, none for no picture.
    article.body_images = images.by_id(body.picture_ids(article.body))
    if article.is_live():
        return article, False
    if rules.can_preview(user, article):
        return article, True
    raise Http404("No such article.")


# The lead story is looked for among this many of the newest articles: a front page leads
# with a recent story, and the read stays a few index rows however large the archive.
LEAD_CANDIDATES = 30


def lead_story() -> Article | None:
    """The newest live article with a lead image among the newest few, else the newest."""
    recent = list(Article.objects.live().for_listing()[:LEAD_CANDIDATES])
    return next((a for a in recent if a.lead_picture), recent[0] if recent else None)


def section_fronts(*, exclude_id: int | None = None) -> list[tuple[Section, list[Article]]]:
    """Each section with its newest articles, in two queries whatever the number of sections.

    Each section's newest are read through article_section_idx, a few rows each (see
    newsroom.sql.top_ids), so the cost does not grow with the archive.
    """
    sections = list(Section.objects.all())
    if not sections:
        return []
    live = Article.objects.live().exclude(pk=exclude_id)
    newest = top_ids(*(live.filter(section_id=s.pk)[:FRONT_SIZE] for s in sections))
    by_section: dict[int, list[Article]] = {}
    articles = Article.objects.for_listing().filter(pk__in=newest)
    for article in articles:
        by_section.setdefault(article.section_id, []).append(article)
    return [(s, by_section[s.pk]) for s in sections if s.pk in by_section]


def section_articles(*, section: Section) -> QuerySet[Article]:
    return Article.objects.live().for_listing().filter(section=section)


def contributor_articles(*, contributor: Contributor) -> QuerySet[Article]:
    return Article.objects.live().for_listing().filter(bylines__contributor=contributor)


def tag_articles(*, tag: Tag) -> QuerySet[Article]:
    return Article.objects.live().for_listing().filter(tags=tag)


def sections_for_nav() -> list[Section]:
    return list(Section.objects.only("name", "slug"))


def next_scheduled_at() -> datetime | None:
    """The earliest publish time still ahead among published (scheduled) articles.

    One query through article_live_idx. The page cache ends stored pages at this moment.
    """
    return (
        Article.objects.filter(status=Article.Status.PUBLISHED, publish_at__gt=timezone.now())
        .order_by("publish_at")
        .values_list("publish_at", flat=True)
        .first()
    )


def image_uses(image: Image) -> list[tuple[str, str]]:
    """Articles and contributors that show ``image``, with their admin addresses (2 queries)."""
    articles = Article.objects.filter(lead_image=image).only("id", "headline", "status")
    people = Contributor.objects.filter(photo=image).only("id", "display_name")
    return [
        *(
            (
                f"{a.headline} ({a.workflow_state})",
                reverse("admin:newsroom_article_change", args=[a.pk]),
            )
            for a in articles
        ),
        *(
            (
                f"{c.display_name} (portrait)",
                reverse("admin:newsroom_contributor_change", args=[c.pk]),
            )
            for c in people
        ),
    ]
