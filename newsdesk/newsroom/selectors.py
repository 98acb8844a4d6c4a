"""Reads for the reader site. Each returns what a page shows in a fixed number of queries."""

from __future__ import annotations

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db.models import F, Prefetch, QuerySet, Window
from django.db.models.functions import RowNumber
from django.http import Http404

from newsdesk.newsroom.models import Article, Byline, Contributor, Section, Tag

FRONT_SIZE = 4


def article_for_page(*, slug: str, user: AbstractBaseUser | AnonymousUser) -> tuple[Article, bool]:
    """The article at ``slug`` with all it shows, and whether this is a staff preview.

    Readers see live articles only; anything else answers 404, so a draft's address
    tells them nothing. Staff who may edit it see any state as a preview.
    """
    article = (
        Article.objects.select_related("section", "stats")
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
    if article.is_live():
        return article, False
    if user.is_authenticated and user.is_staff and user.has_perm("newsroom.view_article"):
        return article, True
    raise Http404("No such article.")


def lead_story() -> Article | None:
    """The newest live article with a lead image, or the newest of all when none has one."""
    qs = Article.objects.live().for_listing().order_by("-publish_at", "-id")
    return qs.exclude(lead_image="").first() or qs.first()


def section_fronts(*, exclude_id: int | None = None) -> list[tuple[Section, list[Article]]]:
    """Each section with its newest articles, in two queries whatever the number of sections."""
    ranked = (
        Article.objects.live()
        .for_listing()
        .exclude(pk=exclude_id)
        .annotate(
            rank=Window(
                RowNumber(),
                partition_by=F("section_id"),
                order_by=[F("publish_at").desc(), F("id").desc()],
            )
        )
        .filter(rank__lte=FRONT_SIZE)
        .order_by("section_id", "rank")
    )
    by_section: dict[int, list[Article]] = {}
    for article in ranked:
        by_section.setdefault(article.section_id, []).append(article)
    return [(s, by_section[s.pk]) for s in Section.objects.all() if s.pk in by_section]


def section_articles(*, section: Section) -> QuerySet[Article]:
    return (
        Article.objects.live().for_listing().filter(section=section).order_by("-publish_at", "-id")
    )


def contributor_articles(*, contributor: Contributor) -> QuerySet[Article]:
    return (
        Article.objects.live()
        .for_listing()
        .filter(bylines__contributor=contributor)
        .order_by("-publish_at", "-id")
    )


def tag_articles(*, tag: Tag) -> QuerySet[Article]:
    return Article.objects.live().for_listing().filter(tags=tag).order_by("-publish_at", "-id")


def sections_for_nav() -> list[Section]:
    return list(Section.objects.only("name", "slug"))
