"""The moderators' comment queue in a real browser at a laptop's 1366 x 768 (issue 13, item 7).

Debian's Chromium, driven by Playwright, against a live server seeded with a Moderator and
held comments; a moderator signs in through the admin's login form and works the queue with
each row's own buttons; readers are browser contexts with no cookie, served as the public is.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import DESKTOP_UA, chromium_browser, seeded_server
from tests.browser.test_accessibility import AXE, TAGS, WATCH_CSP

# No test database: every page comes from the live server's own database.
pytestmark = [pytest.mark.live]

# The machine is small and shared: waits are generous, none is a sleep.
expect.set_options(timeout=15_000)

WIDTH, HEIGHT = 1366, 768
PASSWORD = "queue-browser-pass-phrase-4"

# Made in a process configured as the live server; prints what the tests look for, as JSON.
SEED = r"""
import django, json; django.setup()
from django.contrib.auth.models import Group, User
from newsdesk.comments.models import Comment
from newsdesk.newsroom.models import Article

moderator = User.objects.create_user("morgan", "morgan@example.test", "__PASSWORD__", is_staff=True)
moderator.groups.add(Group.objects.get(name="Moderator"))
story, other = Article.objects.get(slug="live-story-0"), Article.objects.get(slug="live-story-1")


def comment(article, name, text, reader, status="pending", reason="Listed word: scam", **kw):
    return Comment.objects.create(
        article=article, name=name, text=text, reader=reader, status=status, held_reason=reason,
        **kw,
    ).pk


ids = {
    "approve": comment(story, "Pat Reader", "A fair point about the rifle's weight.", "r-pat"),
    "reject": comment(story, "Rude Poster", "This whole story is a scam and so are you.", "r-rude"),
    "ban": comment(story, "Troll Account", "Buy cheap scam watches at my shop.", "r-troll",
                   email="troll@example.org"),
    "troll_shown": comment(other, "Troll Account", "First! Nobody reads this site.", "r-troll",
                           status="approved", reason=""),
    "spam": comment(story, "Shop Bot", "Cheap flights, cheap loans, cheap everything.", "r-bot"),
}
# Rows as wide as real ones get: the longest text, a name, address and reason with no breaks.
for i in range(5):
    comment(
        other,
        "A-display-name-with-no-spaces-at-all-" + str(i),
        # As long as a reader may write (300 characters; the database refuses more).
        ("https://example.org/" + "very-long-path-segment/" * 6 + " " + "word " * 50)[:300],
        f"r-long-{i}",
        reason="The spam check gave an unexpected answer: " + "x" * 120,
        reports=i,
    )
