"""The article body's editor in a real browser (issue 19, item 7): spelling checked, the toolbar
in view all the way down a long story, words typed after a new link kept apart from it, a figure
deleted with its caption, the block-type menu's arrow drawn, and a new tag made while writing."""

from __future__ import annotations

import json
import re

import pytest
from playwright.sync_api import Page, expect

from tests.browser.newsroom.conftest import (
    autocomplete,
    expect_message,
    go,
    prose_editor,
    save,
)

pytestmark = [pytest.mark.live]

# A draft of the contributor's own, with the given body; prints its id.
DRAFT = r"""
import django; django.setup()
from django.contrib.auth.models import User
from newsdesk.newsroom.models import Article, Byline, Contributor, Section

article = Article.objects.create(
    headline=__HEADLINE__, slug=__SLUG__, section=Section.objects.get(slug="land"),
    summary="A summary.", body=__BODY__, status="draft",
    created_by=User.objects.get(username="casey"),
)
Byline.objects.create(article=article, contributor=Contributor.objects.get(slug="casey-writer"))
print(article.pk)
"""

STORED = r"""
import django, json; django.setup()
from newsdesk.newsroom.models import Article

article = Article.objects.get(pk=__PK__)
print(json.dumps({"body": article.body, "tags": [tag.name for tag in article.tags.all()]}))
"""

FIGURE = (
    '<figure class="figure"><img src="/static/newsdesk/card.png" alt="A radar mast">'
    '<figcaption class="figure-caption">The new mast above the coast</figcaption></figure>'
)


def draft(server, slug: str, body: str) -> int:
    code = (
        DRAFT.replace("__HEADLINE__", json.dumps(f"Body editor: {slug}"))
        .replace("__SLUG__", json.dumps(slug))
        .replace("__BODY__", json.dumps(body))
    )
    return int(server.python(code))


def stored(server, pk: int) -> dict:
    return json.loads(server.python(STORED.replace("__PK__", str(pk))))


def open_form(desk, server, pk: int, role: str = "contributor") -> Page:
    page = desk.staff(role)
    go(page, server, f"/admin/newsroom/article/{pk}/change/")
    expect(prose_editor(page)).to_be_visible()
    return page


def test_the_body_is_spell_checked(server, desk):
    pk = draft(server, "spelling", "<p>A sentance with a mistake.</p>")
    page = open_form(desk, server, pk)
    body = prose_editor(page)
    expect(body).to_have_attribute("spellcheck", "true")
    assert body.evaluate("surface => surface.spellcheck") is True


def test_the_toolbar_stays_in_view_down_a_long_story(server, desk):
    paragraphs = "".join(f"<p>Paragraph {n} of a long story.</p>" for n in range(120))
    pk = draft(server, "long-story", paragraphs)
    page = open_form(desk, server, pk)
    body = prose_editor(page)
    toolbar = page.locator(".field-body .prose-menubar")
    # Well into the story: its hundredth paragraph at the top of the window.
    body.locator("p").nth(100).scroll_into_view_if_needed()
    page.evaluate("window.scrollBy(0, 200)")
    assert page.evaluate("window.scrollY") > 1500
    assert body.locator("p").first.bounding_box()["y"] < -1000  # the story's top is far above
    box = toolbar.bounding_box()
    viewport = page.viewport_size
    assert 0 <= box["y"] and box["y"] + box["height"] <= viewport["height"], box
    # And it still works from there: the block-type menu opens.
    toolbar.locator(".prose-menubar__selected").click()
    expect(page.locator(".prose-menubar__picker:popover-open")).to_be_visible()


