"""A contributor's day in the newsroom: write a piece, come back to it, hand it to the editors;
and what stays out of their reach."""

from __future__ import annotations

import re

import pytest
from django.conf import settings
from playwright.sync_api import Page, expect

from tests.browser.newsroom.conftest import (
    action_names,
    autocomplete,
    expect_message,
    go,
    prose_editor,
    row,
    run_action,
    save,
    tiny_png,
)

pytestmark = [pytest.mark.live]

HEADLINE = "Sappers test a faster bridge"
EDITED_HEADLINE = "Sappers test a faster, lighter bridge"
REPORT = "https://example.org/army-bridging-report"
LINK_TEXT = "Read the army's report"
ITEMS = ["Twenty metres in one span", "Laid in ten minutes"]


def write_body(page: Page) -> None:
    """A heading, a paragraph, a two-item list and a link, made with the editor's own menu."""
    body = prose_editor(page)
    body.click()
    menu = page.locator(".field-body .prose-menubar")
    menu.locator(".prose-menubar__selected").click()  # the block type menu
    menu.locator('[data-name="heading2"]').click()
    page.keyboard.type("What the trials showed")
    page.keyboard.press("Enter")
    page.keyboard.type("The brigade laid the new span across the river twice.")
    page.keyboard.press("Enter")
    menu.get_by_role("button", name="unordered list").click()
    page.keyboard.type("Twenty metres in one span")
    page.keyboard.press("Enter")
    page.keyboard.type("Laid in ten minutes")
    page.keyboard.press("Enter")
    page.keyboard.press("Enter")  # an empty item ends the list
    page.keyboard.type("Read the army's report")
    page.keyboard.press("Shift+Home")
    menu.get_by_role("button", name="insert link").click()
    dialog = page.locator("dialog.prose-editor-dialog[open]")
    dialog.get_by_label("URL").fill(REPORT)
    dialog.get_by_role("button", name="Update").click()
    expect(dialog).to_have_count(0)
    expect(body.locator("h2")).to_have_text("What the trials showed")
    expect(body.locator("ul > li")).to_have_text(ITEMS)
    expect(body.get_by_role("link", name=LINK_TEXT)).to_have_attribute("href", REPORT)


