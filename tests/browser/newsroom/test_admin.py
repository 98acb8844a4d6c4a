"""The administrator's chores: a new contributor with their public ID and a portrait from the
library, roles for staff users that hold on every newsroom address."""

from __future__ import annotations

import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from newsdesk.newsroom.demo.images import render_photo
from tests.browser.newsroom.conftest import action_names, autocomplete, expect_message, go, save

pytestmark = [pytest.mark.live]

PORTRAIT_ALT = "Jordan Analyst, head and shoulders, in front of a map"


def test_admin_adds_a_contributor_and_sees_the_public_id(server, desk, tmp_path):
    page = desk.staff("admin")
    # The portrait goes into the library first, with its alt text and credit.
    portrait = tmp_path / "jordan.jpg"
    portrait.write_bytes(render_photo(seed=9, width=800, height=800))
    page.get_by_role("link", name="Images", exact=True).first.click()
    page.get_by_role("link", name="Add image").click()
    page.get_by_label("File:").set_input_files(portrait)
    page.get_by_label("Alt text:").fill(PORTRAIT_ALT)
    page.get_by_label("Credit:").fill("Newsdesk staff")
    page.get_by_label("Source:").select_option(label="Staff photographer")
    save(page)
    expect_message(page, "was added successfully")

    page.get_by_role("link", name="Home").first.click()
    page.get_by_role("link", name="Contributors", exact=True).click()
    page.get_by_role("link", name="Add contributor").click()
    page.get_by_label("Display name").press_sequentially("Jordan Analyst")
    expect(page.get_by_label("Slug")).to_have_value("jordan-analyst")
    page.get_by_label("Bio").fill("Covers procurement and budgets.")
    autocomplete(page, page.locator(".field-photo"), "Jordan", PORTRAIT_ALT)
    save(page, "Save and continue editing")

    # Three contributors came with the seed, so this is the year's fourth number.
    public_id = f"CP-{timezone.localdate().year}-0004"
    expect_message(page, f"The contributor “Jordan Analyst ({public_id})” was added successfully")
    shown = page.locator(".field-public_id .readonly")
    expect(shown).to_have_text(public_id)
    assert re.fullmatch(r"CP-\d{4}-\d{4}", shown.inner_text())
    # Assigned, never typed: there is no field to change it.
    expect(page.locator("input[name=public_id]")).to_have_count(0)

    # Readers find the new contributor's page with the ID and the portrait from the library.
    reader = desk.reader()
    assert go(reader, server, "/contributor/jordan-analyst/").status == 200
    expect(reader.locator(".public-id")).to_have_text(public_id)
    photo = reader.get_by_role("img", name=PORTRAIT_ALT)
    expect(photo).to_be_visible()
    expect(photo).to_have_attribute("src", re.compile(r"/media/images/renditions/\d+/"))


def test_admin_adds_a_staff_user_to_a_role(server, desk):
    # Before: a staff user with no role may not open the articles.
    staffer = desk.staff("staffer")
    assert go(staffer, server, "/admin/newsroom/article/").status == 403

    page = desk.staff("admin")
    page.get_by_role("link", name="Users", exact=True).click()
    with page.expect_navigation():
        page.locator("#result_list").get_by_role("link", name="sam", exact=True).click()
    page.locator("#id_groups_from").select_option(label="Editor")
    page.get_by_role("button", name="Choose selected groups").click()
    expect(page.locator("#id_groups_to option")).to_have_text(["Editor"])
    save(page)
    expect_message(page, "The user “sam” was changed successfully")

    # The same session, next request: the role's rights are there.
    assert go(staffer, server, "/admin/newsroom/article/").status == 200
    assert "Publish now, or schedule at the set publish time" in action_names(staffer)
    expect(staffer.locator("#result_list")).to_contain_text("Debate over the new rifle")

    # A new hire made a contributor: the role holds on every address, not only the menus.
    page.get_by_role("link", name="Users", exact=True).click()
    with page.expect_navigation():
        page.locator("#result_list").get_by_role("link", name="rin", exact=True).click()
    page.locator("#id_groups_from").select_option(label="Contributor")
    page.get_by_role("button", name="Choose selected groups").click()
    save(page)
    expect_message(page, "The user “rin” was changed successfully")

    # She writes: the list of articles and the form for a new one are hers.
    hire = desk.staff("new_hire")
    assert go(hire, server, "/admin/newsroom/article/add/").status == 200
    # Not the editors' rooms, whichever way she types the address (issue 13 found these open
    # to every contributor): the deleted pieces, another writer's draft, its history and its
    # page before it is published.
    draft = server.seed["article"]["olives-private-draft"]
    version = server.seed["version"]["olives-private-draft"]
    refused = {
        "/admin/newsroom/article/recover/": 403,  # recovering deleted pieces: editors only
        f"/admin/newsroom/article/recover/{version}/": 403,
        f"/admin/newsroom/article/{draft}/change/": 302,  # the admin's "no such article"
        f"/admin/newsroom/article/{draft}/history/": 404,
        f"/admin/newsroom/article/{draft}/history/{version}/": 404,
    }
    for path, status in refused.items():
        response = go(hire, server, path)
        seen = response.request.redirected_from and response.request.redirected_from.url
        assert (302 if seen else response.status) == status, (path, response.status, seen)
        expect(hire.get_by_text("Olive's unfinished exclusive")).to_have_count(0)
    assert go(hire, server, server.seed["path"]["olives-private-draft"]).status == 404
    expect(hire.get_by_text("Olive's unfinished exclusive")).to_have_count(0)
