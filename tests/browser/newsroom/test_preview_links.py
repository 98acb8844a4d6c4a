"""A preview link in a real browser: an editor makes one on a draft's form and copies its
address; a reader with no account opens it and sees the draft as its preview; the editor
revokes it, and the reader's reload is refused."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

from tests.browser.newsroom.conftest import expect_message, row, save

pytestmark = [pytest.mark.live]

HEADLINE = "Frigate programme timetable"


def test_a_preview_link_works_for_a_reader_until_the_editor_revokes_it(server, desk):
    editor = desk.staff("editor")
    editor.goto(server.url + "/admin/newsroom/article/")
    row(editor, HEADLINE).get_by_role("link", name=HEADLINE).click()
    links = editor.locator("#desk_preview_links-group")
    links.get_by_role("button", name="Add another Preview link").click()
    new = links.locator("tr.dynamic-desk_preview_links").last
    new.get_by_label("For", exact=True).fill("Dana Ruiz, fact-checker")
    new.get_by_label("Valid for").select_option(label="7 days")
    save(editor, "Save and continue editing")
    expect_message(editor, "was changed successfully")

    made = editor.locator("#desk_preview_links-0")
    expect(made.get_by_label("For", exact=True)).to_have_value("Dana Ruiz, fact-checker")
    address = made.locator("a.preview-link-url").inner_text()
    parts = urlsplit(address)
    assert parts.scheme in {"http", "https"} and parts.path.startswith("/preview/"), address

    # The live server keeps the default SITE_URL, so the reader opens the copied path on it.
    reader = desk.reader()
    opened = reader.goto(server.url + parts.path)
    assert opened is not None and opened.status == 200
    assert opened.headers["cache-control"] == "private, no-store"
    expect(reader.locator("article.article h1")).to_have_text(HEADLINE)
    expect(reader.locator(".preview-banner")).to_contain_text(
        "Preview shared by eddie for review: this article is in review"
    )

    made.get_by_label("Revoked").check()
    save(editor, "Save and continue editing")
    expect_message(editor, "was changed successfully")
    expect(editor.locator("#desk_preview_links-0")).to_contain_text("Revoked")
    expect(editor.locator("#desk_preview_links-0 a.preview-link-url")).to_have_count(0)

    refused = reader.reload()
    assert refused is not None and refused.status == 404
    expect(reader.get_by_role("heading", level=1)).to_have_text("We could not find that page")
    expect(reader.get_by_text(HEADLINE)).to_have_count(0)
