"""Live coverage for search engines and feeds (LiveBlogPosting, the updates' Atom feed, the
sitemaps' dates) and the demo's live pages (load_demo_live, demo_live)."""

from __future__ import annotations

from datetime import datetime, timedelta
from xml.etree import ElementTree

import extruct
import feedparser
import pytest
import time_machine
from django.core.management import CommandError, ManagementUtility, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from newsdesk.coverage import demo, services
from newsdesk.coverage.models import Update
from newsdesk.newsroom.models import Article
from tests.conftest import parse
from tests.factories import (
    ArticleFactory,
    SectionFactory,
    make_contributor,
    make_image,
    make_user,
)

pytestmark = pytest.mark.django_db

SITE_URL = "https://news.example.org"
START = timezone.now().replace(microsecond=0) - timedelta(hours=3)
SITEMAP_NS = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9"}


@pytest.fixture(autouse=True)
def _site_url(settings):
    settings.SITE_URL = SITE_URL


def seconds(value: str) -> datetime:
    return datetime.fromisoformat(value)


@pytest.fixture
def writer():
    return make_contributor(display_name="Ana Ortiz", slug="ana-ortiz")


@pytest.fixture
def covered(editor, writer):
    """A live article covered from START, with three updates a minute apart (the second
    edited at +10 min, the third with a picture and a correction); coverage still running."""
    article = ArticleFactory(contributors=[writer], publish_at=START - timedelta(minutes=5))
    with time_machine.travel(START, tick=False):
        article = services.coverage_start(article=article, user=editor)
    texts = [
        "<p>Radar tracks a <strong>small drone</strong> crossing the border before dawn.</p>",
        "<p>Helicopters are searching the hills.</p>",
        "<p>Wreckage found in a field.</p>",
    ]
    updates = []
    for minute, text in enumerate(texts, start=1):
        with time_machine.travel(START + timedelta(minutes=minute), tick=False):
            image = make_image() if minute == 3 else None
            updates.append(
                services.update_post(
                    article=article, user=editor, body=text, author=writer, image=image
                )
            )
    with time_machine.travel(START + timedelta(minutes=10), tick=False):
        services.update_edit(update=updates[1], user=editor, body="<p>Two helicopters search.</p>")
        services.update_correct(update=updates[2], user=editor, text="It was a pasture.")
    article.refresh_from_db()
    return article, updates


def extract(client, article: Article) -> list[dict]:
    response = client.get(article.get_absolute_url())
    assert response.status_code == 200
    url = SITE_URL + article.get_absolute_url()
    data = extruct.extract(response.content.decode(), base_url=url, syntaxes=["json-ld"])
    return data["json-ld"]


def live_blog(client, article: Article) -> dict:
    found = [d for d in extract(client, article) if d.get("@type") == "LiveBlogPosting"]
    assert len(found) == 1
    return found[0]


def test_a_live_page_is_a_live_blog_posting_with_its_updates_newest_first(client, covered):
    article, updates = covered
    graph = extract(client, article)
    assert "NewsArticle" not in [d.get("@type") for d in graph]
    data = live_blog(client, article)
    page_url = SITE_URL + article.get_absolute_url()
    assert data["headline"] == article.headline
    assert data["mainEntityOfPage"]["@id"] == page_url
    assert seconds(data["coverageStartTime"]) == START
    assert "coverageEndTime" not in data
    posts = data["liveBlogUpdate"]
    assert [p["url"] for p in posts] == [f"{page_url}#update-{u.pk}" for u in reversed(updates)]
    assert {p["@type"] for p in posts} == {"BlogPosting"}
    assert [seconds(p["datePublished"]) for p in posts] == [
        START + timedelta(minutes=m) for m in (3, 2, 1)
    ]
    oldest = posts[-1]
    assert oldest["headline"] == "Radar tracks a small drone crossing the border before dawn."
    assert oldest["articleBody"] == oldest["headline"]
    assert oldest["author"]["name"] == "Ana Ortiz"
    assert "dateModified" not in oldest
    assert seconds(posts[1]["dateModified"]) == START + timedelta(minutes=10)
    assert posts[0]["image"]["url"].startswith(SITE_URL)
    assert posts[0]["correction"]["text"] == "It was a pasture."
    # The page's own date follows its newest update (the edit), not the article's save.
    assert seconds(data["dateModified"]) == START + timedelta(minutes=10)


