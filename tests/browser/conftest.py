import json
import shutil
from contextlib import contextmanager

import pytest

from tests.live import LiveServer

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
# As the machine's notes say: without the background-networking flags Chromium keeps trying
# to reach Google's hosts, which this closed network refuses.
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
# A reader's browser: HeadlessChrome's own user agent is (rightly) on the crawler lists.
DESKTOP_UA = (
    "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/131.0.0.0 Safari/537.36"
)


@pytest.fixture
def browser():
    if not shutil.which("chromium"):
        pytest.fail(
            "Debian's chromium is missing: `make test` installs it (apt-get install chromium)"
        )
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(user_agent=DESKTOP_UA)
    yield context.new_page()
    context.close()


@pytest.fixture
def server(tmp_path):
    live = LiveServer(tmp_path).setup().start()
    yield live
    live.close()


@contextmanager
def chromium_browser():
    """Debian's Chromium under Playwright, for a module's browser fixture.

    Start it after the module's live server: Playwright's event loop must not be running while
    the server (and the test database) is set up.
    """
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


def seeded_server(tmp_path, seed: str) -> LiveServer:
    """A started live server whose database ``seed`` (Python run as the server) filled; what
    the seed printed as JSON is ``server.seeded``."""
    live = LiveServer(tmp_path).setup()
    live.seeded = json.loads(live.python(seed))
    return live.start()
