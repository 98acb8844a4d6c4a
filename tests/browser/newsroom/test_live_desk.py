"""The live desk in a real browser (coverage/admin.py): an editor runs a live story from the
article form to its close, and a contributor posts to their own live story."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from tests.browser.newsroom.conftest import expect_message, go, prose_editor, row, save

pytestmark = [pytest.mark.live]

FIRST = "Air defence units are on alert along the northern border."
MORE = " Two more batteries moved overnight."

# An editor starts coverage of the contributor's story (as the desk would), in the server's
# own configuration.
START_CASEYS_STORY = """
import django; django.setup()
from django.contrib.auth.models import User
from newsdesk.coverage import services
from newsdesk.newsroom.models import Article
article = Article.objects.get(slug="submitted-by-casey")
services.coverage_start(article=article, user=User.objects.get(username="eddie"))
print(article.pk)
"""


def open_desk(page: Page, server, headline: str) -> None:
    """From the article list to the article's form, and on to its live desk."""
    go(page, server, "/admin/newsroom/article/")
    row(page, headline).get_by_role("link", name=headline).click()
    page.get_by_role("link", name="Live coverage", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Live coverage: {headline}")


def post_update(page: Page, text: str) -> None:
    prose_editor(page).click()
    page.keyboard.type(text)
    save(page, "Post update")
    expect_message(page, re.compile(r"Update posted at \d\d:\d\d"))


def test_an_editor_runs_a_live_story_from_start_to_close(server, desk):
    page = desk.staff("editor")
    open_desk(page, server, "Exercise plan for the spring")
    save(page, "Start live coverage")
    expect_message(page, "Live coverage started")

    post_update(page, FIRST)
    update = page.locator("li.live-update").filter(has_text=FIRST)
    expect(update).to_be_visible()

    with page.expect_navigation():
        update.get_by_role("button", name="Pin", exact=True).click()
    expect_message(page, "pinned as a key event")
    expect(update.locator(".live-key-event")).to_have_text("Key event")
    expect(page.locator("#updates-title")).to_contain_text("key events pinned: 1 of 3")

    update.get_by_role("link", name=re.compile("^Edit")).click()
    expect(prose_editor(page)).to_contain_text(FIRST)
    prose_editor(page).click()
    page.keyboard.press("Control+End")
    page.keyboard.type(MORE)
    save(page, "Save update")
    expect_message(page, "marked edited")
    edited = page.locator("li.live-update").filter(has_text=MORE.strip())
    expect(edited).to_contain_text("Edited")

    # A reader (no session: through the page cache, which the edit purged) sees it edited.
    reader = desk.reader()
    go(reader, server, server.seed["path"]["to-be-unpublished"])
    shown = reader.locator("article.live-update").filter(has_text=MORE.strip()).first
    expect(shown).to_contain_text("Edited")

    page.get_by_label("Summary for readers").fill("The exercise ended; the units stood down.")
    save(page, "Close live coverage")
    expect_message(page, "Live coverage closed")
    expect(page.locator(".live-closed")).to_contain_text("Live coverage was closed at")
    expect(page.get_by_role("button", name="Restart live coverage")).to_be_visible()


def test_a_contributor_posts_to_their_own_live_story(server, desk):
    server.python(START_CASEYS_STORY)
    page = desk.staff("contributor")
    open_desk(page, server, "Brigade trials new bridging kit")
    # An editor's tools are not theirs.
    expect(page.get_by_role("checkbox", name="Key event")).to_have_count(0)
    expect(page.get_by_role("button", name="Close live coverage")).to_have_count(0)
    post_update(page, "The first vehicles crossed the new bridge at dawn.")
    update = page.locator("li.live-update").filter(has_text="crossed the new bridge")
    expect(update).to_contain_text("Casey Writer")  # their own byline, by default
    expect(update.get_by_role("link", name=re.compile("^Edit"))).to_be_visible()
    expect(update.get_by_role("button", name="Pin")).to_have_count(0)
