"""A moderator works the comment queue in a laptop's 1366 x 768 window, with each comment's own
buttons (in the queue and on the comment's page); articles are none of their business."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from tests.browser.newsroom.conftest import expect_message, go, warm

pytestmark = [pytest.mark.live]

WINDOW = {"width": 1366, "height": 768}
HEADLINE = "Debate over the new rifle"
PAT = "A fair point about the rifle's weight, not a scam."
RUDE = "This whole story is a scam and so are you."
TROLL_SHOWN = "First! Nobody reads this site."
TROLL_HELD = "Buy cheap scam watches at my shop."


def queue_row(page: Page, text: str):
    return page.locator("#result_list tbody tr").filter(has_text=text)


def expect_within_window(page: Page, button) -> None:
    """Shown, and reachable without scrolling sideways: inside the window's width."""
    expect(button).to_be_visible()
    box = button.bounding_box()
    assert box is not None
    assert box["x"] >= 0 and box["x"] + box["width"] <= WINDOW["width"], box


def shown_comments(page: Page):
    return page.locator("#comments .comment-list .comment-text")


def test_moderator_works_the_comment_queue(server, desk):
    path = server.seed["path"]["discussed"]
    ids = server.seed["comment"]
    reader = desk.reader()
    warm(reader, server, path)
    expect(shown_comments(reader)).to_have_text([TROLL_SHOWN])

    page = desk.staff("moderator", viewport=WINDOW)
    page.get_by_role("link", name="Comments", exact=True).click()
    queue = page.locator('#changelist-filter details[data-filter-title="queue"]')
    queue.get_by_role("link", name="Held for moderation").click()
    expect(page).to_have_url(server.url + "/admin/comments/comment/?queue=held")
    expect(page.locator("#result_list tbody tr")).to_have_count(3)
    for text in (PAT, RUDE, TROLL_HELD):
        expect(queue_row(page, text)).to_contain_text("Contains a word on the banned list: scam")
        for verb in ("Approve", "Reject", "Spam", "Ban"):
            expect_within_window(page, queue_row(page, text).get_by_role("button", name=verb))

    # Approve one from the queue.
    with page.expect_navigation():
        queue_row(page, PAT).get_by_role("button", name="Approve").click()
    expect_message(page, f"Comment {ids['approve']} approved.")
    expect(page).to_have_url(server.url + "/admin/comments/comment/?queue=held")
    expect(queue_row(page, PAT)).to_have_count(0)

    # Reject one from its own page.
    with page.expect_navigation():
        queue_row(page, RUDE).get_by_role("link").first.click()
    expect(page).to_have_url(
        server.url + f"/admin/comments/comment/{ids['reject']}/change/"
        "?_changelist_filters=queue%3Dheld"
    )
    expect(page.locator(".field-text")).to_contain_text(RUDE)
    expect(page.locator(".field-held_reason")).to_contain_text("banned list")
    reject = page.locator(".comment-verdict-row").get_by_role("button", name="Reject")
    expect_within_window(page, reject)
    with page.expect_navigation():
        reject.click()
    expect_message(page, f"Comment {ids['reject']} rejected.")
    expect(page).to_have_url(server.url + "/admin/comments/comment/?queue=held")

    # Ban the poster of the last one: their comment already on the site goes too.
    expect(page.locator("#result_list tbody tr")).to_have_count(1)
    with page.expect_navigation():
        queue_row(page, TROLL_HELD).get_by_role("button", name="Ban").click()
    expect_message(
        page,
        f"The author of comment {ids['troll_held']} is banned and their comments are taken down.",
    )
    expect(page.locator("#result_list tbody tr")).to_have_count(0)

    # Every comment's outcome, as the full list shows it.
    go(page, server, "/admin/comments/comment/")
    for text, status in (
        (PAT, "Approved"),
        (RUDE, "Rejected"),
        (TROLL_HELD, "Rejected"),
        (TROLL_SHOWN, "Rejected"),
    ):
        expect(queue_row(page, text).locator(".field-status_cell")).to_have_text(status)
    go(page, server, "/admin/comments/bannedreader/")
    banned = page.locator("#result_list tbody tr")
    expect(banned).to_have_count(1)
    expect(banned).to_contain_text(f"Comment {ids['troll_held']}")

    # What readers see now.
    go(reader, server, path)
    expect(shown_comments(reader)).to_have_text([PAT])
    expect(reader.locator("#comments .comment-count")).to_have_text("1")


def test_moderator_cannot_open_articles(server, desk):
    page = desk.staff("moderator", viewport=WINDOW)
    expect(page.locator("#content-main")).to_contain_text("Comments")
    expect(page.get_by_role("link", name="Articles", exact=True)).to_have_count(0)
    assert go(page, server, "/admin/newsroom/article/").status == 403
    article = server.seed["article"]["discussed"]
    assert go(page, server, f"/admin/newsroom/article/{article}/change/").status == 403
    expect(page.get_by_text(HEADLINE)).to_have_count(0)
    assert go(page, server, f"/admin/newsroom/article/{article}/history/").status == 403
    # Nor through the desk: no story budget in the top bar or at its address, no article's
    # unsaved words or who has it open.
    go(page, server, "/admin/")
    expect(page.get_by_role("link", name="Story budget")).to_have_count(0)
    assert go(page, server, "/desk/budget/").status == 403
    expect(page.get_by_text(HEADLINE)).to_have_count(0)
    assert go(page, server, f"/desk/articles/{article}/autosave/").status == 403
