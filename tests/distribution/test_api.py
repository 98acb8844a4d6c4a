"""The read API: what it lists, how it pages, and that it shows what the site shows and no more."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from django.utils import timezone

from newsdesk.audience.models import ArticleStats, MustRead
from newsdesk.comments.models import Comment
from newsdesk.images.markup import largest_jpeg
from newsdesk.newsroom.services import correction_add
from tests.distribution.conftest import SITE_URL, fill

pytestmark = pytest.mark.django_db


def get(client, url: str, status: int = 200) -> dict:
    response = client.get(url)
    assert response.status_code == status, (url, response.content[:300])
    assert response["Content-Type"].startswith("application/json")
    return response.json()


def all_pages(client, url: str, limit: int) -> list[dict]:
    items, cursor, pages = [], None, 0
    while True:
        sep = "&" if "?" in url else "?"
        page = get(client, f"{url}{sep}limit={limit}" + (f"&cursor={cursor}" if cursor else ""))
        items += page["items"]
        pages += 1
        cursor = page["next_cursor"]
        if cursor is None:
            return items
        assert pages < 100


def test_articles_are_the_live_ones_newest_first(client, newsroom):
    data = get(client, "/api/v1/articles")
    assert [a["slug"] for a in data["items"]] == [a.slug for a in newsroom.live]
    assert data["next_cursor"] is None
    first = data["items"][0]
    article = newsroom.newest
    assert first["url"] == SITE_URL + article.get_absolute_url()
    assert first["headline"] == article.headline
    assert first["section"] == {"slug": "land", "name": "Land", "url": SITE_URL + "/section/land/"}
    assert [a["name"] for a in first["authors"]] == ["Ana Ortiz", "Ben Cho"]
    assert [t["slug"] for t in first["tags"]] == ["drones"]
    assert first["image"]["url"] == SITE_URL + largest_jpeg(article.lead_image).url
    assert first["image"]["credit"] == "Newsdesk"
    assert (first["image"]["width"], first["image"]["height"]) == (1600, 900)
    # JSON times carry milliseconds.
    published = datetime.fromisoformat(first["published_at"])
    assert abs(published - article.publish_at) < timedelta(milliseconds=1)


def test_cursor_pages_cover_every_article_once_in_order(client, newsroom):
    fill(23, section=newsroom.land, contributor=newsroom.writers[0], tag=newsroom.drones)
    everything = [a["slug"] for a in get(client, "/api/v1/articles?limit=100")["items"]]
    assert len(everything) == 29
    paged = [a["slug"] for a in all_pages(client, "/api/v1/articles", limit=4)]
    assert paged == everything


def test_a_cursor_stays_right_when_articles_are_published_above_it(client, newsroom):
    page = get(client, "/api/v1/articles?limit=3")
    fill(5, section=newsroom.land, contributor=newsroom.writers[0], tag=newsroom.drones)
    rest = get(client, f"/api/v1/articles?limit=10&cursor={page['next_cursor']}")
    assert [a["slug"] for a in page["items"] + rest["items"]] == [a.slug for a in newsroom.live]


def test_articles_filter_by_section_contributor_and_tag(client, newsroom):
    by = {
        "section=air": [a for a in newsroom.live if a.section_id == newsroom.air.pk],
        "contributor=ana-ortiz": [
            a for a in newsroom.live if newsroom.writers[0] in a.contributors.all()
        ],
        "tag=drones": [a for a in newsroom.live if newsroom.drones in a.tags.all()],
    }
    for query, expected in by.items():
        slugs = [a["slug"] for a in all_pages(client, f"/api/v1/articles?{query}", limit=2)]
        assert slugs == [a.slug for a in expected], query
    assert get(client, "/api/v1/articles?section=nowhere", status=404)["detail"]


def test_article_detail_has_body_corrections_and_approved_comment_count(client, newsroom, editor):
    article = newsroom.newest
    correction_add(article=article, user=editor, text="A name was misspelled.")
    for status in Comment.Status:
        Comment.objects.create(article=article, name="R", text="Hello", status=status)
    data = get(client, f"/api/v1/articles/{article.slug}")
    assert data["body"] == article.body
    assert [c["text"] for c in data["corrections"]] == ["A name was misspelled."]
    assert data["comment_count"] == 1  # approved only: held, rejected and spam stay hidden
    assert datetime.fromisoformat(data["updated_at"]) > article.publish_at
    assert "comments" not in data


def test_hidden_articles_are_nowhere_in_the_api(client, newsroom):
    hidden = {a.slug for a in newsroom.hidden}
    for article in newsroom.hidden:
        get(client, f"/api/v1/articles/{article.slug}", status=404)
    urls = [
        "/api/v1/articles?limit=100",
        "/api/v1/articles?tag=drones",
        "/api/v1/articles?contributor=ana-ortiz",
        "/api/v1/lists/just-in",
        "/api/v1/lists/latest-stories",
        "/api/v1/lists/latest-stories?section=land",
        "/api/v1/lists/popular-now",
        "/api/v1/lists/must-reads",
    ]
    for url in urls:
        assert not hidden & {a["slug"] for a in get(client, url)["items"]}, url


def test_sections_and_contributors(client, newsroom):
    sections = get(client, "/api/v1/sections")["items"]
    assert {s["slug"] for s in sections} == {"land", "air"}
    assert get(client, "/api/v1/sections/air")["url"] == SITE_URL + "/section/air/"
    people = all_pages(client, "/api/v1/contributors", limit=1)
    assert [p["name"] for p in people] == ["Ana Ortiz", "Ben Cho"]
    ana = get(client, "/api/v1/contributors/ana-ortiz")
    assert ana["public_id"] == newsroom.writers[0].public_id
    assert ana["url"] == SITE_URL + "/contributor/ana-ortiz/"
    live_by_ana = [a for a in newsroom.live if newsroom.writers[0] in a.contributors.all()]
    assert ana["article_count"] == len(live_by_ana)  # hidden articles are not counted


def test_the_four_lists_are_the_sites_lists(client, newsroom):
    from newsdesk.audience import selectors as lists

    for n, article in enumerate(newsroom.live):
        ArticleStats.objects.create(article=article, views=100 - n, trend=float(n))
    MustRead.objects.create(article=newsroom.live[4], position=0)
    popular = lists.popular_now()
    expected = {
        "just-in": lists.just_in(),
        "latest-stories": lists.latest_stories(),
        "latest-stories?section=air": lists.latest_stories(section=newsroom.air),
        "popular-now": popular,
        "must-reads": lists.must_reads(popular=popular),
    }
    for name, articles in expected.items():
        items = get(client, f"/api/v1/lists/{name}")["items"]
        assert [a["slug"] for a in items] == [a.slug for a in articles], name
        assert items, name
    assert get(client, "/api/v1/lists/must-reads")["items"][0]["slug"] == newsroom.live[4].slug


def test_an_expired_must_read_pin_is_gone(client, newsroom):
    MustRead.objects.create(
        article=newsroom.live[5], position=0, expires_at=timezone.now() - timedelta(minutes=1)
    )
    items = get(client, "/api/v1/lists/must-reads")["items"]
    assert newsroom.live[5].slug not in [a["slug"] for a in items][:1]


def test_the_api_has_no_docs_page_loading_a_cdn(client, newsroom):
    assert client.get("/api/v1/docs").status_code == 404
    schema = get(client, "/api/v1/openapi.json")
    assert schema["info"]["title"] == "Newsdesk read API"
