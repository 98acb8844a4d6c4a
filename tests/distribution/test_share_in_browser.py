"""The copy-link and native share buttons in a real browser (Debian's Chromium via Playwright)."""

from __future__ import annotations

import re
import urllib.request
from urllib.parse import urlsplit

import pytest

from tests.browser.conftest import DESKTOP_UA, browser  # noqa: F401
from tests.live import LiveServer

# The server runs on its own database (tests.live); these tests never touch the test database.
pytestmark = pytest.mark.live

# A stand-in for the browser's share sheet, which headless Chromium on Linux does not have.
FAKE_SHARE = "navigator.share = (data) => { window.__shared = data; return Promise.resolve(); };"
NO_SHARE = "delete Navigator.prototype.share; delete navigator.share;"


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    live = LiveServer(tmp_path_factory.mktemp("share"))
    live.env["SITE_URL"] = live.url  # canonical addresses on the live server itself
    live.setup().start()
    yield live
    live.close()


def open_article(browser, server, init_script: str):  # noqa: F811
    context = browser.new_context(
        user_agent=DESKTOP_UA, permissions=["clipboard-read", "clipboard-write"]
    )
    context.add_init_script(init_script)
    page = context.new_page()
    hosts: set[str] = set()
    page.on("request", lambda request: hosts.add(urlsplit(request.url).netloc))
    with urllib.request.urlopen(server.url + "/", timeout=10) as r:
        path = re.search(r'href="(/\d{4}/\d{2}/\d{2}/live-story-0/)"', r.read().decode())[1]
    page.goto(server.url + path)
    page.wait_for_load_state("networkidle")
    return context, page, hosts, server.url + path


def test_copy_link_puts_the_canonical_address_on_the_clipboard(browser, server):  # noqa: F811
    context, page, hosts, url = open_article(browser, server, NO_SHARE)
    try:
        copy = page.get_by_role("button", name="Copy link")
        copy.click()
        page.wait_for_function(
            "document.querySelector('[data-share-status]').textContent === 'Link copied.'"
        )
        assert page.evaluate("navigator.clipboard.readText()") == url
        # Without the Web Share API the native button stays out of the way.
        assert page.locator("[data-share-native]").is_hidden()
        assert hosts == {urlsplit(server.url).netloc}
    finally:
        context.close()


def test_native_share_hands_title_and_address_to_the_browser(browser, server):  # noqa: F811
    context, page, hosts, url = open_article(browser, server, FAKE_SHARE)
    try:
        page.get_by_role("button", name="More ways to share").click()
        shared = page.evaluate("window.__shared")
        assert shared == {"title": "Live story 0", "url": url}
        assert hosts == {urlsplit(server.url).netloc}
    finally:
        context.close()


def test_share_links_are_real_links_that_load_nothing_until_clicked(browser, server):  # noqa: F811
    context, page, hosts, url = open_article(browser, server, NO_SHARE)
    try:
        links = page.locator("section.share a")
        assert links.count() == 7
        facebook = page.get_by_role("link", name="Share on Facebook")
        assert urlsplit(facebook.get_attribute("href")).netloc == "www.facebook.com"
        assert hosts == {urlsplit(server.url).netloc}
    finally:
        context.close()
