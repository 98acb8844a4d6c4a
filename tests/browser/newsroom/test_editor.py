"""An editor's day: publish, schedule, correct, unpublish, restore, pin a Must-Read, each checked
where readers look, as a reader with no session, through the page cache.

The scheduled piece is set up first and looked for last, so the two minutes it waits overlap
the other tests instead of adding to the suite's time.
"""

from __future__ import annotations

import re
import time
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from tests.browser.newsroom.conftest import (
    autocomplete,
    expect_message,
    go,
    prose_editor,
    row,
    run_action,
    save,
    warm,
)

pytestmark = [pytest.mark.live]

# The page cache keeps its default lifetime (60 s). A scheduled article goes public with no
# purge; cached copies end their life at its time (docs/pagecache.md), so the reader must see it
# within seconds, not a lifetime later. Every other check below starts with the reader holding
# a cached copy (warm: X-Cache HIT) and looks again seconds after the change, well inside the
# lifetime, so a missed purge still shows as a stale page.
# How long after its time the scheduled story may take to show: reloads every 2 s, and a busy
# machine (far less than the page cache's 60 s, which a missed expiry would take).
SCHEDULE_MARGIN_SECONDS = 15
# How long the Must-Read pin lasts: long enough to be seen pinned on a busy machine, short
# enough to run out while the module's other tests run (it is made second, watched near the end).
PIN_SECONDS = 45

SCHEDULED = "Frigate programme timetable"
SUBMITTED = "Brigade trials new bridging kit"
CORRECTED = "Tanker fleet grows to six"
UNPUBLISHED = "Exercise plan for the spring"
RESTORED = "Depot reopens after refit"
PINNED = "Why the radar upgrade matters"
MOVED = "Howitzer order delayed"


@pytest.fixture(scope="module")
def schedule() -> dict:
    """What the scheduling test did, for the test at the end of the module that checks on it."""
    return {}


def story_links(page: Page, headline: str):
    return page.get_by_role("link", name=headline, exact=True)


def open_article(page: Page, server, headline: str) -> None:
    go(page, server, "/admin/newsroom/article/")
    with page.expect_navigation():
        page.locator("#result_list").get_by_role("link", name=headline, exact=True).click()
    expect(page.locator("h2", has_text="Publishing")).to_be_visible()


def must_reads(page: Page):
    return page.locator("section.story-list:has(#list-must-reads) li")


def test_editor_schedules_a_piece_a_minute_ahead(server, desk, schedule):
    reader = desk.reader()
    page = desk.staff("editor")
    open_article(page, server, SCHEDULED)
    expect(page.locator(".field-state .readonly")).to_have_text("In review")
    when = timezone.localtime(timezone.now() + timedelta(minutes=1)).replace(microsecond=0)
    page.locator("#id_publish_at_0").fill(when.strftime("%Y-%m-%d"))
    page.locator("#id_publish_at_1").fill(when.strftime("%H:%M:%S"))
    # Saving with a publish time ahead schedules it, and the message says so (and when).
    save(page)
    expect_message(page, f"Saved and scheduled: it goes live by itself at {when:%-d %b %Y, %H:%M}")
    go(page, server, "/admin/newsroom/article/")
    scheduled_row = row(page, SCHEDULED)
    expect(scheduled_row.locator(".field-state")).to_have_text("Scheduled")
    path = f"/{when:%Y/%m/%d}/to-be-scheduled/"
    expect(scheduled_row.get_by_role("link", name="Preview")).to_have_attribute("href", path)
    schedule.update(at=when.timestamp(), path=path)

    # Not yet: readers find neither the page nor a link to it.
    assert go(reader, server, path).status == 404
    assert go(reader, server, "/section/sea/").status == 200
    expect(story_links(reader, SCHEDULED)).to_have_count(0)
    schedule["looked_before"] = time.time() < when.timestamp()


@pytest.fixture(scope="module")
def pin() -> dict:
    """When the pin made below expires, for the test near the end that watches it go."""
    return {}


