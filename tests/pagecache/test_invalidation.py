"""Each change purges exactly the cached pages that show it, as soon as it is committed."""

import time

import pytest

from newsdesk.audience.models import MustRead
from newsdesk.comments.models import Comment
from newsdesk.newsroom import services
from newsdesk.newsroom.models import Article
from newsdesk.pagecache import store
from tests.factories import ArticleFactory, SectionFactory, make_contributor
from tests.pagecache.conftest import call

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True, params=[0, 10], ids=["lists-read-fresh", "lists-kept"])
def _lists(request, settings):
    """Every purge below must show at once whether the lists are read fresh or kept."""
    from newsdesk.audience import selectors

    settings.NEWSDESK_LIST_CACHE_SECONDS = request.param
    selectors.forget_kept_lists()


@pytest.fixture
def site(db):
    """Two sections, each with a live article by its own writer and its own tag."""
    land, sea = SectionFactory(slug="land", name="Land"), SectionFactory(slug="sea", name="Sea")
    writer, sailor = make_contributor(), make_contributor()
    story = ArticleFactory(section=land, contributors=[writer], headline="Tanks roll out")
    other = ArticleFactory(section=sea, contributors=[sailor], headline="Frigate launched")
    story.tags.create(name="Armour", slug="armour")
    other.tags.create(name="Navy", slug="navy")
    return {"story": story, "other": other, "writer": writer, "sailor": sailor}


def pages(site) -> dict[str, str]:
    return {
        "story": site["story"].get_absolute_url(),
        "other": site["other"].get_absolute_url(),
        "home": "/",
        "land": "/section/land/",
        "sea": "/section/sea/",
        "writer": site["writer"].get_absolute_url(),
        "sailor": site["sailor"].get_absolute_url(),
        "armour": "/tag/armour/",
        "navy": "/tag/navy/",
        "rss": "/feeds/rss/",
        "sitemap": "/sitemap.xml",
    }


def listed(body: bytes, list_id: str) -> str:
    """The text of one of the four lists on a page (the story_list tag, newsroom/templatetags)."""
    html = body.decode()
    start = html.index(f'aria-labelledby="list-{list_id}"')
    return html[start : html.index("</section>", start)]


def warm(urls: dict[str, str]) -> None:
    for url in urls.values():
        call(url)
    assert all(call(url).cache == "HIT" for url in urls.values())


def purged(urls: dict[str, str]) -> set[str]:
    """The pages no longer served from the cache."""
    return {name for name, url in urls.items() if call(url).cache != "HIT"}


def test_publishing_purges_the_pages_that_list_it_and_only_those(
    site, editor, django_capture_on_commit_callbacks
):
    urls = pages(site)
    draft = ArticleFactory(
        section=site["story"].section,
        status=Article.Status.DRAFT,
        publish_at=None,
        headline="Brand new armour story",
        contributors=[site["writer"]],
    )
    warm(urls)
    with django_capture_on_commit_callbacks(execute=True):
        services.article_publish(article=draft, user=editor)
    # Every article page shows Just In; the section, writer, home and feeds list the story.
    assert purged(urls) == {"story", "other", "home", "land", "writer", "rss", "sitemap"}
    assert b"Brand new armour story" in call("/").body
    assert b"Brand new armour story" in call("/section/land/").body
    # Through the lists: Just In on the other section's article page.
    assert "Brand new armour story" in listed(call(urls["other"]).body, "just-in")


def test_saving_a_draft_purges_nothing(site, editor, django_capture_on_commit_callbacks):
    urls = pages(site)
    warm(urls)
    with django_capture_on_commit_callbacks(execute=True):
        draft = ArticleFactory(status=Article.Status.DRAFT, publish_at=None)
        draft.headline = "Still a draft"
        services.article_save(article=draft, user=editor)
    assert purged(urls) == set()


def test_unpublishing_takes_the_article_off_every_page(
    site, editor, django_capture_on_commit_callbacks
):
    urls = pages(site)
    warm(urls)
    with django_capture_on_commit_callbacks(execute=True):
        services.article_unpublish(article=site["story"], user=editor)
    assert purged(urls) == {"story", "other", "home", "land", "writer", "armour", "rss", "sitemap"}
    assert call(urls["story"]).status == 404
    for name in ("home", "other", "land", "writer", "armour"):
        assert b"Tanks roll out" not in call(urls[name]).body, name


def test_an_edit_purges_every_page_showing_the_article(
    site, editor, django_capture_on_commit_callbacks
):
    urls = pages(site)
    warm(urls)
    story = site["story"]
    story.headline = "Tanks roll back"
    with django_capture_on_commit_callbacks(execute=True):
        services.article_save(article=story, user=editor)
    assert {"story", "other", "home", "land", "writer", "armour"} <= purged(urls)
    assert {"sea", "sailor", "navy"}.isdisjoint(purged(urls))
    for name in ("story", "other", "home", "land", "writer", "armour"):
        assert b"Tanks roll back" in call(urls[name]).body, name


