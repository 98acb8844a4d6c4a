"""Live coverage for readers: the page's updates, its poll address, and the LIVE marks."""

import json
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from newsdesk.audience import selectors as lists
from newsdesk.coverage import services
from newsdesk.coverage.models import Update
from newsdesk.coverage.selectors import PER_PAGE
from newsdesk.newsroom.models import Article
from tests.conftest import parse
from tests.factories import ArticleFactory, SectionFactory, make_contributor, make_image
from tests.newsroom.test_query_budget import BUDGET

pytestmark = pytest.mark.django_db

HOSTILE = (
    '<p>Strike <img src=x onerror="alert(1)"><script>alert(2)</script><strong>seen</strong></p>'
)


@pytest.fixture
def live(editor):
    article = ArticleFactory(contributors=[make_contributor()])
    return services.coverage_start(article=article, user=editor)


def post(article, user, n: int, **kwargs) -> list[Update]:
    """``n`` updates a second apart, oldest first (the newest is the last one posted)."""
    made = []
    start = timezone.now() - timedelta(minutes=n + 1)
    for i in range(n):
        update = services.update_post(
            article=article, user=user, body=f"<p>Update {i}</p>", **kwargs
        )
        Update.objects.filter(pk=update.pk).update(published_at=start + timedelta(seconds=i))
        made.append(update)
    return made


def poll_url(article) -> str:
    return reverse("coverage:updates", args=[article.pk])


def poll(client, article) -> dict:
    response = client.get(poll_url(article))
    assert response.status_code == 200
    return response.json()


# The poll address -----------------------------------------------------------------------


def test_the_poll_answers_the_newest_updates_rendered_newest_first(client, editor, live):
    made = post(live, editor, PER_PAGE + 3)
    services.update_pin(update=made[0], user=editor, pinned=True)
    data = poll(client, live)
    assert [u["id"] for u in data["updates"]] == [u.pk for u in reversed(made)][:PER_PAGE]
    assert data["pinned"] == [made[0].pk]  # pinned although older than the newest twenty
    assert (data["running"], data["summary"], data["total"]) == (True, "", PER_PAGE + 3)
    newest = data["updates"][0]
    assert newest["pinned"] is False
    assert f'id="update-{made[-1].pk}"' in newest["html"]
    assert f"{live.get_absolute_url()}#update-{made[-1].pk}" in newest["html"]
    assert "<time datetime=" in newest["html"]


def test_the_poll_says_when_coverage_ended_with_its_summary(client, editor, live):
    post(live, editor, 1)
    services.coverage_close(article=live, user=editor, summary="Ceasefire <agreed>.")
    data = poll(client, live)
    assert (data["running"], data["summary"]) == (False, "Ceasefire <agreed>.")


def test_polls_count_no_views_and_the_page_counts_once_per_reader(client, editor, live):
    """Issue 22: the view count counts the page once per reader, not once per poll."""
    from newsdesk.audience.selectors import live_view_count

    post(live, editor, 2)
    for _ in range(5):
        poll(client, live)
    assert live_view_count(live.pk) == 0
    beacon = {"HTTP_ORIGIN": "http://testserver", "HTTP_USER_AGENT": "Mozilla/5.0 Firefox/133.0"}
    for _ in range(2):  # the page loaded twice by one reader: one view
        client.post(reverse("audience:beacon"), {"article": live.pk}, **beacon)
        poll(client, live)
    assert live_view_count(live.pk) == 1


def test_the_poll_is_tagged_for_the_page_cache(client, editor, live):
    response = client.get(poll_url(live))
    assert response["Surrogate-Key"].split() == [f"live:{live.pk}", f"article:{live.pk}"]
    assert "private" not in response.get("Cache-Control", "")


@pytest.mark.parametrize("case", ["draft", "scheduled", "not-covered", "unknown"])
def test_the_poll_is_a_404_unless_readers_may_see_live_coverage(client, editor, case):
    article = ArticleFactory()
    if case == "draft":
        article.status, article.publish_at = Article.Status.DRAFT, None
        article.save()
        services.coverage_start(article=article, user=editor)
        services.update_post(article=article, user=editor, body="<p>Not yet public.</p>")
    elif case == "scheduled":
        services.coverage_start(article=article, user=editor)
        Article.objects.filter(pk=article.pk).update(publish_at=timezone.now() + timedelta(hours=1))
    address = "/live/999999/updates/" if case == "unknown" else poll_url(article)
    response = client.get(address)
    assert response.status_code == 404
    assert response.json() == {"error": "There is no such live coverage or update."}
    assert "Not yet public" not in response.content.decode()


def test_hostile_update_text_reaches_readers_sanitized_and_escaped(client, editor, live):
    update = services.update_post(article=live, user=editor, body=HOSTILE)
    services.update_correct(update=update, user=editor, text="<script>alert(3)</script>")
    html = poll(client, live)["updates"][0]["html"]
    page = client.get(live.get_absolute_url()).content.decode()
    for shown in (html, page):
        assert "<script>alert" not in shown and "onerror" not in shown
        assert "<strong>seen</strong>" in shown
        assert "&lt;script&gt;alert(3)&lt;/script&gt;" in shown