def test_editor_pins_a_must_read_with_an_expiry(server, desk, pin):
    reader = desk.reader()
    warm(reader, server, "/")
    expect(must_reads(reader).first).to_be_visible()
    expect(must_reads(reader).filter(has_text=PINNED)).to_have_count(0)

    page = desk.staff("editor")
    page.get_by_role("link", name="Must-Read pins").click()
    page.get_by_role("link", name="Add Must-Read pin").click()
    autocomplete(page, page.locator(".field-article"), "radar", PINNED)
    page.get_by_label("Position").fill("1")
    # A short pin (an event's morning, say): it leaves the list by itself, looked for below.
    expires = timezone.localtime(timezone.now() + timedelta(seconds=PIN_SECONDS)).replace(
        microsecond=0
    )
    page.locator("#id_expires_at_0").fill(expires.strftime("%Y-%m-%d"))
    page.locator("#id_expires_at_1").fill(expires.strftime("%H:%M:%S"))
    save(page)
    expect_message(page, "was added successfully")
    pinned = page.locator("#result_list tbody tr").filter(has_text=PINNED)
    expect(pinned).to_have_count(1)
    expect(pinned.locator("input[name$=expires_at_0]")).to_have_value(expires.strftime("%Y-%m-%d"))
    expect(pinned.locator(".field-is_active img")).to_have_attribute("alt", "True")

    go(reader, server, "/")
    expect(must_reads(reader).first).to_have_text(PINNED)
    # And on an article page's lists too.
    go(reader, server, server.seed["path"]["discussed"])
    expect(must_reads(reader).first).to_have_text(PINNED)
    pin["expires"] = expires.timestamp()


def test_editor_edits_a_submitted_piece_and_publishes_it(server, desk):
    reader = desk.reader()
    # Readers have the front and the section page in the cache before it goes out.
    for path in ("/", "/section/land/"):
        warm(reader, server, path)
        expect(story_links(reader, SUBMITTED)).to_have_count(0)

    page = desk.staff("editor")
    go(page, server, "/admin/newsroom/article/")
    page.get_by_role("link", name="In review", exact=True).click()
    expect(page).to_have_url(server.url + "/admin/newsroom/article/?state=in_review")
    with page.expect_navigation():
        page.locator("#result_list").get_by_role("link", name=SUBMITTED, exact=True).click()
    page.get_by_label("Summary").fill("The kit spans twenty metres and goes down in ten minutes.")
    prose_editor(page).click()
    page.keyboard.press("Control+End")
    page.keyboard.press("Enter")
    page.keyboard.type("Engineers will report on the trials in March.")
    # Published from the form itself: its words are saved first, and it stays open.
    expect(
        page.locator(".submit-row").get_by_role("button", name="Send back to draft")
    ).to_be_visible()
    save(page, "Publish now")
    expect_message(page, re.compile(r"Saved and published at .*: readers see it now\."))
    expect(page.locator(".field-state .readonly")).to_have_text("Published")
    expect(page.locator(".submit-row").get_by_role("button", name="Unpublish")).to_be_visible()
    go(page, server, "/admin/newsroom/article/?state=in_review")
    expect(row(page, SUBMITTED)).to_have_count(0)  # no longer in review
    go(page, server, "/admin/newsroom/article/")
    expect(row(page, SUBMITTED).locator(".field-state")).to_have_text("Published")

    go(reader, server, "/")
    expect(reader.locator(".primary").get_by_role("link", name=SUBMITTED).first).to_be_visible()
    go(reader, server, "/section/land/")
    with reader.expect_navigation():
        reader.locator("main").get_by_role("link", name=SUBMITTED, exact=True).first.click()
    expect(reader.locator("article.article h1")).to_have_text(SUBMITTED)
    expect(reader.locator("article.article .summary")).to_have_text(
        "The kit spans twenty metres and goes down in ten minutes."
    )
    expect(reader.locator("article.article .body")).to_contain_text(
        "Engineers will report on the trials in March."
    )
    expect(reader.locator(".preview-banner")).to_have_count(0)