def test_a_correction_purges_the_pages_showing_the_article(
    site, editor, django_capture_on_commit_callbacks
):
    urls = pages(site)
    warm(urls)
    with django_capture_on_commit_callbacks(execute=True):
        services.correction_add(article=site["story"], user=editor, text="It was Tuesday.")
    # "other" lists the story in Just In; the section, writer and tag pages list it too.
    assert purged(urls) == {"story", "other", "home", "land", "writer", "armour", "rss", "sitemap"}
    assert b"It was Tuesday." in call(urls["story"]).body


def test_approving_a_comment_purges_only_its_article_page(
    site, moderator, django_capture_on_commit_callbacks
):
    from newsdesk.comments import services as comments

    urls = pages(site)
    held = Comment.objects.create(
        article=site["story"],
        name="Reader",
        text="Held until a moderator looks at it",
        reader="r1",
        status=Comment.Status.PENDING,
    )
    warm(urls)
    with django_capture_on_commit_callbacks(execute=True):
        comments.comment_approve(comment=held, moderator=moderator)
    assert purged(urls) == {"story"}
    assert b"Held until a moderator looks at it" in call(urls["story"]).body


def test_hiding_and_deleting_a_comment_purge_its_article_page(
    site, moderator, django_capture_on_commit_callbacks
):
    from newsdesk.comments import services as comments

    urls = pages(site)
    shown = Comment.objects.create(
        article=site["story"], name="Reader", text="Visible for now", reader="r1"
    )
    warm(urls)
    with django_capture_on_commit_callbacks(execute=True):
        comments.comment_reject(comment=shown, moderator=moderator)
    assert purged(urls) == {"story"}
    assert b"Visible for now" not in call(urls["story"]).body
    warm(urls)
    with django_capture_on_commit_callbacks(execute=True):
        shown.delete()
    assert purged(urls) == {"story"}


def test_a_held_new_comment_purges_nothing(site, django_capture_on_commit_callbacks):
    urls = pages(site)
    warm(urls)
    with django_capture_on_commit_callbacks(execute=True):
        Comment.objects.create(
            article=site["story"],
            name="R",
            text="Waits",
            reader="r2",
            status=Comment.Status.PENDING,
        )
    assert purged(urls) == set()


def test_a_pin_change_purges_the_pages_showing_must_reads(site, django_capture_on_commit_callbacks):
    urls = pages(site)
    warm(urls)
    # Unpinned, the frigate is in Popular Now, so Must-Reads' fill leaves it out.
    assert "Frigate launched" not in listed(call(urls["story"]).body, "must-reads")
    with django_capture_on_commit_callbacks(execute=True):
        pin = MustRead.objects.create(article=site["other"], position=0)
    assert purged(urls) == {"story", "other", "home"}
    assert "Frigate launched" in listed(call(urls["story"]).body, "must-reads")
    warm(urls)
    with django_capture_on_commit_callbacks(execute=True):
        pin.delete()
    assert purged(urls) == {"story", "other", "home"}
    assert "Frigate launched" not in listed(call(urls["story"]).body, "must-reads")


def test_nothing_is_purged_before_the_commit(site, editor, django_capture_on_commit_callbacks):
    urls = pages(site)
    warm(urls)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        services.correction_add(article=site["story"], user=editor, text="Later.")
    assert purged(urls) == set()
    for callback in callbacks:
        callback()
    assert "story" in purged(urls)


def test_a_page_rendered_before_a_purge_is_never_served_after_it():
    before = store.generation()
    store.mark_purged(["article:1"])
    entry = store.Entry(
        status="200 OK",
        headers=[],
        body=b"old",
        keys=("article:1",),
        etag='"x"',
        stored_at=time.time(),
        generation=before,
    )
    store.put("http://testserver/race/?", entry)
    assert store.get("http://testserver/race/?") is None
    entry.generation = store.generation()
    store.put("http://testserver/race/?", entry)
    assert store.get("http://testserver/race/?") is not None


def test_purged_keys_are_sent_to_the_cdn(
    site, settings, purge_server, django_capture_on_commit_callbacks
):
    url, received = purge_server
    settings.NEWSDESK_PURGE_URL_TEMPLATE = url + "/purge/{key}"
    with django_capture_on_commit_callbacks(execute=True):
        MustRead.objects.create(article=site["other"], position=0)
    deadline = time.monotonic() + 3
    while not received and time.monotonic() < deadline:
        time.sleep(0.02)
    assert received == ["/purge/list%3Amust-reads"]


def test_a_failing_cdn_never_fails_the_change(site, settings, django_capture_on_commit_callbacks):
    from tests.live import free_port

    settings.NEWSDESK_PURGE_URL_TEMPLATE = f"http://127.0.0.1:{free_port()}/purge/{{key}}"
    urls = pages(site)
    warm(urls)
    with django_capture_on_commit_callbacks(execute=True):
        MustRead.objects.create(article=site["other"], position=0)
    assert "home" in purged(urls)


def test_banning_a_reader_purges_the_pages_that_showed_their_comments(
    site, moderator, django_capture_on_commit_callbacks
):
    from newsdesk.comments import services as comments

    urls = pages(site)
    shown = Comment.objects.create(
        article=site["story"], name="Troll", text="Rude words here", reader="troll"
    )
    warm(urls)
    with django_capture_on_commit_callbacks(execute=True):
        comments.reader_ban(comment=shown, moderator=moderator)
    assert purged(urls) == {"story"}
    assert b"Rude words here" not in call(urls["story"]).body
