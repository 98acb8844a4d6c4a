"""The API's response shapes, and the functions that fill them from models already loaded."""

from __future__ import annotations

from datetime import datetime

from ninja import Schema

from newsdesk.distribution import addresses, structured
from newsdesk.images import body, markup
from newsdesk.newsroom.models import Article, Contributor, Section


class Error(Schema):
    detail: str


class ValidationErrors(Schema):
    detail: list[dict]


class SectionRef(Schema):
    slug: str
    name: str
    url: str


class SectionOut(SectionRef):
    description: str


class TagOut(Schema):
    slug: str
    name: str
    url: str


class ContributorOut(Schema):
    slug: str
    name: str
    public_id: str
    email: str
    bio: str
    url: str
    photo: str | None


class ContributorDetail(ContributorOut):
    article_count: int


class ImageOut(Schema):
    url: str
    width: int | None
    height: int | None
    alt: str
    caption: str
    credit: str


class Byline(Schema):
    slug: str
    name: str
    public_id: str
    url: str


class ArticleSummary(Schema):
    id: int
    slug: str
    headline: str
    summary: str
    url: str
    section: SectionRef
    published_at: datetime
    updated_at: datetime


class ArticleOut(ArticleSummary):
    authors: list[Byline]
    tags: list[TagOut]
    image: ImageOut | None


class CorrectionOut(Schema):
    text: str
    published_at: datetime


class ArticleDetail(ArticleOut):
    body: str
    corrections: list[CorrectionOut]
    comment_count: int


class ArticlePage(Schema):
    items: list[ArticleOut]
    next_cursor: str | None


class ContributorPage(Schema):
    items: list[ContributorOut]
    next_cursor: str | None


class ArticleList(Schema):
    items: list[ArticleSummary]


class SectionList(Schema):
    items: list[SectionOut]


def section_out(section: Section) -> dict:
    return {
        "slug": section.slug,
        "name": section.name,
        "description": section.description,
        "url": addresses.absolute(section.get_absolute_url()),
    }


def contributor_out(contributor: Contributor) -> dict:
    return {
        "slug": contributor.slug,
        "name": contributor.display_name,
        "public_id": contributor.public_id,
        "email": contributor.public_email,
        "bio": contributor.bio,
        "url": addresses.absolute(contributor.get_absolute_url()),
        "photo": (
            addresses.absolute(markup.square(contributor.photo))
            if contributor.photo and contributor.photo.is_usable()
            else None
        ),
    }


def article_summary(article: Article) -> dict:
    """The fields a list needs; reads only what ``for_listing()`` loads (and the section)."""
    return {
        "id": article.pk,
        "slug": article.slug,
        "headline": article.headline,
        "summary": article.summary,
        "url": addresses.canonical(article),
        "section": {
            "slug": article.section.slug,
            "name": article.section.name,
            "url": addresses.absolute(article.section.get_absolute_url()),
        },
        "published_at": article.publish_at,
        "updated_at": structured.modified(article),
    }


def article_out(article: Article) -> dict:
    image = None
    if (picture := article.lead_picture) is not None:
        rendition = markup.largest_jpeg(picture)
        image = {
            "url": addresses.absolute(rendition.url),
            "width": rendition.width,
            "height": rendition.height,
            "alt": picture.alt_text,
            "caption": article.lead_caption,
            "credit": picture.credit,
        }
    return {
        **article_summary(article),
        "authors": [
            {
                "slug": b.contributor.slug,
                "name": b.contributor.display_name,
                "public_id": b.contributor.public_id,
                "url": addresses.absolute(b.contributor.get_absolute_url()),
            }
            for b in article.bylines.all()
        ],
        "tags": [
            {"slug": t.slug, "name": t.name, "url": addresses.absolute(t.get_absolute_url())}
            for t in article.tags.all()
        ],
        "image": image,
    }


def article_detail(article: Article) -> dict:
    return {
        **article_out(article),
        "body": body.syndicated(article.body, getattr(article, "body_images", {})),
        "corrections": [
            {"text": c.text, "published_at": c.created_at} for c in article.corrections.all()
        ],
        "comment_count": article.comment_count,
    }