def test_words_typed_after_a_new_link_follow_it(server, desk):
    pk = draft(server, "link", "<p>The report is out.</p>")
    page = open_form(desk, server, pk)
    body = prose_editor(page)
    body.locator("p").first.click()
    page.keyboard.press("End")
    page.keyboard.type(" Read the report")
    # Select the words just typed. On a loaded machine a selection by keys has once come out
    # short ("the report"): check it, and select again from the paragraph's end if so.
    for _ in range(3):
        page.keyboard.press("End")
        for _ in "Read the report":
            page.keyboard.press("Shift+ArrowLeft")
        if page.evaluate("String(window.getSelection())") == "Read the report":
            break
    assert page.evaluate("String(window.getSelection())") == "Read the report"
    # The editor takes the page's selection into its own state on "selectionchange", an event
    # handled after the keys: on a loaded machine the link once went round a selection 6
    # letters short of the page's. Two frames let the browser run what is pending first.
    page.evaluate("() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")
    page.locator(".field-body .prose-menubar").get_by_role("button", name="insert link").click()
    dialog = page.locator("dialog.prose-editor-dialog[open]")
    dialog.get_by_label("URL").fill("https://example.org/report")
    dialog.get_by_role("button", name="Update").click()
    expect(dialog).to_have_count(0)
    page.keyboard.type(" online.")

    link = body.get_by_role("link")
    expect(link).to_have_text("Read the report")
    expect(body.locator("p").first).to_have_text("The report is out. Read the report online.")
    save(page, "Save and continue editing")
    expect_message(page, "was changed successfully")
    saved = stored(server, pk)["body"]
    # (The editor's link dialog also stores the empty title it asks for.)
    link_then_words = (
        r'<p>The report is out\. <a href="https://example\.org/report"[^>]*>Read the report</a>'
        r" online\.</p>"
    )
    assert re.fullmatch(link_then_words, saved), saved


# Backspace and Delete go through WholeFigures' keys; a cut, through its check after each edit.
@pytest.mark.parametrize("key", ["Backspace", "Delete", "Control+x"])
def test_deleting_a_figure_deletes_its_caption(server, desk, key):
    pk = draft(
        server, f"figure-{key.lower().replace('+', '-')}", f"<p>Before.</p>{FIGURE}<p>After.</p>"
    )
    page = open_form(desk, server, pk)
    body = prose_editor(page)
    body.locator("figure img").click()
    expect(body.locator("img.ProseMirror-selectednode")).to_have_count(1)
    page.keyboard.press(key)
    expect(body.locator("figure")).to_have_count(0)
    expect(body.locator("figcaption")).to_have_count(0)
    expect(body).not_to_contain_text("The new mast")
    save(page, "Save and continue editing")
    expect_message(page, "was changed successfully")
    saved = stored(server, pk)["body"]
    assert "figcaption" not in saved and "The new mast" not in saved, saved
    assert "<img" not in saved and "<figure" not in saved, saved
    assert "Before." in saved and "After." in saved, saved


def test_the_block_type_menus_arrow_is_drawn(server, desk):
    pk = draft(server, "arrow", "<p>Words.</p>")
    page = open_form(desk, server, pk)
    selected = page.locator(".field-body .prose-menubar__selected")
    arrow = selected.evaluate(
        """element => {
            const style = getComputedStyle(element, "::after");
            return {
                content: style.content,
                top: parseFloat(style.borderTopWidth),
                topColor: style.borderTopColor,
                left: style.borderLeftColor,
                right: style.borderRightColor,
                color: style.color,
            };
        }"""
    )
    # Not a character that needs a font (the editor's "⏷", in no font here: an empty box) ...
    assert arrow["content"] in ('""', "none", "normal"), arrow
    # ... but a triangle: a coloured top border between two transparent sides.
    assert arrow["top"] >= 4, arrow
    assert arrow["topColor"] == arrow["color"], arrow
    assert arrow["left"] == arrow["right"] == "rgba(0, 0, 0, 0)", arrow


def test_a_contributor_makes_a_new_tag_while_writing(server, desk):
    pk = draft(server, "new-tag", "<p>Words about engineers.</p>")
    page = open_form(desk, server, pk)
    # The admin's "+" opens a popup only once its script has bound the link (jQuery's ready,
    # which also draws the tags' select2 box): clicked before, it is a plain link (seen once).
    expect(page.locator(".field-tags .select2-selection")).to_be_visible()
    with page.expect_popup() as opened:
        page.locator("#add_id_tags").click()
    popup = opened.value
    popup.get_by_label("Name:").press_sequentially("Combat engineers")
    expect(popup.get_by_label("Slug:")).to_have_value("combat-engineers")
    with popup.expect_event("close"):  # the admin closes its popup once the tag is saved
        popup.get_by_role("button", name="Save", exact=True).click()
    expect(page.locator(".field-tags .select2-selection__rendered")).to_contain_text(
        "Combat engineers"
    )
    # An existing tag beside it, as before.
    autocomplete(page, page.locator(".field-tags"), "Bridg", "Bridging")
    save(page, "Save and continue editing")
    expect_message(page, "was changed successfully")
    assert sorted(stored(server, pk)["tags"]) == ["Bridging", "Combat engineers"]
