"""The newsroom in a real browser: Debian's Chromium, driven by Playwright, working the Django
admin of a live server the way each role does.

Each test module gets one live server (granian on its own database, seeded below through the
server's own configuration) and one Chromium. A test signs in through the real login form in a
fresh browser context per person; readers are contexts with no cookie at all, so they are
served through the page cache exactly as the public is.
"""

from __future__ import annotations

import json
import re
import shutil
import struct
import subprocess
import zlib
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, Response, expect

from tests.browser.conftest import DESKTOP_UA, chromium_browser
from tests.live import VENV_BIN, LiveServer

# The machine is small and shared: every wait is generous. None is a fixed sleep but the pause
# between a reader's reloads while the scheduled story is awaited (test_editor).
TIMEOUT_MS = 15_000
expect.set_options(timeout=TIMEOUT_MS)

PASSWORD = "desk-browser-suite-passphrase-7"

# Everything the suite needs, made through the models and services in a process configured as
# the live server (the test process never touches that database). Prints what the tests need
# to find it again, as JSON on one line.
SEED = r"""
import django, json; django.setup()
from datetime import timedelta

import reversion
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group, User
from django.utils import timezone
from reversion.models import Version

from newsdesk.comments.models import Comment
from newsdesk.comments.policy import address_key
from newsdesk.newsroom.models import Article, Byline, Section, Tag
from newsdesk.newsroom.services import contributor_create

now = timezone.now()
# One hash for everyone: the server's password hasher is slow on purpose.
hashed = make_password("__PASSWORD__")


def person(name, role=None, superuser=False):
    user = User.objects.create(
        username=name,
        email=f"{name}@newsdesk.example",
        password=hashed,
        is_staff=True,
        is_superuser=superuser,
    )
    if role:
        user.groups.add(Group.objects.get(name=role))
    return user


users = {
    "admin": person("chief", superuser=True),
    "editor": person("eddie", "Editor"),
    "contributor": person("casey", "Contributor"),
    "other_contributor": person("olive", "Contributor"),
    "moderator": person("morgan", "Moderator"),
    "staffer": person("sam", None),
    "new_hire": person("rin", None),
}
land = Section.objects.create(name="Land Forces", slug="land", position=1)
air = Section.objects.create(name="Air Power", slug="air", position=2)
sea = Section.objects.create(name="Naval Affairs", slug="sea", position=3)
Tag.objects.create(name="Bridging", slug="bridging")
casey = contributor_create(
    display_name="Casey Writer", slug="casey-writer", user=users["contributor"]
)
olive = contributor_create(
    display_name="Olive Reporter", slug="olive-reporter", user=users["other_contributor"]
)
desk = contributor_create(display_name="Desk Staff", slug="desk-staff")


def article(slug, headline, section, status, *, by=desk, hours_ago=None, body=None, owner=None):
    item = Article.objects.create(
        headline=headline,
        slug=slug,
        section=section,
        summary=f"Summary of {headline.lower()}.",
        body=body or f"<p>The text of {headline.lower()}.</p>",
        status=status,
        publish_at=None if hours_ago is None else now - timedelta(hours=hours_ago),
        created_by=owner,
    )
    Byline.objects.create(article=item, contributor=by)
    return item


# Readers' background: a few live stories in each section.
for i, section in enumerate([land, air, sea] * 2):
    article(f"background-{i}", f"Background story {i}", section, "published", hours_ago=30 + i)

with reversion.create_revision():  # a kept version, as an admin save makes: a History
    other_draft = article(
        "olives-private-draft", "Olive's unfinished exclusive", land, "draft",
        by=olive, owner=users["other_contributor"],
    )
submitted = article(
    "submitted-by-casey", "Brigade trials new bridging kit", land, "in_review",
    by=casey, owner=users["contributor"],
)
to_schedule = article("to-be-scheduled", "Frigate programme timetable", sea, "in_review")
to_autosave = article(
    "to-be-autosaved", "Reserve call-up rules to change", land, "in_review",
    body="<p>The ministry will change the call-up rules next year.</p>",
)
two_desks = article(
    "open-in-two-tabs", "Submarine tender opens", sea, "in_review",
    body="<p>The navy opened the tender on Monday.</p>",
)
to_illustrate = article(
    "to-be-illustrated", "Coastal radar site gets a new mast", sea, "in_review",
    body="<p>The navy has raised a new radar mast above the coast.</p>",
)
to_correct = article(
    "to-be-corrected", "Tanker fleet grows to six", air, "published", hours_ago=3
)
to_unpublish = article(
    "to-be-unpublished", "Exercise plan for the spring", land, "published", hours_ago=4
)
left_open = article("left-open", "Air base runway resurfaced", air, "in_review")
to_move = article(
    "to-be-renamed", "Howitzer order delayed", land, "published", hours_ago=5
)
to_redraft = article(
    "to-be-redrafted", "Engineers test floating bridge", land, "published", hours_ago=7
)
# Ten days old: outside the week that Popular Now and Must-Reads' own fill look at, so only a
# pin can put it on the Must-Reads list.
to_pin = article("to-be-pinned", "Why the radar upgrade matters", air, "published", hours_ago=240)

# A story whose first words were saved as a draft and are kept as a revision; it has been
# published since. Restoring that revision must bring back the words and nothing else.
restored = article(
    "to-be-restored", "Depot reopens after refit", land, "draft",
    body="<p>Original wording: the depot reopened on Monday with forty staff.</p>",
)
with reversion.create_revision():
    restored.save()
    reversion.set_comment("First draft by the desk")
restored.status = "published"
restored.publish_at = now - timedelta(hours=6)
restored.save()

# Comments waiting for a moderator on one live story, from three readers.
discussed = article("discussed", "Debate over the new rifle", land, "published", hours_ago=2)
def comment(name, text, ip, status="pending", reason="Contains a word on the banned list: scam"):
    return Comment.objects.create(
        article=discussed, name=name, text=text, status=status,
        held_reason=reason if status == "pending" else "", needs_review=status == "pending",
        reader=address_key(ip),
    )
approve_me = comment(
    "Pat Reader", "A fair point about the rifle's weight, not a scam.", "198.51.100.1"
)
reject_me = comment("Rude Poster", "This whole story is a scam and so are you.", "198.51.100.2")
# One poster, two comments: one already on the site, one held.
troll_shown = comment(
    "Troll Account", "First! Nobody reads this site.", "198.51.100.3", status="approved"
)
troll_held = comment("Troll Account", "Buy cheap scam watches at my shop.", "198.51.100.3")

print(json.dumps({
    "article": {a.slug: a.pk for a in Article.objects.all()},
    "path": {a.slug: a.get_absolute_url() for a in Article.objects.all()},
    "comment": {
        "approve": approve_me.pk, "reject": reject_me.pk,
        "troll_shown": troll_shown.pk, "troll_held": troll_held.pk,
    },
    "contributor": {"casey": casey.public_id},
    "version": {
        "olives-private-draft": Version.objects.get_for_object(other_draft).get().pk,
    },
}))
""".replace("__PASSWORD__", PASSWORD)

