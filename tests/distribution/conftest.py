"""A small newsroom with every article state, for the feeds, sitemaps, pages and the API."""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from datetime import timedelta

import pytest
from django.utils import timezone
from PIL import Image

from newsdesk.newsroom.models import Article, Byline, Contributor, Section, Tag
from tests.factories import ArticleFactory, SectionFactory, make_contributor, make_image

SITE_URL = "https://news.example.org"


def image_bytes(size: tuple[int, int] = (1600, 900), fmt: str = "JPEG", mode="RGB") -> bytes:
    out = io.BytesIO()
    Image.new(mode, size, (40, 90, 140) if mode == "RGB" else (40, 90, 140, 128)).save(out, fmt)
    return out.getvalue()


def add_lead_image(article: Article, name: str = "photo.jpg", **kwargs) -> Article:
    article.lead_image = make_image(filename=name, **kwargs)
    article.save()
    return article


@dataclass
class Newsroom:
    land: Section
    air: Section
    writers: list[Contributor]
    drones: Tag
    live: list[Article] = field(default_factory=list)
    hidden: list[Article] = field(default_factory=list)

    @property
    def newest(self) -> Article:
        return self.live[0]


@pytest.fixture(autouse=True)
def _site_url(settings):
    """A public address unlike the test client's host, so a URL from the request would show."""
    settings.SITE_URL = SITE_URL
    settings.SITE_NAME = "Newsdesk Defense"


@pytest.fixture
def newsroom(db) -> Newsroom:
    """Six live articles (newest first), and one each draft, in review, scheduled, unpublished."""
    land = SectionFactory(slug="land", name="Land")
    air = SectionFactory(slug="air", name="Air")
    writers = [
        make_contributor(display_name="Ana Ortiz", slug="ana-ortiz"),
        make_contributor(display_name="Ben Cho", slug="ben-cho"),
    ]
    drones = Tag.objects.create(name="Drones", slug="drones")
    now = timezone.now()
    room = Newsroom(land=land, air=air, writers=writers, drones=drones)
    for n in range(6):
        article = ArticleFactory(
            headline=f"Live story {n} & the \u201cnext\u201d fleet",
            slug=f"live-{n}",
            section=land if n % 2 == 0 else air,
            contributors=writers if n == 0 else [writers[n % 2]],
            publish_at=now - timedelta(hours=1 + n * 20),
        )
        if n % 3 == 0:
            article.tags.add(drones)
        room.live.append(article)
    add_lead_image(room.live[0])
    states = {
        "draft": (Article.Status.DRAFT, now - timedelta(hours=2)),
        "review": (Article.Status.IN_REVIEW, now - timedelta(hours=2)),
        "scheduled": (Article.Status.PUBLISHED, now + timedelta(hours=3)),
        "unpublished": (Article.Status.UNPUBLISHED, now - timedelta(hours=2)),
    }
    for slug, (status, when) in states.items():
        article = ArticleFactory(
            slug=f"hidden-{slug}",
            headline=f"Hidden {slug}",
            section=land,
            status=status,
            publish_at=when,
            contributors=[writers[0]],
        )
        article.tags.add(drones)
        room.hidden.append(article)
    return room


def fill(count: int, *, section: Section, contributor: Contributor, tag: Tag) -> list[Article]:
    """``count`` live articles with a byline and a tag each, made in a few queries."""
    now = timezone.now()
    start = Article.objects.count()
    made = Article.objects.bulk_create(
        Article(
            headline=f"Filler {start + i}",
            slug=f"filler-{start + i}",
            summary="Filler.",
            body="<p>x</p>",
            section=section,
            status=Article.Status.PUBLISHED,
            publish_at=now - timedelta(hours=1, minutes=start + i),
        )
        for i in range(count)
    )
    Byline.objects.bulk_create(Byline(article=a, contributor=contributor) for a in made)
    Tag.articles.through.objects.bulk_create(Tag.articles.through(article=a, tag=tag) for a in made)
    return made