def test_the_json_ld_reads_the_updates_the_page_loaded(client, covered, monkeypatch):
    article, updates = covered

    def query_again(**kwargs):
        raise AssertionError("the JSON-LD must use the view's coverage, not query again")

    monkeypatch.setattr("newsdesk.coverage.selectors.latest_updates", query_again)
    posts = live_blog(client, article)["liveBlogUpdate"]
    assert [p["url"].rsplit("#", 1)[1] for p in posts] == [u.anchor for u in reversed(updates)]


def test_ended_coverage_has_its_end_time(client, covered, editor):
    article, _ = covered
    with time_machine.travel(START + timedelta(hours=2), tick=False):
        services.coverage_close(article=article, user=editor, summary="It is over.")
    data = live_blog(client, article)
    assert seconds(data["coverageEndTime"]) == START + timedelta(hours=2)


def test_the_json_ld_carries_the_newest_twenty_updates(client, covered, editor):
    article, _ = covered
    for n in range(20):
        services.update_post(article=article, user=editor, body=f"<p>Update {n}.</p>")
    posts = live_blog(client, article)["liveBlogUpdate"]
    assert len(posts) == 20
    assert posts[0]["articleBody"] == "Update 19." and posts[-1]["articleBody"] == "Update 0."


def test_an_article_without_coverage_stays_a_news_article(client, writer):
    article = ArticleFactory(contributors=[writer])
    assert "NewsArticle" in [d.get("@type") for d in extract(client, article)]
    links = parse(client.get(article.get_absolute_url())).select("link[rel=alternate]")
    assert not [link for link in links if "/live/" in link["href"]]


def test_the_live_page_links_its_updates_feed(client, covered):
    article, _ = covered
    soup = parse(client.get(article.get_absolute_url()))
    feed = reverse("distribution:live-feed", args=[article.pk])
    (link,) = [link for link in soup.select("link[rel=alternate]") if link["href"] == feed]
    assert link["type"] == "application/atom+xml"
    assert feed == f"/live/{article.pk}/feed/"


def read_feed(client, article: Article):
    response = client.get(reverse("distribution:live-feed", args=[article.pk]))
    assert response.status_code == 200
    feed = feedparser.parse(response.content)
    assert feed.bozo == 0, feed.get("bozo_exception")
    return response, feed


def test_the_feed_lists_the_updates_newest_first_linking_their_anchors(client, covered):
    article, updates = covered
    response, feed = read_feed(client, article)
    assert feed.version == "atom10"
    assert response["Content-Type"].startswith("application/atom+xml")
    page_url = SITE_URL + article.get_absolute_url()
    assert feed.feed.link == page_url
    assert [e.link for e in feed.entries] == [
        f"{page_url}#update-{u.pk}" for u in reversed(updates)
    ]
    updated = [seconds(e.updated) for e in feed.entries]
    assert updated == [START + timedelta(minutes=m) for m in (3, 10, 1)]  # edited: its edit
    assert feed.entries[2].title == "Radar tracks a small drone crossing the border before dawn."
    assert feed.entries[2].author == "Ana Ortiz"
    assert "Correction" in feed.entries[0].content[0].value


def test_the_feed_is_purged_by_its_article_and_updates_not_by_every_feed(client, covered):
    article, _ = covered
    response, _ = read_feed(client, article)
    assert response["Surrogate-Key"].split() == [f"live:{article.pk}", f"article:{article.pk}"]


def test_the_feed_keeps_the_newest_fifty(client, covered, editor):
    article, _ = covered
    Update.objects.bulk_create(
        Update(article=article, body=f"<p>Bulk {n}.</p>", published_at=timezone.now())
        for n in range(60)
    )
    _, feed = read_feed(client, article)
    assert len(feed.entries) == 50


def test_no_feed_for_an_article_not_covered_or_not_live(client, covered, editor):
    article, _ = covered
    plain = ArticleFactory()
    draft = ArticleFactory(status=Article.Status.DRAFT)
    services.coverage_start(article=draft, user=editor)
    Article.objects.filter(pk=article.pk).update(status=Article.Status.UNPUBLISHED)
    for pk in (plain.pk, draft.pk, article.pk, 999_999):
        assert client.get(f"/live/{pk}/feed/").status_code == 404