USERS = {
    "admin": "chief",
    "editor": "eddie",
    "contributor": "casey",
    "other_contributor": "olive",
    "moderator": "morgan",
    "staffer": "sam",
    "new_hire": "rin",
}


@pytest.fixture(scope="session")
def migrated(tmp_path_factory):
    """A database with every migration applied, and the collected static files, made once for
    the session: each module's server starts from a copy instead of migrating again."""
    template = LiveServer(tmp_path_factory.mktemp("newsroom-template"))
    try:
        # The tables and the static files at once: neither needs the other.
        command = [str(VENV_BIN / "newsdesk"), "collectstatic", "--noinput", "-v0"]
        static = subprocess.Popen(command, env=template.env)
        try:
            template.manage("migrate", "-v0")
        finally:
            assert static.wait(timeout=120) == 0, "collectstatic failed"
        yield template
    finally:
        template.close()


def copy_of(template: LiveServer, live: LiveServer) -> None:
    """Gives a server not yet started the template's database and static files."""
    if live.pg_name:
        # LiveServer made an empty database; a migrated one takes its place, same name.
        live._pg(f'DROP DATABASE "{live.pg_name}"')
        live._pg(f'CREATE DATABASE "{live.pg_name}" TEMPLATE "{template.pg_name}"')
    else:
        for suffix in ("", "-wal"):  # a WAL left by the migrating process belongs with it
            source = template.tmp / f"live.sqlite3{suffix}"
            if source.exists():
                shutil.copyfile(source, live.tmp / f"live.sqlite3{suffix}")
    shutil.copytree(template.tmp / "data" / "static", live.tmp / "data" / "static")


@pytest.fixture(scope="module")
def server(request, tmp_path_factory, migrated):
    """One seeded live server for the whole module; a module may set SERVER_ENV."""
    live = LiveServer(
        tmp_path_factory.mktemp("newsroom"), extra_env=getattr(request.module, "SERVER_ENV", None)
    )
    try:
        copy_of(migrated, live)
        live.seed = json.loads(live.python(SEED))
        live.start()
        yield live
    finally:
        live.close()


@pytest.fixture(scope="module")
def chromium(server):
    with chromium_browser() as browser:
        yield browser


def server_log(server: LiveServer) -> str:
    path = Path(server.tmp) / "server.log"
    return path.read_text(errors="replace") if path.exists() else ""


