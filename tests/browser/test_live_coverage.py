"""A live page in a real browser: updates posted in the newsroom appear without a reload.

Debian's Chromium, driven by Playwright, against the suite's live server (granian, its page
cache on). Updates are posted through coverage.services in a process configured as the server,
so their purge reaches the server's page cache as an editor's would.
"""

from __future__ import annotations

import json
import time

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import DESKTOP_UA, chromium_browser, seeded_server
from tests.browser.test_accessibility import WATCH_CSP

# No test database: every page comes from the live server's own database.
pytestmark = [pytest.mark.live]

# The page polls every 10 s: an update shows within that and the poll's own time.
POLL_WAIT = 13_000
expect.set_options(timeout=15_000)

# An editor, the coverage started on the first story, and twenty updates (a page of them,
# enough to scroll through). Prints the story's address and the updates' ids, newest first.
SEED = r"""
import django, json; django.setup()
from datetime import timedelta
from django.contrib.auth.models import Group, User
from django.utils import timezone
from newsdesk.coverage import services
from newsdesk.coverage.models import Update
from newsdesk.newsroom.models import Article

editor = User.objects.create_user("eddie", "eddie@example.test", "irrelevant-pass-9", is_staff=True)
editor.groups.add(Group.objects.get(name="Editor"))
editor = User.objects.get(pk=editor.pk)
story = Article.objects.get(slug="live-story-0")
services.coverage_start(article=story, user=editor)
start = timezone.now() - timedelta(hours=1)
for i in range(20):
    text = f"<p>Earlier update {i}. " + "Troops moved along the coast road overnight. " * 6 + "</p>"
    update = services.update_post(article=story, user=editor, body=text)
    Update.objects.filter(pk=update.pk).update(published_at=start + timedelta(minutes=i))
ids = list(Update.objects.filter(article=story).values_list("pk", flat=True))
print(json.dumps({"url": story.get_absolute_url(), "ids": ids}))
"""

POST = r"""
import django, json; django.setup()
from django.contrib.auth.models import User
from newsdesk.coverage import services
from newsdesk.newsroom.models import Article
update = services.update_post(
    article=Article.objects.get(slug="live-story-0"),
    user=User.objects.get(username="eddie"),
    body=json.loads(__BODY__),
)
print(update.pk)
"""


CHANGE = r"""
import django; django.setup()
from django.contrib.auth.models import User
from newsdesk.coverage import services
from newsdesk.coverage.models import Update
editor = User.objects.get(username="eddie")
services.update_edit(update=Update.objects.get(pk=__EDIT__), user=editor, body="<p>Revised.</p>")
services.update_delete(update=Update.objects.get(pk=__DELETE__), user=editor)
print("ok")
"""


def post_update(server, body: str) -> int:
    """Posts an update as the editor, in a process configured as the server; its id."""
    return int(server.python(POST.replace("__BODY__", repr(json.dumps(body)))))


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    live = seeded_server(tmp_path_factory.mktemp("live-coverage"), SEED)
    yield live
    live.close()


@pytest.fixture(scope="module")
def twin(server):
    """A second server process over the same database (and Redis): another node."""
    other = server.twin().start()
    yield other
    other.stop()


@pytest.fixture(scope="module")
def chromium(server, twin):
    with chromium_browser() as browser:
        yield browser


@pytest.fixture
def page(chromium):
    context = chromium.new_context(user_agent=DESKTOP_UA, viewport={"width": 1366, "height": 768})
    context.add_init_script(WATCH_CSP)
    yield context.new_page()
    context.close()


