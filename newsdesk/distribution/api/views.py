"""The read API at /api/v1/: articles, sections, contributors and the four lists, as JSON.

Built with django-ninja, which derives the OpenAPI schema (``/api/v1/openapi.json``) from the
signatures and response shapes below. Its interactive docs page is off: it loads scripts from a
CDN, and the site loads nothing from a third party. Visibility is the site's: live articles only,
and of comments only the count of approved ones.
"""

from __future__ import annotations

from typing import Annotated

from django.http import HttpRequest
from ninja import NinjaAPI, Path, Query
from ninja.openapi.schema import OpenAPISchema

from newsdesk.audience import selectors as lists
from newsdesk.distribution import selectors
from newsdesk.distribution.api import cursors
from newsdesk.distribution.api.schemas import (
    ArticleDetail,
    ArticleList,
    ArticlePage,
    ContributorDetail,
    ContributorPage,
    Error,
    SectionList,
    SectionOut,
    ValidationErrors,
    article_detail,
    article_out,
    article_summary,
    contributor_out,
    section_out,
)

SLUG = r"^[-a-zA-Z0-9_]+$"
Slug = Annotated[str, Path(pattern=SLUG, max_length=120)]
SlugFilter = Annotated[str | None, Query(pattern=SLUG, max_length=120)]
Cursor = Annotated[str | None, Query(max_length=cursors.MAX_LENGTH)]
Limit = Annotated[int, Query(ge=1, le=100)]

ERRORS = {400: Error, 404: Error, 422: ValidationErrors}
ARTICLE_ORDER = ("-publish_at", "-id")
CONTRIBUTOR_ORDER = ("display_name", "id")


class ReadAPI(NinjaAPI):
    """The schema at /api/v1/openapi.json is the same for every request: built once per
    process and root path. Built per request it cost tens of milliseconds of CPU for any
    anonymous GET the page cache does not answer (found by tests/security)."""

    def get_openapi_schema(
        self, *, path_prefix: str | None = None, path_params: dict | None = None
    ) -> OpenAPISchema:
        if path_prefix is None:
            path_prefix = self.get_root_path(path_params or {})
        cached = self.__dict__.setdefault("_schemas", {})
        if path_prefix not in cached:
            cached[path_prefix] = super().get_openapi_schema(path_prefix=path_prefix)
        return cached[path_prefix]


api = ReadAPI(
    title="Newsdesk read API",
    version="1",
    description="Published articles, sections, contributors and the story lists, read-only.",
    urls_namespace="api",
    docs_url=None,
)


@api.get("/articles", response={200: ArticlePage, **ERRORS}, url_name="articles")
def articles(
    request: HttpRequest,
    cursor: Cursor = None,
    limit: Limit = 20,
    section: SlugFilter = None,
    contributor: SlugFilter = None,
    tag: SlugFilter = None,
):
    """Live articles, newest first, optionally of one section, contributor or tag."""
    qs = selectors.api_articles(section=section, contributor=contributor, tag=tag)
    rows, next_cursor = cursors.page(
        qs, order=ARTICLE_ORDER, token=cursor, limit=limit, scope="articles"
    )
    return {"items": [article_out(a) for a in rows], "next_cursor": next_cursor}


@api.get("/articles/{slug}", response={200: ArticleDetail, **ERRORS}, url_name="article")
def article(request: HttpRequest, slug: Slug):
    """One live article with its body, corrections and number of approved comments."""
    return article_detail(selectors.api_article(slug=slug))


@api.get("/sections", response={200: SectionList, **ERRORS}, url_name="sections")
def sections(request: HttpRequest):
    return {"items": [section_out(s) for s in selectors.api_sections()]}


@api.get("/sections/{slug}", response={200: SectionOut, **ERRORS}, url_name="section")
def section(request: HttpRequest, slug: Slug):
    return section_out(selectors.api_section(slug=slug))


@api.get("/contributors", response={200: ContributorPage, **ERRORS}, url_name="contributors")
def contributors(request: HttpRequest, cursor: Cursor = None, limit: Limit = 20):
    """Contributors by name."""
    rows, next_cursor = cursors.page(
        selectors.api_contributors(),
        order=CONTRIBUTOR_ORDER,
        token=cursor,
        limit=limit,
        scope="contributors",
    )
    return {"items": [contributor_out(c) for c in rows], "next_cursor": next_cursor}


@api.get(
    "/contributors/{slug}", response={200: ContributorDetail, **ERRORS}, url_name="contributor"
)
def contributor(request: HttpRequest, slug: Slug):
    item = selectors.api_contributor(slug=slug)
    return {**contributor_out(item), "article_count": item.article_count}


@api.get("/lists/just-in", response={200: ArticleList, **ERRORS}, url_name="just-in")
def just_in(request: HttpRequest):
    """The newest live articles site-wide."""
    return {"items": [article_summary(a) for a in lists.just_in()]}


@api.get("/lists/latest-stories", response={200: ArticleList, **ERRORS}, url_name="latest-stories")
def latest_stories(request: HttpRequest, section: SlugFilter = None):
    """The newest in a section; without one, the most recently updated site-wide."""
    item = selectors.api_section(slug=section) if section is not None else None
    return {"items": [article_summary(a) for a in lists.latest_stories(section=item)]}


@api.get("/lists/popular-now", response={200: ArticleList, **ERRORS}, url_name="popular-now")
def popular_now(request: HttpRequest):
    """The most-read articles of the last seven days, by time-decayed views."""
    return {"items": [article_summary(a) for a in lists.popular_now()]}


@api.get("/lists/must-reads", response={200: ArticleList, **ERRORS}, url_name="must-reads")
def must_reads(request: HttpRequest):
    """Editors' pins in order, filled up from the week's most-read not in Popular Now."""
    popular = lists.popular_now()
    return {"items": [article_summary(a) for a in lists.must_reads(popular=popular)]}