def sitemap_lastmods(client, url: str) -> dict[str, datetime]:
    response = client.get(url)
    assert response.status_code == 200
    root = ElementTree.fromstring(response.content)  # noqa: S314 (the app's own output)
    return {
        u.findtext("sm:loc", namespaces=SITEMAP_NS): seconds(
            u.findtext("sm:lastmod", namespaces=SITEMAP_NS)
        )
        for u in root.findall("sm:url", SITEMAP_NS)
    }


@pytest.mark.parametrize("url", ["/sitemap-articles.xml", "/sitemap-news.xml"])
def test_sitemaps_date_a_live_page_by_its_newest_update(client, covered, writer, url):
    article, _ = covered
    other = ArticleFactory(contributors=[writer], publish_at=START)
    times = sitemap_lastmods(client, url)
    assert times[SITE_URL + article.get_absolute_url()] == START + timedelta(minutes=10)
    assert times[SITE_URL + other.get_absolute_url()] == START


@pytest.mark.parametrize("url", ["/sitemap-articles.xml", "/sitemap-news.xml", "/sitemap.xml"])
def test_sitemaps_take_the_same_queries_however_many_live_pages(client, editor, url):
    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(captured)

    def add_live_page() -> None:
        article = services.coverage_start(article=ArticleFactory(), user=editor)
        services.update_post(article=article, user=editor, body="<p>Now.</p>")

    add_live_page()
    first = queries()
    for _ in range(3):
        add_live_page()
    assert queries() == first


@pytest.fixture
def demo_newsroom(capsys):
    call_command("load_demo", "--no-images")
    make_image()  # one library picture: the demo's live page uses the library when it has one
    capsys.readouterr()


def test_the_demo_has_a_finished_and_a_running_live_page(demo_newsroom, capsys, client):
    call_command("load_demo_live")
    assert "Demo live pages added" in capsys.readouterr().out
    finished = Article.objects.get(slug=demo.FINISHED.slug)
    running = Article.objects.get(slug=demo.RUNNING.slug)
    assert finished.is_live() and running.is_live()
    assert finished.coverage_ended_at and finished.coverage_summary
    assert running.coverage_running
    updates = Update.objects.filter(article=finished)
    assert updates.count() == 30
    assert 2 <= updates.filter(pinned=True).count() <= 3
    assert updates.filter(edited_at__isnull=False).count() == 1
    assert updates.exclude(correction="").count() == 1
    assert updates.filter(image__isnull=False).count() == 1
    times = list(updates.order_by("published_at").values_list("published_at", flat=True))
    assert times[-1] - times[0] > timedelta(hours=5)
    assert finished.coverage_started_at <= times[0] and times[-1] <= finished.coverage_ended_at
    assert 4 <= Update.objects.filter(article=running).count() <= 6
    assert live_blog(client, finished)["liveBlogUpdate"]
    call_command("load_demo_live")
    assert "not added again" in capsys.readouterr().out
    assert Update.objects.filter(article=finished).count() == 30


def test_no_demo_live_pages_on_a_site_without_the_demo(capsys):
    make_user("editor", role="Editor")  # someone's own newsroom: none of the demo's stories
    ArticleFactory(section=SectionFactory(slug="air-space", name="Air"))
    call_command("load_demo_live")
    assert "No demo live pages added" in capsys.readouterr().out
    assert not Article.objects.filter(coverage_started_at__isnull=False).exists()


def test_demo_live_posts_updates_to_the_running_page(demo_newsroom, capsys):
    call_command("load_demo_live")
    running = Article.objects.get(slug=demo.RUNNING.slug)
    before = Update.objects.filter(article=running).count()
    capsys.readouterr()
    call_command("demo_live", "--every", "0", "--count", "2")
    out = capsys.readouterr().out
    added = Update.objects.filter(article=running).order_by("-published_at", "-id")[:2]
    assert Update.objects.filter(article=running).count() == before + 2
    assert {u.created_by.username for u in added} == {"editor"}
    assert len(set(u.body for u in added)) == 2
    assert all(f"#{u.pk}" in out for u in added)
    assert "Posted 2 updates." in out


def test_demo_live_fails_clearly_without_a_running_live_page(demo_newsroom, capsys):
    with pytest.raises(CommandError, match="no running demo live page"):
        call_command("demo_live", "--every", "0", "--count", "1")
    with pytest.raises(SystemExit) as exit_:
        ManagementUtility(["newsdesk", "demo_live", "--count", "1"]).execute()
    assert exit_.value.code == 1
    assert "load_demo_live" in capsys.readouterr().err
