"""The article form made for writing, in Chromium (docs/desk.md): an editor types a new piece
and watches the slug, the counts, the length hints and the search and share previews follow;
then opens a draft's page from the form's Preview, in a new tab."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.browser.newsroom.conftest import prose_editor, row

pytestmark = [pytest.mark.live]

SITE = " | Newsdesk Defense"  # the page title's suffix: a search result shows 60 - 19 = 41


def test_the_form_fills_the_slug_counts_words_and_previews_the_result_and_card(server, desk):
    page = desk.staff("editor")
    page.goto(server.url + "/admin/newsroom/article/add/")
    headline, slug, summary = (page.get_by_label(n) for n in ("Headline", "Slug", "Summary"))
    snippet = page.locator("fieldset.appearance .search-snippet")
    card = page.locator("fieldset.appearance .share-card")
    hint = page.locator(".field-headline .length-hint")

    # The body's editing area fills the window.
    height = page.viewport_size["height"]
    assert prose_editor(page).bounding_box()["height"] >= height * 0.6

    headline.press_sequentially("Sappers test a bridge")
    expect(slug).to_have_value("sappers-test-a-bridge")
    expect(hint).to_have_text("21 of about 41 characters a search result shows.")
    expect(hint).to_have_attribute("aria-live", "polite")
    expect(snippet.locator(".snippet-title")).to_have_text("Sappers test a bridge" + SITE)
    expect(snippet.locator(".snippet-address")).to_have_text(
        re.compile(r"/\d{4}/\d{2}/\d{2}/sappers-test-a-bridge/$")
    )
    expect(card.locator(".card-title")).to_have_text("Sappers test a bridge")

    # Edited by hand, the slug is the editor's: the headline no longer changes it.
    slug.fill("bridge-trials")
    headline.press("End")
    headline.press_sequentially(" across the river at dawn")
    expect(headline).to_have_value("Sappers test a bridge across the river at dawn")
    expect(slug).to_have_value("bridge-trials")
    expect(snippet.locator(".snippet-address")).to_have_text(re.compile(r"/bridge-trials/$"))
    # Past what a search result shows: a warning in words (and colour), never a refusal.
    expect(hint).to_have_text(re.compile(r"^Warning: 46 characters\. A search result shows"))
    expect(hint).to_have_class(re.compile(r"\bover\b"))
    expect(snippet.locator(".snippet-title")).to_have_text(
        "Sappers test a bridge across the river at dawn | Newsdesk D…"
    )
    expect(card.locator(".card-title")).to_have_text(
        "Sappers test a bridge across the river at dawn"
    )

    # Words in the body: counted, with the reading time; the description takes them while
    # there is no summary.
    count = page.locator(".field-body .writing-count")
    expect(count).to_have_text("No words yet.")
    prose_editor(page).click()
    page.keyboard.type("The span went down in ten minutes.")
    expect(count).to_have_text("7 words, about 1 minute to read.")
    expect(snippet.locator(".snippet-description")).to_have_text(
        "The span went down in ten minutes."
    )
    page.keyboard.press("Enter")
    page.keyboard.type("Engineers cheered.")
    expect(count).to_have_text("9 words, about 1 minute to read.")

    summary.fill("A new span goes down in ten minutes, and the army wants forty more.")
    expect(card.locator(".card-description")).to_have_text(
        "A new span goes down in ten minutes, and the army wants forty more."
    )
    expect(snippet.locator(".snippet-description")).to_have_text(
        "A new span goes down in ten minutes, and the army wants forty more."
    )
    expect(page.locator(".field-summary .length-hint")).to_have_text(
        "67 of about 155 characters a search result shows."
    )
    # No lead image yet: the site's own card, shown (the page's policy lets it load).
    picture = card.locator("img.card-picture")
    expect(picture).to_have_attribute("src", re.compile(r"^/static/newsdesk/card\b"))
    assert picture.evaluate("image => image.complete && image.naturalWidth") == 1200


def test_preview_opens_the_drafts_page_at_its_address_in_a_new_tab(server, desk):
    page = desk.staff("editor")
    page.goto(server.url + "/admin/newsroom/article/")
    headline = "Frigate programme timetable"
    row(page, headline).get_by_role("link", name=headline).click()
    form_url = page.url
    with page.expect_popup() as opened:
        page.get_by_role("link", name="Preview (opens in a new tab)").click()
    tab = opened.value
    expect(tab).to_have_url(server.url + server.seed["path"]["to-be-scheduled"])
    expect(tab.locator("article.article h1")).to_have_text(headline)
    expect(tab.locator(".preview-banner")).to_contain_text("in review and not visible to readers")
    assert page.url == form_url  # the form stays open where it was
