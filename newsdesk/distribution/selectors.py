"""Reads for feeds, sitemaps and the API: live articles only, in a fixed number of queries.

"Live" is ``Article.objects.live()``: published with a publish time that has come, so drafts,
articles in review, scheduled and unpublished ones never leave the site through these.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from django.db.models import (
    Count,
    DateTimeField,
    Func,
    IntegerField,
    Max,
    OuterRef,
    Prefetch,
    QuerySet,
    Subquery,
)
from django.db.models.functions import Coalesce, Greatest
from django.shortcuts import get_object_or_404
from django.utils import timezone

from newsdesk.comments.models import Comment
from newsdesk.coverage.models import Update
from newsdesk.images import body
from newsdesk.images import selectors as images
from newsdesk.newsroom.models import (
    Article,
    Byline,
    Contributor,
    Section,
    Tag,
    last_update,
    live_q,
)

FEED_LENGTH = 50
LIVE_FEED_LENGTH = 50
NEWS_WINDOW = timedelta(hours=48)


def _with_people(queryset: QuerySet[Article]) -> QuerySet[Article]:
    return queryset.select_related("section", "lead_image").prefetch_related(
        Prefetch("bylines", queryset=Byline.objects.select_related("contributor")),
        "tags",
    )


def feed_articles(
    *,
    section: Section | None = None,
    contributor: Contributor | None = None,
    tag: Tag | None = None,
) -> list[Article]:
    """The newest live articles (of a section, contributor or tag), with bylines and tags.

    Three queries whatever the length: the articles, their bylines, their tags; a fourth
    for their bodies' library pictures when any has one (``body_images``).
    """
    qs = Article.objects.live()
    if section is not None:
        qs = qs.filter(section=section)
    if contributor is not None:
        qs = qs.filter(bylines__contributor=contributor)
    if tag is not None:
        qs = qs.filter(tags=tag)
    return with_body_images(list(_with_people(qs)[:FEED_LENGTH]))


def with_body_images(articles: list[Article]) -> list[Article]:
    """Sets each article's ``body_images`` (its body's library pictures, images.body) with
    one query for all of them, none when no body has a picture."""
    found = images.by_id(set().union(*(body.picture_ids(a.body) for a in articles)))
    for article in articles:
        article.body_images = found
    return articles


def live_feed_article(*, article_id: int) -> Article:
    """A live article whose coverage has started (running or ended), else Http404. One query."""
    qs = Article.objects.live().filter(coverage_started_at__isnull=False)
    return get_object_or_404(qs, pk=article_id)


def live_feed_updates(*, article: Article) -> list[Update]:
    """The article's newest LIVE_FEED_LENGTH updates, newest first, with author and picture.
    One query."""
    updates = article.live_updates.select_related("image", "author")  # each knows its article
    return list(updates[:LIVE_FEED_LENGTH])


def article_lastmod() -> Func:
    """An article's last update (last_update), or its newest live update (posted or edited)
    when later: one correlated subquery on the updates' article index, no query per article."""
    newest = (
        Update.objects.filter(article=OuterRef("pk"))
        .order_by()
        .values("article")
        .annotate(latest=Max(Coalesce("edited_at", "published_at")))
        .values("latest")
    )
    live = Subquery(newest, output_field=DateTimeField())
    # Coalesce: SQLite's two-argument MAX() is NULL when either is, PostgreSQL's GREATEST not.
    return Greatest(last_update(), Coalesce(live, last_update()))


def sitemap_articles() -> QuerySet[Article]:
    """Every live article with its ``lastmod``, oldest first so that earlier pages stay stable."""
    return (
        Article.objects.live()
        .annotate(lastmod=article_lastmod())
        .only("slug", "publish_at", "created_at", "substantively_updated_at")
        .order_by("publish_at", "id")
    )


def news_articles(*, now: datetime | None = None) -> QuerySet[Article]:
    """Live articles published in the last 48 hours, newest first (the Google News sitemap)."""
    now = now or timezone.now()
    return (
        Article.objects.live(now)
        .filter(publish_at__gte=now - NEWS_WINDOW)
        .annotate(lastmod=article_lastmod())
        .only("slug", "headline", "publish_at", "created_at", "substantively_updated_at")
    )


def latest_update(queryset: QuerySet[Article]) -> datetime | None:
    return queryset.aggregate(latest=Max(last_update()))["latest"]


def latest_article_update(queryset: QuerySet[Article]) -> datetime | None:
    """The newest ``article_lastmod`` among the articles: an article sitemap's own date."""
    return queryset.aggregate(latest=Max(article_lastmod()))["latest"]


def _live_articles_lastmod() -> Max:
    """The last update among the live articles behind a section, contributor or tag."""
    return Max(last_update("articles__"), filter=live_q("articles__"))


def sitemap_sections() -> QuerySet[Section]:
    """Sections with at least one live article, each with the last update among them."""
    return (
        Section.objects.annotate(lastmod=_live_articles_lastmod())
        .filter(lastmod__isnull=False)
        .only("slug")
        .order_by("position", "name")
    )


def sitemap_contributors() -> QuerySet[Contributor]:
    """Contributors on the byline of at least one live article, with its last update."""
    return (
        Contributor.objects.annotate(lastmod=_live_articles_lastmod())
        .filter(lastmod__isnull=False)
        .only("slug")
        .order_by("slug")
    )


def sitemap_tags() -> QuerySet[Tag]:
    """Tags on at least one live article, with its last update."""
    return (
        Tag.objects.annotate(lastmod=_live_articles_lastmod())
        .filter(lastmod__isnull=False)
        .only("slug")
        .order_by("slug")
    )


# The API


def api_articles(
    *,
    section: str | None = None,
    contributor: str | None = None,
    tag: str | None = None,
) -> QuerySet[Article]:
    """Live articles, newest first, optionally of a section, contributor or tag given by slug.

    An unknown slug is a 404, not an empty list. Bylines and tags come prefetched.
    """
    qs = Article.objects.live()
    if section is not None:
        qs = qs.filter(section=get_object_or_404(Section, slug=section))
    if contributor is not None:
        qs = qs.filter(bylines__contributor=get_object_or_404(Contributor, slug=contributor))
    if tag is not None:
        qs = qs.filter(tags=get_object_or_404(Tag, slug=tag))
    return _with_people(qs)


def api_article(*, slug: str) -> Article:
    """One live article with bylines, tags, corrections and its count of approved comments."""
    approved = (
        Comment.objects.visible()
        .filter(article=OuterRef("pk"))
        .order_by()
        .values("article")
        .annotate(n=Count("pk"))
        .values("n")
    )
    qs = (
        _with_people(Article.objects.live())
        .prefetch_related("corrections")
        .annotate(
            comment_count=Coalesce(Subquery(approved, output_field=IntegerField()), 0),
        )
    )
    return with_body_images([get_object_or_404(qs, slug=slug)])[0]


def api_sections() -> list[Section]:
    return list(Section.objects.order_by("position", "name"))


def api_contributors() -> QuerySet[Contributor]:
    return Contributor.objects.order_by("display_name", "id")


def api_section(*, slug: str) -> Section:
    return get_object_or_404(Section, slug=slug)


def api_contributor(*, slug: str) -> Contributor:
    """A contributor with the number of live articles on their byline."""
    live = live_q("bylines__article__")
    qs = Contributor.objects.annotate(article_count=Count("bylines", filter=live))
    return get_object_or_404(qs, slug=slug)