def test_editor_adds_a_correction_to_a_live_article(server, desk):
    path = server.seed["path"]["to-be-corrected"]
    text = "An earlier version said the fleet had seven tankers. It has six."
    reader = desk.reader()
    warm(reader, server, path)
    expect(reader.locator("section.corrections")).to_have_count(0)

    page = desk.staff("editor")
    open_article(page, server, CORRECTED)
    page.get_by_role("button", name="Add another Correction").click()
    page.locator("#id_corrections-0-text").fill(text)
    save(page, "Save and continue editing")
    expect_message(page, f"The article “{CORRECTED}” was changed successfully")
    # On the record now: shown, not offered for editing.
    corrections = page.locator("#corrections-group")
    expect(corrections).to_contain_text(text)
    expect(corrections.locator("textarea:visible")).to_have_count(0)

    go(reader, server, path)
    foot = reader.locator("article.article section.corrections")
    expect(foot.get_by_role("heading", name="Corrections")).to_be_visible()
    expect(foot.locator("li")).to_have_count(1)
    expect(foot.locator("li")).to_contain_text(text)
    expect(foot.locator("li time")).to_have_count(1)
    expect(reader.locator("article.article .article-meta")).to_contain_text("Updated")


def test_editor_closes_comments_on_a_live_article(server, desk):
    path = server.seed["path"]["discussed"]
    reader = desk.reader()
    warm(reader, server, path)
    expect(reader.locator("#comments textarea[name=text]")).to_have_count(1)

    page = desk.staff("editor")
    open_article(page, server, "Debate over the new rifle")
    page.get_by_label("Comments open").uncheck()
    save(page, "Save and continue editing")
    expect_message(page, "was changed successfully")
    expect(page.get_by_label("Comments open")).not_to_be_checked()

    go(reader, server, path)
    expect(reader.locator("#comments")).to_contain_text("Comments on this article are closed.")
    expect(reader.locator("#comments textarea[name=text]")).to_have_count(0)


def test_editor_unpublishes_an_article(server, desk):
    path = server.seed["path"]["to-be-unpublished"]
    reader = desk.reader()
    warm(reader, server, path)
    expect(reader.locator("article.article h1")).to_have_text(UNPUBLISHED)

    page = desk.staff("editor")
    go(page, server, "/admin/newsroom/article/")
    run_action(page, UNPUBLISHED, "Unpublish")
    expect_message(page, "1 article(s) unpublished.")
    expect(row(page, UNPUBLISHED).locator(".field-state")).to_have_text("Unpublished")
    # History says what happened, and who did it.
    article = server.seed["article"]["to-be-unpublished"]
    go(page, server, f"/admin/newsroom/article/{article}/history/")
    latest = page.locator("#change-history tbody tr").first
    expect(latest).to_contain_text("Unpublished")
    expect(latest).to_contain_text("eddie")

    assert go(reader, server, path).status == 404
    expect(reader.get_by_text(UNPUBLISHED)).to_have_count(0)
    go(reader, server, "/section/land/")
    expect(story_links(reader, UNPUBLISHED)).to_have_count(0)


def test_editor_renames_a_live_story_and_its_old_link_still_works(server, desk):
    old = server.seed["path"]["to-be-renamed"]
    reader = desk.reader()
    warm(reader, server, old)  # the old address is in the page cache

    page = desk.staff("editor")
    open_article(page, server, MOVED)
    slug = page.get_by_label("Slug")
    slug.fill("howitzer-order-delayed-by-a-year")
    save(page, "Save and continue editing")
    expect_message(page, f"The article “{MOVED}” was changed successfully")
    expect(slug).to_have_value("howitzer-order-delayed-by-a-year")

    # A reader following an old link (from a search engine, a share) lands on the story.
    response = go(reader, server, old)
    assert response.status == 200
    new = old.replace("/to-be-renamed/", "/howitzer-order-delayed-by-a-year/")
    assert reader.url == server.url + new
    assert response.request.redirected_from is not None
    assert response.request.redirected_from.url == server.url + old
    expect(reader.locator("article.article h1")).to_have_text(MOVED)