def test_contributor_writes_a_piece_edits_it_and_submits_it_for_review(server, desk, tmp_path):
    page = desk.staff("contributor")

    page.get_by_role("link", name="Articles").first.click()
    page.get_by_role("link", name="Add article").click()
    expect(page).to_have_url(server.url + "/admin/newsroom/article/add/")
    # Typed key by key: the admin fills in the slug from the headline as it is typed.
    page.get_by_label("Headline").press_sequentially(HEADLINE)
    expect(page.get_by_label("Slug")).to_have_value("sappers-test-a-faster-bridge")
    page.get_by_label("Section").select_option(label="Land Forces")
    page.get_by_label("Summary").fill("A new span goes down in ten minutes.")
    write_body(page)
    autocomplete(page, page.locator(".field-tags"), "Bridg", "Bridging")
    # The lead image: a new picture into the library, from the form's own "+" (a popup).
    with page.expect_popup() as opened:
        page.locator("#add_id_lead_image").click()
    library = opened.value
    library.get_by_label("File:").set_input_files(tiny_png(tmp_path / "span.png"))
    library.get_by_label("Alt text:").fill("Sappers lower a bridge section from a truck")
    library.get_by_label("Credit:").fill("Army handout")
    library.get_by_label("Source:").select_option(label="Handout")
    with library.expect_event("close"):  # the admin closes its popup once it is saved
        library.get_by_role("button", name="Save", exact=True).click()
    expect(page.locator(".field-lead_image .select2-selection__rendered")).to_contain_text(
        "Sappers lower a bridge section"
    )
    public_id = server.seed["contributor"]["casey"]
    autocomplete(page, page.locator("#bylines-0"), "Casey", f"Casey Writer ({public_id})")
    save(page, "Save and continue editing")
    expect_message(page, f"The article “{HEADLINE}” was added successfully")
    edit_url = page.url
    assert re.fullmatch(rf"{server.url}/admin/newsroom/article/\d+/change/", edit_url), edit_url
    expect(page.locator(".field-lead_image_shown")).to_contain_text("Army handout (Handout")
    expect(page.locator(".field-state .readonly")).to_have_text("Draft")

    # What was saved, as the preview at the piece's future address shows it.
    page.goto(server.url + "/admin/newsroom/article/")
    with page.expect_navigation():
        row(page, HEADLINE).get_by_role("link", name="Preview").click()
    expect(page.locator(".preview-banner")).to_contain_text("draft")
    article = page.locator("article.article")
    expect(article.locator("h1")).to_have_text(HEADLINE)
    expect(article.locator(".body h2")).to_have_text("What the trials showed")
    expect(article.locator(".body ul > li")).to_have_text(
        ["Twenty metres in one span", "Laid in ten minutes"]
    )
    link = article.locator(".body").get_by_role("link", name="Read the army's report")
    expect(link).to_have_attribute("href", REPORT)
    image = article.locator(".lead-image img")
    expect(image).to_have_attribute("alt", "Sappers lower a bridge section from a truck")
    # The 64-pixel upload is offered at its own width only (never wider), in AVIF first.
    assert re.search(r"/images/renditions/\d+/\w+/w64\.avif$", image.evaluate("i => i.currentSrc"))
    byline = article.locator(".byline .contributors li")
    expect(byline.locator(".name")).to_have_text("Casey Writer")
    domain = settings.NEWSDESK_BYLINE_EMAIL_DOMAIN
    expect(byline.locator(".id-email")).to_have_text(f"{public_id}@{domain}")
    expect(article.locator(".byline .tags")).to_contain_text("Bridging")

    # Back to it: a sharper headline and one more sentence at the end.
    page.goto(edit_url)
    page.get_by_label("Headline").fill(EDITED_HEADLINE)
    prose_editor(page).click()
    page.keyboard.press("Control+End")
    page.keyboard.press("Enter")
    page.keyboard.type("A second trial is planned for the spring.")
    save(page)
    expect(page).to_have_url(server.url + "/admin/newsroom/article/")
    expect_message(page, f"The article “{EDITED_HEADLINE}” was changed successfully")
    expect(row(page, EDITED_HEADLINE).locator(".field-state")).to_have_text("Draft")
    with page.expect_navigation():
        row(page, EDITED_HEADLINE).get_by_role("link", name="Preview").click()
    expect(page.locator("article.article h1")).to_have_text(EDITED_HEADLINE)
    expect(page.locator("article.article .body")).to_contain_text(
        "A second trial is planned for the spring."
    )

    # Handed to the editors. Publishing is not among what a contributor is offered.
    page.goto(server.url + "/admin/newsroom/article/")
    assert action_names(page) == ["---------", "Submit for review"]
    run_action(page, EDITED_HEADLINE, "Submit for review")
    expect_message(page, "1 article(s) submitted for review.")
    expect(row(page, EDITED_HEADLINE).locator(".field-state")).to_have_text("In review")
    assert action_names(page) == ["---------", "Submit for review"]


def test_contributor_cannot_reach_another_writers_piece(server, desk):
    page = desk.staff("contributor")
    other = server.seed["article"]["olives-private-draft"]
    headline = "Olive's unfinished exclusive"

    go(page, server, "/admin/newsroom/article/")
    expect(page.locator("#result_list")).to_contain_text("Brigade trials new bridging kit")
    expect(page.get_by_text(headline)).to_have_count(0)

    # Its change address: the admin does not know of it, and says so.
    go(page, server, f"/admin/newsroom/article/{other}/change/")
    expect(page).to_have_url(server.url + "/admin/")
    expect_message(page, f"Article with ID “{other}” doesn’t exist. Perhaps it was deleted?")
    expect(page.get_by_text(headline)).to_have_count(0)

    # Nor its history, nor a saved version of it, nor its preview at its future address.
    response = go(page, server, f"/admin/newsroom/article/{other}/history/")
    assert response.status == 404
    expect(page.get_by_text(headline)).to_have_count(0)
    version = server.seed["version"]["olives-private-draft"]
    response = go(page, server, f"/admin/newsroom/article/{other}/history/{version}/")
    assert response.status == 404
    expect(page.get_by_text(headline)).to_have_count(0)
    response = go(page, server, server.seed["path"]["olives-private-draft"])
    assert response.status == 404
    expect(page.get_by_text(headline)).to_have_count(0)