urls = {"story": story.get_absolute_url(), "other": other.get_absolute_url()}
print(json.dumps({"ids": ids, **urls}))
""".replace("__PASSWORD__", PASSWORD)


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    live = seeded_server(tmp_path_factory.mktemp("queue"), SEED)
    yield live
    live.close()


@pytest.fixture(scope="module")
def chromium(server):
    with chromium_browser() as browser:
        yield browser


def new_tab(chromium):
    context = chromium.new_context(
        user_agent=DESKTOP_UA, viewport={"width": WIDTH, "height": HEIGHT}
    )
    context.add_init_script(WATCH_CSP)
    return context, context.new_page()


@pytest.fixture
def moderator_tab(server, chromium):
    context, page = new_tab(chromium)
    page.goto(server.url + "/admin/login/")
    page.fill("#id_username", "morgan")
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    page.wait_for_url("**/admin/")
    yield page
    context.close()


@pytest.fixture
def reader_tab(chromium):
    context, page = new_tab(chromium)
    yield page
    context.close()


def open_held_queue(server, page) -> None:
    page.goto(server.url + "/admin/comments/comment/?queue=held")
    expect(page.locator("#result_list")).to_be_visible()


def button(page, verb: str, pk: int, name: str):
    spoken = {"Ban": f"Ban the author of comment {pk} by {name}"}.get(verb)
    return page.get_by_role("button", name=spoken or f"{verb} comment {pk} by {name}", exact=True)


def status_of(page, pk: int) -> str:
    """The Status cell of the row whose Approve button names comment pk."""
    row = page.locator("#result_list tbody tr").filter(
        has=page.locator(f"button[formaction*='/comment/{pk}/approve/']")
    )
    return row.locator("td.field-status_cell").inner_text()


def axe_violations(page, selector: str) -> list[dict]:
    """What axe-core finds in the part of the page this feature adds (the admin's own pages
    are Django's)."""
    if not AXE.exists():
        pytest.fail("axe-core is missing: `make axe` installs it from the npm registry")
    page.evaluate(AXE.read_text())
    return page.evaluate(
        "async ([selector, tags]) => (await axe.run({include: [selector]},"
        " {runOnly: {type: 'tag', values: tags}})).violations.map(v => ({id: v.id,"
        " nodes: v.nodes.slice(0, 5).map(n => n.target.join(' '))}))",
        [selector, TAGS],
    )


def test_every_column_and_each_rows_buttons_fit_a_1366_px_window(server, moderator_tab):
    page = moderator_tab
    open_held_queue(server, page)
    rows = page.locator("#result_list tbody tr")
    expect(rows.filter(has_text="A-display-name-with-no-spaces-at-all-")).to_have_count(5)

    # Nothing scrolls sideways: not the page, not the table's own scrolling box.
    widths = page.evaluate(
        "() => { const box = document.querySelector('#changelist-form .results');"
        " return {page: document.documentElement.scrollWidth, box: box.scrollWidth,"
        " shown: box.clientWidth, right: box.getBoundingClientRect().right}; }"
    )
    assert widths["page"] <= WIDTH, widths
    assert widths["box"] <= widths["shown"], widths
    right_edge = min(WIDTH, widths["right"])

    headers = page.locator("#result_list thead th")
    for title in ["Status", "Why held", "Reports", "Posted"]:
        header = headers.filter(has_text=title)
        expect(header).to_be_visible()
        box = header.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= right_edge, (title, box)

    for index in range(rows.count()):
        buttons = rows.nth(index).locator("button")
        expect(buttons).to_have_count(4)
        for b in range(4):
            expect(buttons.nth(b)).to_be_visible()
            box = buttons.nth(b).bounding_box()
            assert box["x"] >= 0 and box["x"] + box["width"] <= right_edge, (index, b, box)

    assert axe_violations(page, "#result_list") == []
    assert page.evaluate("window.__cspViolations") == []


def test_approve_reject_and_ban_from_the_queue(server, moderator_tab, reader_tab):
    page, ids = moderator_tab, server.seeded["ids"]
    # Before: the troll's earlier comment is on the public page (and now in the page cache).
    reader_tab.goto(server.url + server.seeded["other"])
    expect(reader_tab.locator(f"#comment-{ids['troll_shown']}")).to_be_visible()

    open_held_queue(server, page)
    for verb, key, name, message in [
        ("Approve", "approve", "Pat Reader", f"Comment {ids['approve']} approved."),
        ("Reject", "reject", "Rude Poster", f"Comment {ids['reject']} rejected."),
        (
            "Ban",
            "ban",
            "Troll Account",
            f"The author of comment {ids['ban']} is banned and their comments are taken down.",
        ),
    ]:
        button(page, verb, ids[key], name).click()
        # Back in the same filtered queue, with the admin's message; the row has left it.
        page.wait_for_url("**/admin/comments/comment/?queue=held")
        expect(page.locator(".messagelist li.success")).to_have_text(message)
        expect(button(page, "Approve", ids[key], name)).to_have_count(0)

    page.goto(server.url + "/admin/comments/comment/")
    assert status_of(page, ids["approve"]) == "Approved"
    assert status_of(page, ids["reject"]) == "Rejected"
    assert status_of(page, ids["ban"]) == "Rejected"
    assert status_of(page, ids["troll_shown"]) == "Rejected"  # the ban took it down too
    assert page.evaluate("window.__cspViolations") == []

    reader_tab.goto(server.url + server.seeded["story"])
    expect(reader_tab.locator(f"#comment-{ids['approve']}")).to_contain_text(
        "A fair point about the rifle's weight."
    )
    expect(reader_tab.locator(f"#comment-{ids['reject']}")).to_have_count(0)
    expect(reader_tab.locator(f"#comment-{ids['ban']}")).to_have_count(0)
    reader_tab.goto(server.url + server.seeded["other"])
    expect(reader_tab.locator(f"#comment-{ids['troll_shown']}")).to_have_count(0)


def test_a_comments_page_has_its_verdicts_in_view_and_no_save(server, moderator_tab):
    page, pk = moderator_tab, server.seeded["ids"]["spam"]
    open_held_queue(server, page)
    page.locator("#result_list tbody tr").filter(has_text="Cheap flights").locator("th a").click()
    page.wait_for_url("**/change/?_changelist_filters=queue%3Dheld")
    expect(page.locator("#comment_form input[type=submit]")).to_have_count(0)
    verdicts = page.locator(".comment-verdict-row button")
    expect(verdicts).to_have_count(4)
    for b in range(4):
        box = verdicts.nth(b).bounding_box()
        assert box["y"] + box["height"] <= HEIGHT and box["x"] + box["width"] <= WIDTH, box
    assert axe_violations(page, ".comment-verdict-row") == []

    button(page, "Spam", pk, "Shop Bot").click()
    page.wait_for_url("**/admin/comments/comment/?queue=held")
    expect(page.locator(".messagelist li.success")).to_have_text(f"Comment {pk} marked as spam.")
    assert page.evaluate("window.__cspViolations") == []
    page.goto(server.url + "/admin/comments/comment/")
    assert status_of(page, pk) == "Spam"
