"""The desk around the article form, in a real browser: words kept when the tab is closed
mid-sentence and offered back; two editors on one story, each seeing the other, and the
second save refused with what changed, nothing lost."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.browser.newsroom.conftest import expect_message, prose_editor, row, save

pytestmark = [pytest.mark.live]


def open_story(page, server, headline):
    page.goto(server.url + "/admin/newsroom/article/")
    row(page, headline).get_by_role("link", name=headline).click()
    expect(page.get_by_label("Headline")).to_have_value(headline)


def test_words_typed_before_the_tab_closed_are_offered_back(server, desk):
    page = desk.staff("editor")
    open_story(page, server, "Reserve call-up rules to change")
    address = page.url
    page.get_by_label("Headline").fill("Reserve call-up rules to change in March")
    prose_editor(page).click()
    page.keyboard.press("Control+End")
    page.keyboard.type(" Officials say the change affects 40,000 reservists.")
    expect(page.locator(".desk-status")).to_contain_text("Draft saved to the newsroom at")
    page.context.close()  # the tab (and the browser) closed without saving

    again = desk.staff("editor")
    again.goto(address)
    expect(again.get_by_label("Headline")).to_have_value("Reserve call-up rules to change")
    offer = again.locator(".desk-offer")
    expect(offer).to_contain_text("You have unsaved words in this article from")
    offer.get_by_role("link", name="Restore them").click()
    expect(again.get_by_label("Headline")).to_have_value("Reserve call-up rules to change in March")
    expect(prose_editor(again)).to_contain_text("affects 40,000 reservists")
    save(again, "Save and continue editing")
    expect_message(again, "was changed successfully")
    # Saved for real: the offer is spent.
    again.reload()
    expect(again.locator(".desk-status")).to_be_attached()
    expect(again.locator(".desk-offer")).to_have_text("")


def test_two_editors_one_story_the_second_save_is_refused_and_nothing_is_lost(server, desk):
    first, second = desk.staff("editor"), desk.staff("admin")
    open_story(first, server, "Submarine tender opens")
    open_story(second, server, "Submarine tender opens")
    # Each sees the other within a beat or two.
    expect(first.locator(".desk-presence")).to_contain_text(
        re.compile(r"Also open now: \w+ \(since")
    )
    expect(second.locator(".desk-presence")).to_contain_text("Also open now:")

    first.get_by_label("Headline").fill("Submarine tender opens to three yards")
    save(first, "Save and continue editing")
    expect_message(first, "was changed successfully")

    second.get_by_label("Summary").fill("Three shipyards are expected to bid.")
    save(second, "Save and continue editing")
    conflict = second.locator(".edit-conflict")
    expect(conflict).to_contain_text("saved this article at")
    expect(second.locator(".errorlist.nonfield")).to_contain_text(
        "Their changes to Headline are now in the form"
    )
    expect(second.get_by_label("Headline")).to_have_value("Submarine tender opens to three yards")
    expect(second.get_by_label("Summary")).to_have_value("Three shipyards are expected to bid.")
    save(second, "Save and continue editing")
    expect_message(second, "was changed successfully")

    first.reload()
    expect(first.get_by_label("Headline")).to_have_value("Submarine tender opens to three yards")
    expect(first.get_by_label("Summary")).to_have_value("Three shipyards are expected to bid.")


def test_a_note_for_a_colleague_stays_in_the_newsroom(server, desk):
    note = "Hold the second paragraph until the ministry confirms (desk note 5521)."
    page = desk.staff("editor")
    open_story(page, server, "Brigade trials new bridging kit")
    notes = page.locator(".inline-group").filter(has_text="editorial notes")
    notes.locator("textarea").first.fill(note)
    notes.get_by_label("chief").first.check()
    save(page, "Save and continue editing")
    expect_message(page, "was changed successfully")
    expect(page.locator(".inline-group").filter(has_text="editorial notes")).to_contain_text("5521")

    chief = desk.staff("admin")
    chief.get_by_role("link", name="Notes for you (1)").click()
    expect(chief.locator("#result_list")).to_contain_text("Hold the second paragraph")

    # Published, the story carries no trace of it for readers.
    page.goto(server.url + "/admin/newsroom/article/")
    from tests.browser.newsroom.conftest import run_action

    run_action(
        page, "Brigade trials new bridging kit", "Publish now, or schedule at the set publish time"
    )
    address = row(page, "Brigade trials new bridging kit").get_by_role("link", name="View")
    reader = desk.reader()
    reader.goto(server.url + address.get_attribute("href"))
    expect(reader.locator("article.article h1")).to_contain_text("Brigade trials")
    expect(reader.get_by_text("5521")).to_have_count(0)
    assert "5521" not in reader.content()


SCHEDULE_IN_THREE_HOURS = r"""
import django; django.setup()
from datetime import timedelta
from django.contrib.auth.models import User
from django.utils import timezone
from newsdesk.newsroom.models import Article
from newsdesk.newsroom.services import article_publish
when = (timezone.now() + timedelta(hours=3)).replace(second=0, microsecond=0)
story = Article.objects.get(slug="to-be-scheduled")
article_publish(article=story, user=User.objects.get(username="eddie"), publish_at=when)
print(timezone.localtime(when).isoformat())
"""


def test_the_budget_shows_the_day_and_an_editor_acts_on_it(server, desk):
    from datetime import datetime, timedelta

    when = datetime.fromisoformat(server.python(SCHEDULE_IN_THREE_HOURS))
    page = desk.staff("editor")
    page.get_by_role("link", name="Story budget").click()
    expect(page.get_by_role("heading", name="Story budget")).to_be_visible()

    # The scheduled story at its time, in its group and on its day of the week's calendar.
    scheduled = page.locator("#budget-scheduled tbody tr").filter(
        has_text="Frigate programme timetable"
    )
    expect(scheduled.locator("time")).to_have_attribute("datetime", when.isoformat())
    expect(scheduled).to_contain_text(f"{when:%H:%M}")
    day = page.locator(".budget-calendar > li").filter(
        has=page.locator(f"time[datetime='{when:%Y-%m-%d}']")
    )
    expect(day).to_contain_text(f"{when:%H:%M} Frigate programme timetable")
    in_review = page.locator("#budget-in_review tbody tr").filter(
        has_text="Coastal radar site gets a new mast"
    )
    expect(in_review).to_contain_text("Desk Staff")

    # Rescheduled to tomorrow morning, in one step from the budget.
    later = (when + timedelta(days=1)).replace(hour=9, minute=30)
    scheduled.get_by_label("New publish time").fill(later.strftime("%Y-%m-%dT%H:%M"))
    scheduled.get_by_role("button", name="Reschedule").click()
    expect_message(page, f"“Frigate programme timetable” scheduled for {later:%a %-d %b} 09:30.")
    moved = page.locator("#budget-scheduled tbody tr").filter(has_text="Frigate programme")
    expect(moved.locator("time")).to_have_attribute("datetime", later.isoformat())

    # A piece in review published with one click: now among the day's published stories.
    in_review.get_by_role("button", name="Publish").click()
    expect_message(page, "“Coastal radar site gets a new mast” published at")
    expect(
        page.locator("#budget-published tbody tr").filter(has_text="Coastal radar site")
    ).to_have_count(1)

    # A writer's budget holds their own pieces only (hers went out in the notes test above),
    # with nothing to publish.
    writer = desk.staff("contributor")
    writer.get_by_role("link", name="Story budget").click()
    expect(writer.locator(".budget tbody th a")).to_have_text(["Brigade trials new bridging kit"])
    expect(writer.get_by_role("button", name="Publish")).to_have_count(0)


def test_an_editor_takes_over_the_words_a_writer_left_behind(server, desk):
    writer = desk.staff("other_contributor")
    open_story(writer, server, "Olive's unfinished exclusive")
    address = writer.url
    prose_editor(writer).click()
    writer.keyboard.press("Control+End")
    writer.keyboard.type(" The second source confirmed it on Friday.")
    expect(writer.locator(".desk-status")).to_contain_text("Draft saved to the newsroom at")
    writer.goto("about:blank")  # she goes home without saving
    writer.context.close()

    editor = desk.staff("editor")
    editor.goto(address)
    left = editor.locator(".desk-left")
    # At once when her tab's goodbye reached the newsroom; else at the first presence beat
    # (every 10 s) after she stops being listed (30 s after her last beat).
    expect(left).to_contain_text("olive left unsaved words in this article at", timeout=45_000)
    with editor.expect_navigation():
        left.get_by_role("button", name="Take over from olive").click()
    expect(prose_editor(editor)).to_contain_text("The second source confirmed it on Friday.")
    save(editor, "Save and continue editing")
    expect_message(editor, "was changed successfully")

    # She learns who carried on, in the newsroom's top bar.
    again = desk.staff("other_contributor")
    again.get_by_role("link", name="Notes for you (1)").click()
    expect(again.locator("#result_list")).to_contain_text("Took over olive's unsaved words")


def test_leaving_with_unsaved_changes_asks_first(server, desk):
    page = desk.staff("editor")
    open_story(page, server, "Air base runway resurfaced")
    form = page.url
    asked: list[str] = []

    def answer(dialog):
        asked.append(dialog.type)
        dialog.dismiss()  # "Stay on page"

    page.on("dialog", answer)
    # Nothing changed: the top bar's link leaves at once.
    with page.expect_navigation():
        page.get_by_role("link", name="Story budget").click()
    assert asked == []
    page.go_back()
    expect(page.get_by_label("Summary")).to_be_visible()

    page.get_by_label("Summary").fill("The runway reopens to fighters in June.")
    page.get_by_role("link", name="Story budget").click()
    for _ in range(50):  # the question comes before any navigation would
        if asked:
            break
        page.wait_for_timeout(100)
    assert asked == ["beforeunload"]
    assert page.url == form  # stayed, with the words
    expect(page.get_by_label("Summary")).to_have_value("The runway reopens to fighters in June.")

    # Saving leaves without a question.
    save(page, "Save")
    expect_message(page, "was changed successfully")
    assert asked == ["beforeunload"]


def test_words_typed_offline_are_kept_in_the_browser_and_can_be_discarded(server, desk):
    page = desk.staff("editor")
    open_story(page, server, "Air base runway resurfaced")
    address = page.url
    # The newsroom cannot be reached for autosaves: every one of them fails on the way.
    page.route("**/desk/**/autosave/", lambda route: route.abort("internetdisconnected"))
    page.get_by_label("Summary").fill("Fighters return to the runway on 3 June.")
    status = page.locator(".desk-status")
    expect(status).to_contain_text("The newsroom cannot be reached: draft kept in this browser")
    page.on("dialog", lambda dialog: dialog.accept())  # "Leave site?": yes
    page.goto("about:blank")  # the newsroom never got the words: only this browser has them

    page.unroute("**/desk/**/autosave/")
    page.goto(address)
    # The browser's words reach the newsroom on opening and are offered back.
    offer = page.locator(".desk-offer")
    expect(offer).to_contain_text("You have unsaved words in this article from")
    typed = "Fighters return to the runway on 3 June."
    expect(page.get_by_label("Summary")).not_to_have_value(typed)
    offer.get_by_role("button", name="Discard them").click()
    expect(offer).to_have_text("")
    page.reload()
    expect(status).to_be_attached()
    page.wait_for_load_state("networkidle")
    expect(offer).to_have_text("")  # discarded for good: nothing offered again
