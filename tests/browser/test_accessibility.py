"""Accessibility in a real browser: axe-core (WCAG 2.2 A and AA) on every public page type,
the skip links from the keyboard, and visible focus. axe-core comes from the npm registry
(`make axe`, into the git-ignored .cache/axe); the pages run under the site's real CSP, and
any violation of it is reported too.
"""

from __future__ import annotations

import json
import re
import urllib.error
import urllib.request
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


@pytest.mark.parametrize(
    ("name", "template"),
    [("400", "400.html"), ("403", "403.html"), ("500", "500.html"), ("503", "503.html")],
)
def test_error_pages_have_no_axe_violations(server, tab, axe_source, name, template):
    """Error pages a browser cannot easily be made to get: rendered, then shown at the site."""
    if name == "400":
        status, html = fetch(server, "/", headers={"Host": "evil.example"})
        assert status == 400
    else:
        from django.template.loader import render_to_string

        html = render_to_string(template, {"site_name": "Newsdesk Defense"})
    tab.goto(server.url + "/robots.txt")
    tab.set_content(html)
    tab.wait_for_load_state("networkidle")
    violations = axe_violations(tab, axe_source)
    assert violations == [], describe(violations)


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
