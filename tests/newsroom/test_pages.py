"""Home, section and tag pages: what each lists, and paging."""

from datetime import timedelta

import pytest
from django.utils import timezone

from newsdesk.newsroom import services
from newsdesk.newsroom.models import Article
from tests.conftest import parse
from tests.factories import ArticleFactory, SectionFactory, make_contributor

pytestmark = pytest.mark.django_db


def hrefs(nodes):
    return [a["href"] for a in nodes]


def test_home_has_lead_fronts_and_the_four_lists(client):
    land, air = SectionFactory(slug="land", name="Land"), SectionFactory(slug="air", name="Air")
    writer = make_contributor(1)
    made = [
        ArticleFactory(
            section=land if i % 2 else air,
            contributors=[writer],
            publish_at=timezone.now() - timedelta(hours=i + 1),
        )
        for i in range(14)
    ]
    hidden = ArticleFactory(section=land, status=Article.Status.DRAFT, publish_at=None)
    soup = parse(client.get("/"))
    lead = soup.select_one(".lead-story h2 a")
    assert lead["href"] == made[0].get_absolute_url()
    fronts = [h.get_text(strip=True) for h in soup.select(".front > h2")]
    assert fronts == ["Air", "Land"] or fronts == ["Land", "Air"]
    for title in ["Latest Stories", "Just In", "Popular Now", "Must-Reads"]:
        heading = [
            h for h in soup.select(".lists h2") if h.get_text(" ", strip=True).endswith(title)
        ]
        assert len(heading) == 1
        assert len(heading[0].find_parent("section").select("li a")) == 6
    assert hidden.get_absolute_url() not in hrefs(soup.select("a[href]"))


def test_section_page_lists_only_its_live_articles_newest_first(client, settings):
    settings.NEWSDESK_PAGE_SIZE = 5
    land, air = SectionFactory(slug="land", name="Land"), SectionFactory(slug="air", name="Air")
    own = [
        ArticleFactory(section=land, publish_at=timezone.now() - timedelta(hours=i + 1))
        for i in range(7)
    ]
    ArticleFactory(section=air)
    ArticleFactory(section=land, publish_at=timezone.now() + timedelta(hours=5))  # scheduled
    first = parse(client.get(land.get_absolute_url()))
    assert first.h1.get_text(strip=True) == "Land"
    assert hrefs(first.select(".teaser h3 a")) == [a.get_absolute_url() for a in own[:5]]
    assert first.select_one("a[rel=next]")["href"] == "?page=2"
    second = parse(client.get(land.get_absolute_url(), {"page": 2}))
    assert hrefs(second.select(".teaser h3 a")) == [a.get_absolute_url() for a in own[5:]]


def test_tag_page_lists_tagged_articles(client):
    from newsdesk.newsroom.models import Tag

    tag = Tag.objects.create(name="Drones", slug="drones")
    tagged = ArticleFactory()
    tagged.tags.add(tag)
    ArticleFactory()
    soup = parse(client.get(tag.get_absolute_url()))
    assert hrefs(soup.select(".teaser h3 a")) == [tagged.get_absolute_url()]


def test_article_page_links_tags(client):
    from newsdesk.newsroom.models import Tag

    tag = Tag.objects.create(name="Drones", slug="drones")
    article = ArticleFactory(contributors=[make_contributor(1)])
    article.tags.add(tag)
    soup = parse(client.get(article.get_absolute_url()))
    assert tag.get_absolute_url() in hrefs(soup.select(".tags a"))


def test_server_error_page_is_the_sites_own(client, monkeypatch):
    from newsdesk.pages import views

    def broken(**kwargs):
        raise RuntimeError("database went away")

    monkeypatch.setattr(views.selectors, "lead_story", broken)
    client.raise_request_exception = False
    response = client.get("/")
    assert response.status_code == 500
    assert parse(response).h1.get_text(strip=True) == "Something went wrong on our side"


def test_home_latest_stories_rank_by_last_substantive_update_else_publish_time(client, editor):
    now = timezone.now()
    made = [ArticleFactory(publish_at=now - timedelta(hours=i + 1)) for i in range(8)]
    # The oldest story is corrected now, the second oldest was updated an hour and a half ago
    # (between the newest's and the second newest's publication).
    old = made[7]
    services.correction_add(article=old, user=editor, text="A figure was wrong.")
    made[6].substantively_updated_at = now - timedelta(minutes=90)
    made[6].save(update_fields=["substantively_updated_at"])
    soup = parse(client.get("/"))
    listed = hrefs(soup.find(id="list-latest").find_parent("section").select("li a"))
    expected = [old, made[0], made[6], made[1], made[2], made[3]]
    assert listed == [a.get_absolute_url() for a in expected]
    # Just In stays by publication: the corrected story is not news again there.
    just_in = hrefs(soup.find(id="list-just-in").find_parent("section").select("li a"))
    assert just_in == [a.get_absolute_url() for a in made[:6]]