@dataclass
class Desk:
    """People at their browsers. Every answer of 500 or more any of them gets is kept."""

    server: LiveServer
    browser: Browser
    contexts: list[BrowserContext] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)

    def _context(self, **options) -> BrowserContext:
        context = self.browser.new_context(user_agent=DESKTOP_UA, **options)
        context.set_default_timeout(TIMEOUT_MS)
        context.set_default_navigation_timeout(30_000)
        context.on("response", self._note_failure)
        self.contexts.append(context)
        return context

    def _note_failure(self, response: Response) -> None:
        if response.status >= 500:
            self.failures.append(f"{response.status} {response.request.method} {response.url}")

    def reader(self, **options) -> Page:
        """A member of the public: no session, so pages come through the page cache.
        ``options`` are Playwright's context options (a viewport, say)."""
        return self._context(**options).new_page()

    def staff(self, role: str, **options) -> Page:
        """A staff member signed in through the admin's own login form."""
        page = self._context(**options).new_page()
        page.goto(self.server.url + "/admin/login/")
        page.get_by_label("Username").fill(USERS[role])
        page.get_by_label("Password").fill(PASSWORD)
        page.get_by_role("button", name="Log in").click()
        expect(page).to_have_url(self.server.url + "/admin/")
        return page

    def close(self) -> None:
        for context in self.contexts:
            context.close()


@pytest.fixture
def desk(request, server, chromium):
    """The people of one test; afterwards, no page any of them opened may have been a 5xx."""
    request.node.newsroom_log = (server, len(server_log(server)))
    people = Desk(server=server, browser=chromium)
    yield people
    people.close()
    assert not people.failures, "the live server answered with an error:\n" + "\n".join(
        people.failures
    )


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    """A failing test's report carries what the live server logged meanwhile (tracebacks)."""
    report = yield
    if report.failed and hasattr(item, "newsroom_log"):
        server, start = item.newsroom_log
        logged = server_log(server)[start:]
        if logged.strip():
            where = Path(server.tmp) / "server.log"
            report.sections.append((f"live server log ({where})", logged[-8000:]))
    return report


# Steps that every role's tests share.


def go(page: Page, server: LiveServer, path: str):
    """Opens an address of the live server; the answer (for its status code)."""
    response = page.goto(server.url + path)
    assert response is not None, path
    return response


def warm(page: Page, server: LiveServer, path: str):
    """A reader opens a page twice, the second time from the page cache: from then on only a
    purge (or the cache's lifetime running out) shows them anything new there."""
    first = go(page, server, path)
    assert first.status == 200, (path, first.status)
    again = go(page, server, path)
    if again.headers.get("x-cache") != "HIT" and int(again.headers.get("age") or 0) >= 50:
        # The stored copy was in its last seconds, so this request rendered the page again
        # (refresh ahead: pagecache.store.refresh_due); the next one gets the new copy.
        again = go(page, server, path)
    assert again.headers.get("x-cache") == "HIT", (path, again.headers)
    return again


def row(page: Page, headline: str):
    """The changelist row of the article with this headline."""
    return page.locator("#result_list tbody tr").filter(
        has=page.get_by_role("link", name=headline, exact=True)
    )


def action_names(page: Page) -> list[str]:
    return [name.strip() for name in page.locator("select[name=action] option").all_inner_texts()]


def run_action(page: Page, headline: str, action: str) -> None:
    """Ticks one article in the changelist, picks an action and presses Go."""
    row(page, headline).get_by_role("checkbox").check()
    page.get_by_label("Action:").select_option(label=action)
    with page.expect_navigation():
        page.get_by_role("button", name="Go").click()


def expect_message(page: Page, text: str | re.Pattern) -> None:
    expect(page.locator("ul.messagelist")).to_contain_text(text)


def save(page: Page, button: str = "Save") -> None:
    with page.expect_navigation():
        page.get_by_role("button", name=button, exact=True).click()


def prose_editor(page: Page):
    """The article body's ProseMirror surface (not the menu's own preview of block types)."""
    return page.locator('.field-body .ProseMirror[contenteditable="true"]')


def autocomplete(page: Page, field, search: str, option: str) -> None:
    """Opens a select2 autocomplete, types a few letters and picks the offered option."""
    field.locator(".select2-selection").click()
    page.locator(".select2-container--open .select2-search__field").fill(search)
    page.locator(".select2-container--open").get_by_role("option", name=option).click()


def tiny_png(path: Path, width: int = 64, height: int = 40) -> Path:
    """A real PNG (one flat colour), written without any image library."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    raw = b"".join(b"\x00" + bytes([40, 90, 160]) * width for _ in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    path.write_bytes(
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(raw))
        + chunk(b"IEND", b"")
    )
    return path
