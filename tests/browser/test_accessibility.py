"""Accessibility in a real browser: axe-core (WCAG 2.2 A and AA) on every public page type,
the skip links from the keyboard, and visible focus. axe-core comes from the npm registry
(`make axe`, into the git-ignored .cache/axe); the pages run under the site's real CSP, and
any violation of it is reported too.
"""

from __future__ import annotations

import json
import re
import sqlite3
import urllib.error
import urllib.request
from contextlib import contextmanager
from pathlib import Path

import pytest
from django.conf import settings

from tests.browser.conftest import DESKTOP_UA, chromium_browser
from tests.live import LiveServer

# No test database: every page comes from the live server's own database.
pytestmark = [pytest.mark.live]

AXE = Path(settings.BASE_DIR).parent / ".cache" / "axe" / "node_modules" / "axe-core" / "axe.min.js"
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]

# Records what the page's CSP blocked (added through the DevTools protocol, so not itself
# subject to the page's CSP).
WATCH_CSP = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (e) => {
  window.__cspViolations.push(
    e.violatedDirective + " " + (e.blockedURI || "inline") + " " + e.sourceFile + ":" + e.lineNumber
  );
});
"""


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    live = LiveServer(tmp_path_factory.mktemp("a11y"))
    # The demo newsroom (not the small live-test seed): every page type with real content.
    live.manage("migrate", "-v0")
    live.manage("collectstatic", "--noinput", "-v0")
    live.manage("load_demo", "--no-images")
    live.start()
    yield live
    live.close()


@pytest.fixture(scope="module")
def axe_source() -> str:
    if not AXE.exists():
        pytest.fail("axe-core is missing: `make axe` installs it from the npm registry")
    return AXE.read_text()


@pytest.fixture(scope="module")
def chromium(server):
    with chromium_browser() as browser:
        yield browser


@pytest.fixture
def tab(chromium):
    context = chromium.new_context(user_agent=DESKTOP_UA)
    context.add_init_script(WATCH_CSP)
    page = context.new_page()
    yield page
    context.close()


def fetch(server, path: str, headers: dict | None = None) -> tuple[int, str]:
    request = urllib.request.Request(server.url + path, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=10) as r:
            return r.status, r.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()


def first_link(html: str, prefix: str) -> str:
    """The first href on the page that starts with prefix (read from the server's HTML)."""
    start = html.index(f'href="{prefix}') + len('href="')
    return html[start : html.index('"', start)]


def article_url(server) -> str:
    """A demo article with everything on it: tags, bylines, lists."""
    _status, html = fetch(server, "/")
    for path in dict.fromkeys(re.findall(r'href="(/\d{4}/\d{2}/\d{2}/[-a-z0-9]+/)"', html)):
        if 'href="/tag/' in fetch(server, path)[1]:
            return path
    raise AssertionError("no demo article with tags on the home page")


def page_paths(server) -> dict[str, str]:
    article = article_url(server)
    _status, html = fetch(server, article)
    return {
        "home": "/",
        "article": article,
        "section": first_link(html, "/section/"),
        "contributor": first_link(html, "/contributor/"),
        "tag": first_link(html, "/tag/"),
        "section, page 2": first_link(html, "/section/") + "?page=2",
        "search": "/search/?q=defense",
        "search, nothing found": "/search/?q=zzzqqqxxx",
        "404": "/no-such-page/",
    }


def axe_violations(page, axe_source: str) -> list[dict]:
    page.evaluate(axe_source)
    result = page.evaluate(
        "async (tags) => (await axe.run(document, {runOnly: {type: 'tag', values: tags}}))"
        ".violations.map(v => ({id: v.id, impact: v.impact, help: v.help,"
        " nodes: v.nodes.slice(0, 5).map(n => n.target.join(' '))}))",
        TAGS,
    )
    return result


def describe(violations: list[dict]) -> str:
    return json.dumps(violations, indent=1)


PAGES = [
    "home",
    "article",
    "section",
    "contributor",
    "tag",
    "section, page 2",
    "search",
    "search, nothing found",
    "404",
]


@pytest.mark.parametrize("name", PAGES)
def test_page_has_no_axe_violations_and_no_csp_violations(server, tab, axe_source, name):
    path = page_paths(server)[name]
    tab.goto(server.url + path)
    tab.wait_for_load_state("networkidle")
    violations = axe_violations(tab, axe_source)
    assert violations == [], describe(violations)
    assert tab.evaluate("window.__cspViolations") == []


def assert_accessible(tab, axe_source: str) -> None:
    """axe finds nothing on the page shown, and its CSP blocked nothing."""
    tab.wait_for_load_state("networkidle")
    violations = axe_violations(tab, axe_source)
    assert violations == [], describe(violations)
    assert tab.evaluate("window.__cspViolations") == []


def test_the_400_page_has_no_axe_violations(server, tab, axe_source):
    """A browser cannot send a Host we do not serve: the server's page, shown at the site."""
    status, html = fetch(server, "/", headers={"Host": "evil.example"})
    assert status == 400
    tab.goto(server.url + "/robots.txt")
    tab.set_content(html)
    tab.wait_for_load_state("networkidle")
    violations = axe_violations(tab, axe_source)
    assert violations == [], describe(violations)


# A thread on a live article whose comments are open: a comment with a reply, and another.
COMMENT_THREAD = """
import django, json; django.setup()
from django.utils import timezone
from newsdesk.comments.models import Comment
from newsdesk.comments.policy import comments_open
from newsdesk.newsroom.models import Article
now = timezone.now()
article = next(a for a in Article.objects.live().select_related("section")
               .order_by("-publish_at") if comments_open(a, now))
first = Comment.objects.create(article=article, name="Reader One",
    text="A first comment.", status="approved")
reply = Comment.objects.create(article=article, parent=first, name="Reader Two",
    text="A reply to the first comment.", status="approved")
other = Comment.objects.create(article=article, name="Reader Three",
    text="A second thread.", status="approved")
print(json.dumps({"path": article.get_absolute_url(), "article": article.pk,
    "first": first.pk, "reply": reply.pk, "other": other.pk}))
"""


@pytest.fixture(scope="module")
def thread(server) -> dict:
    return json.loads(server.python(COMMENT_THREAD))


def test_an_article_with_a_comment_thread_and_its_controls_has_no_axe_violations(
    server, chromium, axe_source, thread
):
    """Replies, Report on each comment, and Edit on the reader's own (shown by the script)."""
    context = chromium.new_context(user_agent=DESKTOP_UA)
    context.add_init_script(WATCH_CSP)
    # The cookie a post leaves: these comments are this browser's, so Edit shows on them.
    mine = f"{thread['first']}.{thread['reply']}"
    context.add_cookies([{"name": "nd_mine", "value": mine, "url": server.url}])
    tab = context.new_page()
    try:
        tab.goto(server.url + thread["path"])
        reply = tab.locator(f"#comment-{thread['reply']}")
        assert reply.locator("xpath=ancestor::ol[@class='replies']").count() == 1
        assert tab.locator(f"#comment-{thread['first']} .own-edit").first.is_visible()
        assert reply.locator(".own-edit").is_visible()
        assert tab.locator("#comments button", has_text="Report").count() == 3
        assert tab.locator("#comments a", has_text="Reply").count() == 2
        assert_accessible(tab, axe_source)
    finally:
        context.close()


def comment_form_paths(thread) -> dict[str, str]:
    return {
        "comment form": f"/comments/{thread['article']}/",
        "reply form": f"/comments/{thread['article']}/reply/{thread['first']}/",
    }


@pytest.mark.parametrize("name", ["comment form", "reply form"])
def test_the_comment_form_pages_have_no_axe_violations(server, tab, axe_source, thread, name):
    response = tab.goto(server.url + comment_form_paths(thread)[name])
    assert response.status == 200
    assert tab.locator("form.comment-form textarea").count() == 1
    assert_accessible(tab, axe_source)


def test_the_search_filter_errors_have_no_axe_violations(server, tab, axe_source):
    tab.goto(server.url + "/search/?q=defense&section=no-such-section&date_from=2026-13-45")
    assert tab.locator("#search-section[aria-invalid=true]").count() == 1
    assert tab.locator("#search-date_from[aria-invalid=true]").count() == 1
    assert tab.locator(".search-filter .errors").count() == 2
    assert_accessible(tab, axe_source)


STALE_TOKEN = """
import django, time; django.setup()
from unittest import mock
from django.core import signing
from newsdesk.comments.forms import STARTED_SALT
drawn = time.time() - 8 * 86400  # signed then: the signature's own age makes it stale
with mock.patch("time.time", return_value=drawn):
    print(signing.dumps(int(drawn), salt=STARTED_SALT))
"""


def post_comment(tab, server, thread, *, text: str, started: str) -> int:
    """Fills the comment form page as a reader does and sends it; the answer's status."""
    tab.goto(server.url + comment_form_paths(thread)["comment form"])
    tab.fill("#id_name", "Accessible Reader")
    tab.fill("#id_text", text)
    # The form as if drawn a while ago (a person types for more than 3 s).
    tab.eval_on_selector("input[name=started]", "(e, v) => { e.value = v; }", started)
    with tab.expect_navigation() as navigation:
        tab.click("form.comment-form button[type=submit]")
    return navigation.value.status


def test_the_held_notice_and_the_edit_page_have_no_axe_violations(server, tab, axe_source, thread):
    """A reader posts a comment that waits for a moderator (three links), sees the notice,
    then opens the page that edits it."""
    links = "https://a.example https://b.example https://c.example"
    status = post_comment(
        tab, server, thread, text=f"Sources: {links}", started=server.comment_started_token()
    )
    assert status == 200 and "comment=held" in tab.url
    assert tab.get_by_role("status").filter(has_text="waiting for a moderator").is_visible()
    assert_accessible(tab, axe_source)

    mine = next(c["value"] for c in tab.context.cookies() if c["name"] == "nd_mine")
    response = tab.goto(server.url + f"/comments/edit/{mine.split('.')[-1]}/")
    assert response.status == 200
    assert tab.locator("button", has_text="Delete comment").count() == 1
    assert_accessible(tab, axe_source)


def test_the_comment_form_page_with_an_error_has_no_axe_violations(server, tab, axe_source, thread):
    """A form left open for over a week is shown again with why it was not posted."""
    status = post_comment(tab, server, thread, text="Late.", started=server.python(STALE_TOKEN))
    assert status == 400
    assert tab.get_by_role("alert").filter(has_text="more than a week old").count() == 1
    assert tab.locator("#id_text").input_value() == "Late."
    assert_accessible(tab, axe_source)


# The error pages as the server sends them, under its headers (CSP included).


def test_the_403_page_has_no_axe_violations(server, tab, axe_source, thread):
    """A comment form on another site posting here is refused with the 403 page."""
    tab.set_content(
        f'<form method="post" action="{server.url}/comments/{thread["article"]}/">'
        '<input name="name" value="x"><input name="text" value="x"><button>Send</button></form>'
    )
    with tab.expect_navigation() as navigation:
        tab.click("button")
    assert navigation.value.status == 403
    assert tab.url.startswith(server.url)
    assert_accessible(tab, axe_source)


# An article whose address cannot be written (a slug no URL takes) makes its section's page
# fail to render: the server's own 500 page.
BREAK_A_SECTION = """
import django; django.setup()
from datetime import timedelta
from django.utils import timezone
from newsdesk.newsroom.models import Article, Section
section = Section.objects.create(name="Broken on purpose", slug="broken-on-purpose")
Article.objects.create(headline="Unreachable", slug="no such address", section=section,
    body="<p>x</p>", status="published", publish_at=timezone.now() - timedelta(days=3650))
print(section.get_absolute_url())
"""
MEND_THE_SECTION = """
import django; django.setup()
from newsdesk.newsroom.models import Article, Section
Article.objects.filter(section__slug="broken-on-purpose").delete()
Section.objects.filter(slug="broken-on-purpose").delete()
print("ok")
"""


def test_the_500_page_has_no_axe_violations(server, tab, axe_source):
    path = server.python(BREAK_A_SECTION)
    try:
        response = tab.goto(server.url + path)
        assert response.status == 500
        assert_accessible(tab, axe_source)
    finally:
        server.python(MEND_THE_SECTION)


@contextmanager
def database_unreachable(server):
    """The live server's database refuses it for a moment (as during a restart or restore)."""
    if server.pg_name:
        server._pg(f'ALTER DATABASE "{server.pg_name}" ALLOW_CONNECTIONS false')
        server._pg(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
            f" WHERE datname = '{server.pg_name}' AND pid <> pg_backend_pid()"
        )
        try:
            yield
        finally:
            server._pg(f'ALTER DATABASE "{server.pg_name}" ALLOW_CONNECTIONS true')
        return
    database = sqlite3.connect(server.env["DATABASE_URL"].removeprefix("sqlite:///"))
    try:
        # Every page reads sections: without the table, each query fails as the driver does
        # for a database that cannot answer (OperationalError).
        database.execute("ALTER TABLE newsroom_section RENAME TO newsroom_section_away")
        database.commit()
        yield
    finally:
        database.execute("ALTER TABLE newsroom_section_away RENAME TO newsroom_section")
        database.commit()
        database.close()


def test_the_503_page_has_no_axe_violations(server, tab, axe_source):
    with database_unreachable(server):
        response = tab.goto(server.url + "/search/?q=unavailable")  # not in the page cache
        assert response.status == 503
        assert response.headers.get("retry-after")
        assert "Back in a moment" in tab.title()
        assert_accessible(tab, axe_source)


def test_axe_reports_violations_when_there_are_some(server, tab, axe_source):
    """The zero above means something: axe finds a missing language and an unlabelled field."""
    tab.goto(server.url + "/")
    tab.evaluate(
        "document.documentElement.removeAttribute('lang');"
        "document.querySelector('label[for=site-search-q]').remove();"
        "document.querySelector('#site-search-q').removeAttribute('placeholder')"
    )
    found = {v["id"] for v in axe_violations(tab, axe_source)}
    assert {"html-has-lang", "label"} <= found


def test_tab_reaches_the_skip_links_first_and_main_content_moves_focus(server, tab):
    tab.goto(server.url + article_url(server))
    names = []
    for _ in range(3):
        tab.keyboard.press("Tab")
        names.append(tab.evaluate("document.activeElement.textContent.trim()"))
        # Each skip link is visible while it has focus.
        box = tab.evaluate("document.activeElement.getBoundingClientRect().left")
        assert box >= 0
    assert names == [
        "Skip to the top of the page",
        "Skip to the main content",
        "Skip to the bottom of the page",
    ]
    tab.keyboard.press("Shift+Tab")
    tab.keyboard.press("Enter")
    assert tab.evaluate("document.activeElement.id") == "main"
    # The next Tab goes on inside the main content, to the article's own links.
    tab.keyboard.press("Tab")
    assert tab.evaluate("!!document.activeElement.closest('main')")


def test_keyboard_focus_is_visible(server, tab):
    tab.goto(server.url + article_url(server))
    seen = []
    for _ in range(12):
        tab.keyboard.press("Tab")
        style = tab.evaluate(
            "(() => { const e = document.activeElement; const s = getComputedStyle(e);"
            " return {tag: e.tagName, focusVisible: e.matches(':focus-visible'),"
            " outline: s.outlineStyle, width: parseFloat(s.outlineWidth)}; })()"
        )
        seen.append(style)
    for style in seen:
        assert style["focusVisible"], style
        assert style["outline"] != "none" and style["width"] >= 2, style


def test_the_comment_counter_is_announced(server, tab):
    tab.goto(server.url + article_url(server))
    counter = tab.locator("#comment-counter")
    assert counter.get_attribute("aria-live") == "polite"


# The newsroom under the same CSP: the admin's article editor (django-prose-editor, loaded
# through an import map allowed by hash) must run, with nothing blocked.


def admin_password(server) -> str:
    out = server.manage(
        "shell",
        "-c",
        "from django.contrib.auth.models import User; u = User.objects.get(username='admin');"
        " u.set_password('a11y-admin-pass-phrase'); u.save(); print('ok')",
    )
    assert "ok" in out
    return "a11y-admin-pass-phrase"


def test_the_admin_article_editor_runs_under_the_csp(server, tab):
    errors = []
    tab.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    password = admin_password(server)
    tab.goto(server.url + "/admin/login/")
    tab.fill("#id_username", "admin")
    tab.fill("#id_password", password)
    tab.click("input[type=submit]")
    tab.wait_for_url("**/admin/")
    tab.goto(server.url + "/admin/newsroom/article/")
    tab.click("#result_list tbody tr th a")
    tab.wait_for_load_state("networkidle")
    # The editor replaced the textarea with its ProseMirror surface: its modules ran.
    tab.wait_for_selector(".ProseMirror", state="attached", timeout=10000)
    assert tab.evaluate("window.__cspViolations") == []
    assert [e for e in errors if "Content Security Policy" in e] == []
