"""The image library in the newsroom and on readers' screens: an editor uploads a real-size
photo, puts it at the head of a story and into its body from the library's picker, publishes;
readers on a phone and on a laptop are sent renditions sized for their screens, never the
upload itself."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from newsdesk.newsroom.demo.images import render_photo
from tests.browser.newsroom.conftest import (
    autocomplete,
    expect_message,
    go,
    prose_editor,
    row,
    run_action,
    save,
)

pytestmark = [pytest.mark.live]

HEADLINE = "Coastal radar site gets a new mast"
ALT = "A radar mast on a ridge above the sea at dusk"
CREDIT = "Kim Ha-eun / Demo Agency"
RENDITION = re.compile(r"/media/images/renditions/\d+/[0-9a-f]+/w(\d+)\.(avif|webp|jpg)$")


def test_an_editor_illustrates_a_story_and_readers_get_renditions_for_their_screen(
    server, desk, tmp_path
):
    photo = tmp_path / "ridge.jpg"
    photo.write_bytes(render_photo(seed=5, width=2400, height=1800))
    page = desk.staff("editor")

    # Into the library, with its credit and source.
    page.get_by_role("link", name="Images", exact=True).first.click()
    page.get_by_role("link", name="Add image").click()
    page.get_by_label("File:").set_input_files(photo)
    page.get_by_label("Alt text:").fill(ALT)
    page.get_by_label("Caption:").fill("The new mast stands 40 metres above the cliffs.")
    page.get_by_label("Credit:").fill(CREDIT)
    page.get_by_label("Source:").select_option(label="Agency")
    save(page)
    expect_message(page, "was added successfully")
    thumb = page.locator("#result_list .field-thumbnail img").first
    expect(thumb).to_have_attribute("src", re.compile(r"/renditions/\d+/[0-9a-f]+/sq160\.jpg$"))

    # The story: the photo as its lead image and, from the picker, in its body.
    page.goto(server.url + "/admin/newsroom/article/")
    row(page, HEADLINE).get_by_role("link", name=HEADLINE).click()
    autocomplete(page, page.locator(".field-lead_image"), "radar mast", ALT)
    prose_editor(page).click()
    page.keyboard.press("Control+End")
    page.locator(".field-body .prose-menubar").get_by_role("button", name="figure").click()
    dialog = page.locator("dialog[open]")
    with page.expect_popup() as opened:
        dialog.get_by_role("button", name="Browse...").click()
    picker = opened.value
    picker.get_by_label("Search the library").fill("radar mast")
    picker.get_by_role("button", name="Search").click()
    expect(picker.locator(".picker-results > li")).to_have_count(1)
    picker.get_by_role("button", name=re.compile("^Insert")).click()
    expect(dialog.locator("input[name=altText]")).to_have_value(ALT)
    dialog.get_by_role("button", name="Insert").click()
    expect(prose_editor(page).locator("figure img")).to_have_attribute(
        "data-file", re.compile(r"\d+")
    )
    save(page, "Save and continue editing")
    expect_message(page, "was changed successfully")

    page.goto(server.url + "/admin/newsroom/article/")
    run_action(page, HEADLINE, "Publish now, or schedule at the set publish time")
    expect_message(page, "1 article(s) published or scheduled")
    address = row(page, HEADLINE).get_by_role("link", name="View").get_attribute("href")

    # Readers: a phone 390 px wide and a laptop 1280 px wide, both at one device pixel a
    # CSS pixel. The lead image spans the column (358 px, 48rem = 768 px), the body's
    # figure the text column (358 px, 42rem = 672 px): the browser takes the narrowest
    # rendition at least that wide.
    for width, lead, figure in ((390, 640, 640), (1280, 960, 960)):
        reader = desk.reader(viewport={"width": width, "height": 800})
        media = []
        reader.on("request", lambda r, seen=media: "/media/" in r.url and seen.append(r.url))
        assert go(reader, server, address).status == 200
        reader.locator(".body figure").scroll_into_view_if_needed()
        reader.wait_for_function(
            "[...document.querySelectorAll('article picture img')]"
            ".every(i => i.complete && i.naturalWidth > 0)"
        )
        lead_src = reader.locator(".lead-image img").evaluate("i => i.currentSrc")
        body_src = reader.locator(".body figure img").evaluate("i => i.currentSrc")
        assert RENDITION.search(lead_src).groups() == (str(lead), "avif"), (width, lead_src)
        assert RENDITION.search(body_src).groups() == (str(figure), "avif"), (width, body_src)
        # Only renditions, only the sizes this screen needs: never the 2400-pixel upload.
        assert media and all(RENDITION.search(url) for url in media), (width, media)
        assert {int(RENDITION.search(url).group(1)) for url in media} == {lead, figure}
        expect(reader.locator(".lead-image img")).to_have_attribute("fetchpriority", "high")
        expect(reader.locator(".body figure img")).to_have_attribute("loading", "lazy")
        expect(reader.locator(".body figure figcaption .credit")).to_have_text(CREDIT)
        expect(reader.locator(".lead-image figcaption .credit")).to_have_text(CREDIT)
