"""The administrator's chores: a new contributor with their public ID, a role for a staff user."""

from __future__ import annotations

import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from tests.browser.newsroom.conftest import action_names, expect_message, go, save

pytestmark = [pytest.mark.live]


def test_admin_adds_a_contributor_and_sees_the_public_id(server, desk):
    page = desk.staff("admin")
    page.get_by_role("link", name="Contributors", exact=True).click()
    page.get_by_role("link", name="Add contributor").click()
    page.get_by_label("Display name").press_sequentially("Jordan Analyst")
    expect(page.get_by_label("Slug")).to_have_value("jordan-analyst")
    page.get_by_label("Bio").fill("Covers procurement and budgets.")
    save(page, "Save and continue editing")

    # Three contributors came with the seed, so this is the year's fourth number.
    public_id = f"CP-{timezone.localdate().year}-0004"
    expect_message(page, f"The contributor “Jordan Analyst ({public_id})” was added successfully")
    shown = page.locator(".field-public_id .readonly")
    expect(shown).to_have_text(public_id)
    assert re.fullmatch(r"CP-\d{4}-\d{4}", shown.inner_text())
    # Assigned, never typed: there is no field to change it.
    expect(page.locator("input[name=public_id]")).to_have_count(0)


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
