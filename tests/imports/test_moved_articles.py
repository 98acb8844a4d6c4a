"""A live article whose slug or date changes keeps its old address: a 301 to the new one,
through the whole WSGI application (page cache included), never a loop, never for a piece
that was not public."""

from datetime import timedelta

import pytest
from django.utils import timezone

from newsdesk.imports.models import Redirect
from newsdesk.newsroom import services
from tests.factories import ArticleFactory

# The WSGI helpers and the autouse fixtures of the old-address tests (an empty page cache,
# the test's connection kept open through the WSGI layers).
from tests.imports.test_redirects import (  # noqa: F401
    _empty_page_cache,
    _keep_the_test_connection,
    call,
    location,
)

pytestmark = pytest.mark.django_db


def move(article, editor, **fields):
    for name, value in fields.items():
        setattr(article, name, value)
    return services.article_save(article=article, user=editor)


def test_a_new_slug_leaves_the_old_address_answering_301(
    editor, django_capture_on_commit_callbacks
):
    story = ArticleFactory(slug="drone-unit-formed", headline="Drone unit formed")
    old = story.get_absolute_url()
    status, _, _ = call(old)
    assert status == 200  # read once: the page cache holds it now
    assert call(old)[1].get("X-Cache") == "HIT"

    with django_capture_on_commit_callbacks(execute=True):  # the purge waits for the commit
        move(story, editor, slug="army-forms-its-first-drone-unit")
    new = story.get_absolute_url()
    assert new != old and new.endswith("/army-forms-its-first-drone-unit/")
    assert location(old) == new  # the cached copy was purged with the article's key
    status, _, body = call(new)
    assert status == 200 and "Drone unit formed" in body.decode()


def test_a_new_publish_date_moves_the_address_too(editor):
    story = ArticleFactory(publish_at=timezone.now() - timedelta(days=3))
    old = story.get_absolute_url()
    move(story, editor, publish_at=timezone.now() - timedelta(days=1))
    assert location(old) == story.get_absolute_url() != old


def test_moves_chain_to_the_last_address_and_moving_back_makes_no_loop(editor):
    story = ArticleFactory(slug="first-name")
    first = story.get_absolute_url()
    move(story, editor, slug="second-name")
    second = story.get_absolute_url()
    move(story, editor, slug="third-name")
    third = story.get_absolute_url()
    assert location(first) == third and location(second) == third
    assert set(Redirect.objects.values_list("new_path", flat=True)) == {third}

    move(story, editor, slug="first-name")  # back where it began
    assert call(first)[0] == 200
    assert location(second) == first and location(third) == first
    assert not Redirect.objects.filter(old_path=first).exists()


@pytest.mark.parametrize(
    "state",
    [
        {"status": "draft", "publish_at": None},
        {"status": "in_review", "publish_at": None},
        {"status": "unpublished"},
        {"status": "published", "publish_at": "ahead"},  # scheduled: never public yet
    ],
    ids=["draft", "in review", "unpublished", "scheduled"],
)
def test_a_piece_that_was_not_public_leaves_no_redirect(editor, state):
    if state.get("publish_at") == "ahead":
        state = {**state, "publish_at": timezone.now() + timedelta(hours=2)}
    story = ArticleFactory(slug="not-yet-out", **state)
    move(story, editor, slug="renamed-before-it-went-out")
    assert not Redirect.objects.exists()


def test_an_edit_that_keeps_the_address_adds_nothing(editor):
    story = ArticleFactory()
    move(story, editor, headline="A sharper headline", body="<p>New words.</p>")
    assert not Redirect.objects.exists()


def test_every_process_looks_an_address_up_again_after_a_purge(django_capture_on_commit_callbacks):
    from newsdesk.imports import redirects
    from newsdesk.pagecache import keys
    from newsdesk.pagecache.services import pages_purge

    old = "/2026/01/05/a-story-another-process-moved/"
    assert redirects.cached_target(old) is None  # kept: no redirect here
    # Written by another process: no signal reaches this one's cache (bulk_create sends none).
    Redirect.objects.bulk_create([Redirect(old_path=old, new_path="/2026/01/05/its-new-name/")])
    assert redirects.cached_target(old) is None  # still the kept answer
    with django_capture_on_commit_callbacks(execute=True):
        pages_purge(keys=[keys.HOME])  # what the move did there: it purged the article's pages
    assert redirects.cached_target(old) == "/2026/01/05/its-new-name/"