def test_editor_restores_an_older_revision(server, desk):
    path = server.seed["path"]["to-be-restored"]
    original = "Original wording: the depot reopened on Monday with forty staff."
    revised = "Revised wording: the depot reopened on Tuesday with sixty staff."
    reader = desk.reader()
    warm(reader, server, path)
    expect(reader.locator("article.article .body")).to_have_text(original)

    page = desk.staff("editor")
    open_article(page, server, RESTORED)
    prose_editor(page).click()
    page.keyboard.press("Control+A")
    page.keyboard.type(revised)
    save(page)
    expect_message(page, f"The article “{RESTORED}” was changed successfully")
    warm(reader, server, path)
    expect(reader.locator("article.article .body")).to_have_text(revised)

    # History: the version saved while it was still a draft, then Save.
    open_article(page, server, RESTORED)
    page.get_by_role("link", name="History").click()
    expect(page.get_by_role("heading", name=f"Change history: {RESTORED}")).to_be_visible()
    first_draft = page.locator("#change-history tbody tr").filter(
        has_text="First draft by the desk"
    )
    with page.expect_navigation():
        first_draft.get_by_role("link").click()
    expect(page.get_by_role("heading", name=f"Revert {RESTORED}")).to_be_visible()
    expect(prose_editor(page)).to_have_text(original)
    save(page)
    expect_message(page, f"The article “{RESTORED}” was changed successfully")
    state = row(page, RESTORED).locator(".field-state")
    expect(state).to_have_text("Published")

    # The old words are back on the page, which stays where it was.
    response = go(reader, server, path)
    assert response.status == 200
    assert reader.url == server.url + path
    expect(reader.locator("article.article .body")).to_have_text(original)
    expect(reader.locator(".preview-banner")).to_have_count(0)


def test_the_pin_leaves_the_list_at_its_expiry(server, desk, pin):
    """Near the end of the module: by now the pin's time has come or is close."""
    if "expires" not in pin:
        pytest.fail("the pinning test did not pin the story")
    reader = desk.reader()
    if time.time() < pin["expires"] - 3:
        # A cached home page with the pin on it: only its expiry may take the pin off.
        warm(reader, server, "/")
        expect(must_reads(reader).first).to_have_text(PINNED)
    deadline = pin["expires"] + SCHEDULE_MARGIN_SECONDS
    while True:
        looked_at = time.time()
        go(reader, server, "/")
        shown = must_reads(reader).filter(has_text=PINNED).count()
        if looked_at >= pin["expires"] and not shown:
            break
        assert shown or looked_at >= pin["expires"], "the pin left before its time"
        late = looked_at - pin["expires"]
        assert looked_at < deadline, f"the pin was still on the home page {late:.1f} s after"
        reader.wait_for_timeout(2_000)  # a reader reloading now and then
    go(reader, server, server.seed["path"]["discussed"])
    expect(must_reads(reader).filter(has_text=PINNED)).to_have_count(0)


def test_the_scheduled_piece_goes_live_by_itself(server, desk, schedule):
    """Last in the module: by now the scheduled time has come or is close."""
    if "at" not in schedule:
        pytest.fail("the scheduling test did not schedule the piece")
    at, path = schedule["at"], schedule["path"]
    deadline = at + SCHEDULE_MARGIN_SECONDS
    reader = desk.reader()
    seen_at = None
    # At least one look, however late this test starts on a loaded machine: a late start
    # proves less about the margin, but the piece must be there all the same.
    while True:
        looked_at = time.time()
        go(reader, server, "/section/sea/")
        if story_links(reader, SCHEDULED).count():
            seen_at = looked_at
            break
        if looked_at >= deadline:
            break
        reader.wait_for_timeout(2_000)  # a reader reloading now and then
    assert seen_at is not None, (
        f"the scheduled piece was not on its section page {looked_at - at:.1f} s after its time"
    )
    assert seen_at >= at, f"it appeared {at - seen_at:.1f} s before its time"
    assert schedule["looked_before"], "the section page was looked at only after the time"
    print(f"the scheduled piece showed on its section page {seen_at - at:.1f} s after its time")

    with reader.expect_navigation():
        story_links(reader, SCHEDULED).first.click()
    assert reader.url == server.url + path
    expect(reader.locator("article.article h1")).to_have_text(SCHEDULED)

    page = desk.staff("editor")
    go(page, server, "/admin/newsroom/article/")
    expect(row(page, SCHEDULED).locator(".field-state")).to_have_text("Published")
