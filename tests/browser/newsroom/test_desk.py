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