def test_the_poll_costs_four_queries_whatever_the_number_of_updates(client, editor, live):
    post(live, editor, 3)
    with CaptureQueriesContext(connection) as few:
        poll(client, live)
    post(live, editor, 30)
    with CaptureQueriesContext(connection) as many:
        poll(client, live)
    assert len(few) == len(many) <= 4, [q["sql"] for q in many.captured_queries]


# The page cache in front of the poll --------------------------------------------------------


@pytest.fixture
def through_the_page_cache(keep_test_connection):
    from tests.conftest import empty_page_cache

    empty_page_cache()
    yield
    empty_page_cache()


def test_the_page_cache_stores_the_poll_answers_304_and_drops_it_on_an_update(
    through_the_page_cache, editor, live, django_capture_on_commit_callbacks
):
    from tests.pagecache.conftest import call

    post(live, editor, 2)
    address = poll_url(live)
    first = call(address)
    assert (first.status, first.cache) == (200, "MISS")
    with CaptureQueriesContext(connection) as ctx:
        again = call(address, HTTP_IF_NONE_MATCH=first.headers["etag"])
    assert (again.status, again.body, len(ctx)) == (304, b"", 0)
    with django_capture_on_commit_callbacks(execute=True):
        services.update_post(article=live, user=editor, body="<p>Sirens in the north.</p>")
    fresh = call(address, HTTP_IF_NONE_MATCH=first.headers["etag"])
    assert (fresh.status, fresh.cache) == (200, "MISS")
    assert "Sirens in the north." in json.loads(fresh.body)["updates"][0]["html"]
    assert call(address).cache == "HIT"


def test_the_live_page_is_purged_by_an_update(
    through_the_page_cache, editor, live, django_capture_on_commit_callbacks
):
    from tests.pagecache.conftest import call

    url = live.get_absolute_url()
    assert f"live:{live.pk}" in call(url).headers["surrogate-key"].split()
    assert call(url).cache == "HIT"
    with django_capture_on_commit_callbacks(execute=True):
        services.update_post(article=live, user=editor, body="<p>Second wave.</p>")
    reply = call(url)
    assert reply.cache == "MISS" and b"Second wave." in reply.body


def test_an_update_purges_the_live_page_its_poll_feed_and_sitemaps_and_nothing_else(
    through_the_page_cache, editor, live, django_capture_on_commit_callbacks
):
    """docs/coverage.md, "Purges": the pages listing the article show nothing an update
    changes, so they stay; what an update changes is gone from the cache at its commit."""
    from tests.pagecache.conftest import call

    other = ArticleFactory(section=live.section, contributors=[make_contributor()])
    changed = [
        live.get_absolute_url(),
        poll_url(live),
        reverse("distribution:live-feed", args=[live.pk]),
        "/sitemap-news.xml",
    ]
    kept = ["/", other.get_absolute_url(), live.section.get_absolute_url()]
    for url in changed + kept:
        assert call(url).status == 200, url
        assert call(url).cache == "HIT", url
    assert live.headline in call("/").body.decode()  # the home page lists the live article
    with django_capture_on_commit_callbacks(execute=True):
        services.update_post(article=live, user=editor, body="<p>Third wave.</p>")
    assert {url: call(url).cache for url in changed + kept} == {
        **dict.fromkeys(changed, "MISS"),
        **dict.fromkeys(kept, "HIT"),
    }


# The article page -----------------------------------------------------------------------


def test_the_live_page_shows_badge_key_events_updates_and_a_polite_live_region(
    client, editor, live
):
    made = post(live, editor, 3)
    services.update_pin(update=made[0], user=editor, pinned=True)
    services.update_edit(update=made[1], user=editor, body="<p>Update 1, revised</p>")
    picture = make_image(size=(320, 180), alt_text="Smoke over the port")
    services.update_edit(update=made[2], user=editor, body="<p>Update 2</p>", image=picture)
    response = client.get(live.get_absolute_url())
    doc = parse(response)
    assert doc.select_one("[data-live-badge]").get_text(strip=True) == "LIVE"
    container = doc.select_one("[data-live-coverage]")
    assert container["data-poll-url"] == poll_url(live)
    stream = [a["id"] for a in container.select("[data-live-stream] > .live-update")]
    assert stream == [f"update-{u.pk}" for u in reversed(made)]
    keys = container.select("[data-live-key-list] .live-update")
    assert [k["id"] for k in keys] == [f"key-update-{made[0].pk}"]
    assert "Key event" in keys[0].get_text()
    edited = container.select_one(f"#update-{made[1].pk}")
    assert "Edited" in edited.select_one(".live-update-edited").get_text()
    assert container.select_one(f"#update-{made[2].pk} picture img")["alt"] == "Smoke over the port"
    region = container.select_one("[aria-live]")
    assert region["aria-live"] == "polite" and "visually-hidden" in region["class"]
    assert container.select_one("[data-live-summary]").has_attr("hidden")
    scripts = [s["src"] for s in doc.select("script[src]")]
    assert any(src.endswith("newsdesk/live.js") for src in scripts)
    # No inline script or style (the CSP forbids them); JSON-LD is data, not a script.
    assert not doc.select('script:not([src]):not([type="application/ld+json"]), [style]')
    assert f"live:{live.pk}" in response["Surrogate-Key"].split()
    assert response.context["coverage"]["modified_at"] >= made[2].published_at


