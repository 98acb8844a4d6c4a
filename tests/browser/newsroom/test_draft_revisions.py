"""A draft revision of a live story in a real browser: an editor changes a live headline and
keeps it as a draft revision (readers still see the old one), previews the draft, compares
it with what readers see, publishes it, and readers see the new headline."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.browser.newsroom.conftest import expect_message, go, save, warm

pytestmark = [pytest.mark.live]

OLD = "Engineers test floating bridge"
NEW = "Engineers adopt floating bridge after tests"


def test_an_editor_drafts_previews_compares_and_publishes_a_live_story(server, desk):
    path = server.seed["path"]["to-be-redrafted"]
    reader = desk.reader()
    warm(reader, server, path)

    editor = desk.staff("editor")
    go(
        editor,
        server,
        f"/admin/newsroom/article/{server.seed['article']['to-be-redrafted']}/change/",
    )
    editor.locator("#id_headline").fill(NEW)
    save(editor, "Save as draft revision")
    expect_message(editor, "readers still see the published text")
    expect(editor.locator("#id_headline")).to_have_value(OLD)
    preview = editor.locator("ul.messagelist a.draft-preview").get_attribute("href")
    publish = editor.locator("ul.messagelist a.draft-publish").get_attribute("href")

    go(reader, server, path)
    expect(reader.locator("article.article h1")).to_have_text(OLD)

    shown = go(editor, server, preview)
    assert shown.status == 200 and shown.headers["cache-control"] == "private, no-store"
    expect(editor.locator("article.article h1")).to_have_text(NEW)
    expect(editor.locator(".revision-banner")).to_contain_text("readers still see the published")

    go(editor, server, publish)  # the draft beside what readers see, with the button
    headline = editor.locator("#revision-compare tr.changed").filter(has_text="Headline")
    expect(headline.locator("td.side-a")).to_have_text(OLD)
    expect(headline.locator("td.side-b")).to_have_text(NEW)
    expect(editor.locator("td.word-diff ins").first).to_contain_text("adopt")
    with editor.expect_navigation():
        editor.get_by_role("button", name="Publish this draft").click()
    expect_message(editor, "Draft revision published")

    go(reader, server, path)
    expect(reader.locator("article.article h1")).to_have_text(NEW)