def test_new_updates_appear_announced_and_wait_behind_a_button_when_scrolled(server, page):
    page.goto(server.url + server.seeded["url"])
    announcer = page.locator("[data-live-announcer]")
    expect(announcer).to_have_attribute("aria-live", "polite")

    # At the top of the page: the update goes on top of the updates by itself.
    first = post_update(server, "<p>Air raid sirens sound across the capital.</p>")
    arrived = page.locator(f"#update-{first}")
    expect(arrived).to_be_visible(timeout=POLL_WAIT)
    expect(page.locator("[data-live-stream] > .live-update").first).to_have_id(f"update-{first}")
    expect(announcer).to_have_text("New update: Air raid sirens sound across the capital.")

    # Scrolled into the updates: nothing moves; a button offers the new one.
    reading = page.locator(f"#update-{server.seeded['ids'][8]}")
    reading.scroll_into_view_if_needed()
    page.mouse.wheel(0, 200)
    expect(reading).to_be_in_viewport()
    top = reading.bounding_box()["y"]
    second = post_update(server, "<p>A second wave of drones is reported over the port.</p>")
    button = page.locator("[data-live-new]")
    expect(button).to_have_text("1 new update", timeout=POLL_WAIT)
    expect(button).to_be_visible()
    expect(announcer).to_contain_text("New update: A second wave of drones")
    expect(page.locator(f"#update-{second}")).to_have_count(0)
    assert reading.bounding_box()["y"] == top  # the text under the reader's eyes stayed put

    button.click()
    expect(page.locator(f"#update-{second}")).to_be_in_viewport()
    expect(button).to_be_hidden()

    # An edit replaces the update in place; a deletion among the newest removes it.
    gone = server.seeded["ids"][1]
    server.python(CHANGE.replace("__EDIT__", str(first)).replace("__DELETE__", str(gone)))
    expect(page.locator(f"#update-{gone}")).to_have_count(0, timeout=POLL_WAIT)
    expect(arrived.locator(".live-update-body")).to_have_text("Revised.")
    expect(arrived.locator(".live-update-edited")).to_contain_text("Edited")
    assert page.evaluate("window.__cspViolations") == []


def test_an_updates_own_address_scrolls_to_it(server, page):
    old = server.seeded["ids"][15]
    page.goto(server.url + server.seeded["url"])
    share = page.locator(f"#update-{old} .live-update-share a")
    expect(page.locator(f"#update-{old}")).not_to_be_in_viewport()
    address = server.url + share.get_attribute("href")
    page.goto("about:blank")
    page.goto(address)  # a new load of the address, as from a shared link
    expect(page.locator(f"#update-{old}")).to_be_in_viewport()


def test_an_update_posted_in_the_newsroom_on_one_server_shows_on_the_other(
    server, twin, page, chromium
):
    """The issue's test: the editor types in the live desk on one server process; the reader's
    page, open on the other, shows it and announces it within the 10 s poll, with no reload."""
    page.goto(twin.url + server.seeded["url"])
    announcer = page.locator("[data-live-announcer]")
    context = chromium.new_context(user_agent=DESKTOP_UA, viewport={"width": 1366, "height": 768})
    desk = context.new_page()
    desk.goto(server.url + "/admin/login/")
    desk.get_by_label("Username").fill("eddie")
    desk.get_by_label("Password").fill("irrelevant-pass-9")
    with desk.expect_navigation():
        desk.get_by_role("button", name="Log in").click()
    desk.goto(f"{server.url}/admin/coverage/update/live/{server.article_ids[0]}/")
    desk.locator('.field-body .ProseMirror[contenteditable="true"]').click()
    text = "Coast guard ships escort a damaged fishing boat into port."
    desk.keyboard.type(text)
    with desk.expect_navigation():
        desk.get_by_role("button", name="Post update").click()
    expect(desk.locator("ul.messagelist")).to_contain_text("Update posted at")
    posted_at = time.monotonic()
    context.close()

    shown = page.locator("[data-live-stream] > .live-update").first
    expect(shown).to_contain_text(text, timeout=POLL_WAIT)
    assert time.monotonic() - posted_at <= POLL_WAIT / 1000
    expect(announcer).to_have_text(f"New update: {text}")