def test_an_ordinary_article_has_no_live_parts(client):
    article = ArticleFactory()
    response = client.get(article.get_absolute_url())
    doc = parse(response)
    assert response.context["coverage"] is None
    assert not doc.select("[data-live-coverage], [data-live-badge]")
    assert not any("live.js" in s["src"] for s in doc.select("script[src]"))
    assert "live:" not in response["Surrogate-Key"]


def test_an_ended_coverage_shows_its_summary_and_does_not_poll(client, editor, live):
    post(live, editor, 1)
    services.coverage_close(article=live, user=editor, summary="The exercise is over.")
    doc = parse(client.get(live.get_absolute_url()))
    assert not doc.select("[data-live-badge]")
    container = doc.select_one("[data-live-coverage]")
    assert not container.has_attr("data-poll-url")
    summary = container.select_one("[data-live-summary]")
    assert not summary.has_attr("hidden") and "The exercise is over." in summary.get_text()


def test_updates_page_by_upage_with_links_both_ways(client, editor, live):
    made = post(live, editor, PER_PAGE * 2 + 1)
    newest_first = [u.pk for u in reversed(made)]
    url = live.get_absolute_url()
    first = parse(client.get(url))
    assert len(first.select("[data-live-stream] > .live-update")) == PER_PAGE
    assert first.select_one('.live-coverage a[rel="next"]')["href"] == "?upage=2#live-updates"
    second = parse(client.get(url, {"upage": "2"}))
    ids = [int(a["data-update-id"]) for a in second.select("[data-live-stream] > .live-update")]
    assert ids == newest_first[PER_PAGE : PER_PAGE * 2]
    assert second.select_one('.live-coverage a[rel="prev"]')["href"] == f"{url}#live-updates"
    assert not second.select_one("[data-live-coverage]").has_attr("data-poll-url")
    third = parse(client.get(url, {"upage": "3"}))
    assert third.select_one('.live-coverage a[rel="prev"]')["href"] == "?upage=2#live-updates"
    assert third.select_one('.live-coverage a[rel="next"]') is None
    for bad in ("4", "0", "x", "1" * 7):
        assert client.get(url, {"upage": bad}).status_code == 404, bad


@pytest.mark.parametrize("keep", [0, 10], ids=["lists-read-fresh", "lists-kept-first-render"])
def test_a_live_page_costs_the_same_queries_with_5_and_30_updates(client, editor, settings, keep):
    from tests.conftest import _clear_shared_state

    settings.NEWSDESK_LIST_CACHE_SECONDS = keep
    article = ArticleFactory(contributors=[make_contributor()])
    live = services.coverage_start(article=article, user=editor)

    def count() -> int:
        _clear_shared_state()
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(live.get_absolute_url()).status_code == 200
        return len(ctx)

    post(live, editor, 5)
    services.update_pin(update=Update.objects.first(), user=editor, pinned=True)
    few = count()
    post(live, editor, 25)
    assert Update.objects.filter(article=live).count() == 30
    # The ordinary article page's budget and the coverage's four: key events, the page of
    # updates (count, rows), the newest update's time.
    assert few == count() <= BUDGET["article"] + 4


# The LIVE mark in lists and teasers -----------------------------------------------------------


@pytest.mark.parametrize("keep", [0, 10], ids=["lists-read-fresh", "lists-kept"])
def test_lists_and_teasers_mark_running_coverage_and_drop_the_mark_when_it_ends(
    client, editor, settings, keep, django_capture_on_commit_callbacks
):
    settings.NEWSDESK_LIST_CACHE_SECONDS = keep
    lists.forget_kept_lists()
    section = SectionFactory(slug="air", name="Air")
    article = ArticleFactory(section=section, headline="Drills over the strait")
    other = ArticleFactory(section=section, headline="Another story")

    def marked(path: str) -> dict[str, int]:
        doc = parse(client.get(path))
        found = {}
        for where, selector in (
            ("lists", ".story-list li"),
            ("teasers", ".teaser h3, .lead-story h2"),
        ):
            found[where] = sum(
                1
                for row in doc.select(selector)
                if row.select_one(".live-label") and "Drills over the strait" in row.get_text()
            )
        return found

    assert marked("/") == {"lists": 0, "teasers": 0}
    with django_capture_on_commit_callbacks(execute=True):  # the purge moves the lists' clock
        services.coverage_start(article=article, user=editor)
    home = marked("/")
    assert home["lists"] >= 1 and home["teasers"] == 1
    assert marked(section.get_absolute_url())["teasers"] == 1
    assert marked(other.get_absolute_url())["lists"] >= 1
    with django_capture_on_commit_callbacks(execute=True):
        services.coverage_close(article=article, user=editor, summary="Drills ended.")
    assert marked("/") == {"lists": 0, "teasers": 0}
    lists.forget_kept_lists()
