"""Newsletters in a real browser, with real mail: readers sign up from the site's sign-up box
and confirm from the link in their mail, an editor sends breaking alerts from the newsroom,
and a reader leaves with one click from the mail's List-Unsubscribe header.

One live server (granian on its own SQLite or PostgreSQL database) and one job worker
(`newsdesk run_huey`) for the whole module, sending to a real SMTP server in the test process
(tests/smtp.py). Debian's Chromium, driven by Playwright, is the reader's and the editor's
browser. Nothing here sleeps but the reader, who takes more than the two seconds the sign-up
form asks of a person before pressing "Sign up".
"""

from __future__ import annotations

import json
import re
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from playwright.sync_api import BrowserContext, Page, expect

from tests.browser.conftest import DESKTOP_UA, chromium_browser
from tests.live import LiveServer
from tests.smtp import Received, SMTPServer

pytestmark = [pytest.mark.live]

TIMEOUT_MS = 15_000
expect.set_options(timeout=TIMEOUT_MS)
MAIL_TIMEOUT = 45.0  # the worker polls its queue; the machine is small and shared
PASSWORD = "newsletter-desk-passphrase-4"

# An editor (the "Editor" group the migrations make) and where the seeded stories are read.
SEED = r"""
import django, json; django.setup()
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group, User
from newsdesk.newsroom.models import Article

editor = User.objects.create(
    username="nadia", email="nadia@newsdesk.example", password=make_password("__PASSWORD__"),
    is_staff=True,
)
editor.groups.add(Group.objects.get(name="Editor"))
print(json.dumps({
    "articles": [
        {"id": a.pk, "headline": a.headline, "path": a.get_absolute_url()}
        for a in Article.objects.order_by("pk")
    ],
}))
""".replace("__PASSWORD__", PASSWORD)

# The confirmed subscribers of Breaking alerts, as the server's database has them.
ALERT_READERS = r"""
import django, json; django.setup()
from newsdesk.newsletters.models import Subscriber
print(json.dumps(sorted(
    Subscriber.objects.filter(subscriptions__list_key="alerts", suppressed_at=None)
    .values_list("address", flat=True)
)))
"""

CONFIRM_LINK = re.compile(r"https?://\S+/newsletters/confirm/[A-Za-z0-9_.:\-]+/")


# --- the module's server, worker, mail server and browser -------------------------------------


@pytest.fixture(scope="module")
def smtp():
    mail = SMTPServer().start()
    yield mail
    mail.stop()


@pytest.fixture(scope="module")
def server(tmp_path_factory, smtp):
    live = LiveServer(tmp_path_factory.mktemp("newsletters"))
    try:
        # Links in mail point at the site's own address, known once the port is chosen.
        live.env["SITE_URL"] = live.url
        live.env.update(smtp.env())
        live.setup()
        live.seeded = json.loads(live.python(SEED))
        live.start()
        live.start_worker()
        yield live
    finally:
        live.close()


@pytest.fixture(scope="module")
def chromium(server):
    with chromium_browser() as browser:
        yield browser


@pytest.fixture(scope="module")
def failures() -> list[str]:
    """Every answer of 500 or more any browser of the module got."""
    return []


@pytest.fixture(autouse=True)
def no_server_errors(failures):
    start = len(failures)
    yield
    assert failures[start:] == [], "the live server answered with an error"


def _context(chromium, failures: list[str]) -> BrowserContext:
    context = chromium.new_context(user_agent=DESKTOP_UA, viewport={"width": 1366, "height": 900})
    context.set_default_timeout(TIMEOUT_MS)
    context.set_default_navigation_timeout(30_000)
    context.on(
        "response",
        lambda r: (
            failures.append(f"{r.status} {r.request.method} {r.url}") if r.status >= 500 else None
        ),
    )
    return context


@pytest.fixture
def reader(chromium, failures):
    """A member of the public: a fresh browser with no cookie."""
    context = _context(chromium, failures)
    yield context.new_page()
    context.close()


@pytest.fixture(scope="module")
def editor(server, chromium, failures):
    """The editor, signed in through the admin's login form once for the module."""
    context = _context(chromium, failures)
    page = context.new_page()
    page.goto(server.url + "/admin/login/")
    page.get_by_label("Username").fill("nadia")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page).to_have_url(server.url + "/admin/")
    yield page
    context.close()


# --- steps ----------------------------------------------------------------------------------


def _log_tail(server: LiveServer) -> str:
    parts = []
    for name in ("worker.log", "server.log"):
        path = Path(server.tmp) / name
        if path.exists():
            parts.append(f"--- {name}\n{path.read_text(errors='replace')[-4000:]}")
    return "\n".join(parts)


def wait_for_mail(smtp: SMTPServer, server: LiveServer, address: str, subject: str) -> Received:
    """The first mail to ``address`` whose subject is ``subject``, once it has arrived."""

    def found(messages):
        return [m for m in messages if address in m.recipients and m.subject == subject]

    try:
        return found(smtp.wait_for(found, timeout=MAIL_TIMEOUT))[0]
    except AssertionError as error:
        got = [(m.recipients, m.subject) for m in smtp.messages]
        raise AssertionError(
            f"no mail {subject!r} to {address}; the SMTP server has {got}\n{_log_tail(server)}"
        ) from error


def sign_up(page: Page, server: LiveServer, smtp: SMTPServer, address: str, path: str) -> str:
    """A reader signs up for the briefing and the alerts from the sign-up box of the page at
    ``path``; the confirmation link of the mail they get."""
    page.goto(server.url + path)
    drawn = time.monotonic()
    box = page.locator("section.signup-box")
    expect(box.get_by_role("heading", name="Get our newsletters")).to_be_visible()
    field = box.get_by_label("Your e-mail address")
    field.click()
    field.press_sequentially(address)
    expect(box.get_by_label("Morning briefing", exact=True)).to_be_checked()
    alerts = box.get_by_label("Breaking alerts", exact=True)
    expect(alerts).not_to_be_checked()
    alerts.check()
    # The form refuses what is sent within 2 s of its drawing, as a bot's: a person is slower.
    left = 2.6 - (time.monotonic() - drawn)
    if left > 0:
        page.wait_for_timeout(left * 1000)
    box.get_by_role("button", name="Sign up").click()
    expect(page.get_by_role("heading", name="Check your inbox")).to_be_visible()

    mail = wait_for_mail(smtp, server, address, "Confirm your Newsdesk Defense newsletters")
    text = mail.part("text/plain")
    assert re.search(r"send this address: .*Morning briefing", text), text
    assert re.search(r"send this address: .*Breaking alerts", text), text
    link = CONFIRM_LINK.search(text)
    assert link, text
    assert link.group(0).startswith(server.url + "/newsletters/confirm/"), link.group(0)
    assert link.group(0) in mail.part("text/html")
    return link.group(0)


def confirm(page: Page, link: str) -> None:
    """The reader opens the link of the mail and confirms."""
    response = page.goto(link)
    assert response is not None and response.status == 200
    expect(page.get_by_role("heading", name="Confirm your newsletters")).to_be_visible()
    asked = page.locator("main ul li")
    expect(asked).to_have_count(2)
    assert sorted(asked.all_inner_texts()) == ["Breaking alerts", "Morning briefing"]
    page.get_by_role("button", name="Confirm my subscription").click()
    expect(page.get_by_role("heading", name="You are subscribed")).to_be_visible()
    expect(page.get_by_role("status")).to_contain_text("Morning briefing")
    expect(page.get_by_role("status")).to_contain_text("Breaking alerts")


def send_alert(editor: Page, server: LiveServer, article: dict) -> tuple[int, int]:
    """The editor sends the story as a breaking alert from its change form; the letter's id
    and the number of readers the newsroom said it goes to."""
    editor.goto(f"{server.url}/admin/newsroom/article/{article['id']}/change/")
    editor.get_by_role("link", name="Breaking alert", exact=True).click()
    expect(editor).to_have_url(f"{server.url}/admin/newsletters/letter/alert/{article['id']}/")
    expect(editor.get_by_role("heading", name="Send a breaking alert")).to_be_visible()
    content = editor.locator("#content-main")
    expect(content).to_contain_text(f"Subject: Breaking: {article['headline']}")
    asked = re.search(r"now, to (\d+) readers? of Breaking alerts", content.inner_text())
    assert asked, content.inner_text()
    readers = int(asked.group(1))

    editor.get_by_role("button", name="Yes, send the alert now").click()
    expect(editor).to_have_url(re.compile(r"/admin/newsletters/letter/\d+/change/$"))
    expect(editor.locator("ul.messagelist")).to_contain_text(
        f"Breaking alert on its way to {readers} reader{'' if readers == 1 else 's'}."
    )
    letter_id = int(re.search(r"/letter/(\d+)/change/", editor.url).group(1))
    return letter_id, readers


def wait_until_sent(editor: Page, server: LiveServer, letter_id: int, readers: int) -> None:
    """The editor watches the letter's page until the worker has sent it to everyone."""
    url = f"{server.url}/admin/newsletters/letter/{letter_id}/change/"
    done = f"{readers} sent, 0 failed, 0 in doubt, 0 skipped, 0 left of {readers}"
    deadline = time.monotonic() + MAIL_TIMEOUT
    while True:
        editor.goto(url)
        status = editor.locator(".field-status .readonly").inner_text().strip()
        progress = editor.locator(".field-progress_line .readonly").inner_text().strip()
        if status == "Sent" and progress == done:
            return
        if time.monotonic() > deadline:
            raise AssertionError(
                f"letter {letter_id}: {status!r}, {progress!r}; wanted 'Sent', {done!r}\n"
                + _log_tail(server)
            )
        editor.wait_for_timeout(500)


def alert_readers(server: LiveServer) -> list[str]:
    return json.loads(server.python(ALERT_READERS))


def one_click_address(mail: Received) -> str:
    """The web address of a mail's List-Unsubscribe header (RFC 2369), checked on the way."""
    header = str(mail.message["List-Unsubscribe"])
    web = re.search(r"<(https?://[^>]+)>", header)
    assert web, header
    assert re.search(r"<mailto:[^>]+>", header), header
    return web.group(1)


# --- the readers of the module's alerts -------------------------------------------------------


@pytest.fixture(scope="module")
def subscribed(server, smtp, chromium, failures) -> dict[str, str]:
    """Two readers signed up for the alerts (one from an article, one from the home page) and
    confirmed, each in their own browser; their confirmation links by address."""
    links = {}
    for address, path in [
        ("bob.alerts@example.test", server.seeded["articles"][1]["path"]),
        ("cat.control@example.test", "/"),
    ]:
        context = _context(chromium, failures)
        page = context.new_page()
        links[address] = sign_up(page, server, smtp, address, path)
        confirm(page, links[address])
        context.close()
    return links


# --- the tests --------------------------------------------------------------------------------


def test_a_reader_subscribes_from_an_article_page_and_confirms_from_the_mail(server, smtp, reader):
    article = server.seeded["articles"][0]
    address = "ann.reader@example.test"
    reader.goto(server.url + article["path"])
    box = reader.locator("section.signup-box")
    # On an article the box offers its section's weekly digest too, not ticked.
    expect(box.get_by_label("Live weekly", exact=True)).not_to_be_checked()

    link = sign_up(reader, server, smtp, address, article["path"])
    assert len(smtp.to(address)) == 1  # one confirmation mail, nothing else before confirming
    confirm(reader, link)
    assert address in alert_readers(server)


def test_an_editor_sends_a_breaking_alert_that_reaches_every_alert_reader(
    server, smtp, editor, subscribed
):
    article = server.seeded["articles"][0]
    expected = alert_readers(server)
    assert set(subscribed) <= set(expected)

    letter_id, readers = send_alert(editor, server, article)
    assert readers == len(expected)
    subject = f"Breaking: {article['headline']}"
    for address in expected:
        mail = wait_for_mail(smtp, server, address, subject)
        assert mail.subject.startswith("Breaking:")
        text = mail.part("text/plain")
        html = mail.part("text/html")
        assert article["headline"] in text
        assert 'lang="en"' in html
        assert 'style="' in html  # the stylesheet inlined for mail programs
        assert server.url + article["path"] in html
        assert one_click_address(mail).startswith(server.url + "/newsletters/unsubscribe/")
        assert str(mail.message["List-Unsubscribe-Post"]) == "List-Unsubscribe=One-Click"
    wait_until_sent(editor, server, letter_id, readers)
    # Exactly one copy each.
    for address in expected:
        assert [m.subject for m in smtp.to(address)].count(subject) == 1

    # A story gets one alert: the link now says it went.
    editor.goto(f"{server.url}/admin/newsroom/article/{article['id']}/change/")
    editor.get_by_role("link", name="Breaking alert", exact=True).click()
    expect(editor.locator("#content-main")).to_contain_text(
        "A breaking alert for this story went out already"
    )
    expect(editor.get_by_role("button", name="Yes, send the alert now")).to_have_count(0)


def test_one_click_unsubscribe_from_the_mail_header_stops_the_next_alert(
    server, smtp, editor, subscribed
):
    leaver, control = "bob.alerts@example.test", "cat.control@example.test"
    first, second = server.seeded["articles"][1], server.seeded["articles"][2]

    # An alert both get, with the header a mail provider's "Unsubscribe" button uses.
    letter_id, before = send_alert(editor, server, first)
    mail = wait_for_mail(smtp, server, leaver, f"Breaking: {first['headline']}")
    wait_for_mail(smtp, server, control, f"Breaking: {first['headline']}")
    wait_until_sent(editor, server, letter_id, before)
    assert str(mail.message["List-Unsubscribe-Post"]) == "List-Unsubscribe=One-Click"

    # RFC 8058: the provider POSTs this body to the address, with no cookie and no token.
    request = urllib.request.Request(
        one_click_address(mail),
        data=b"List-Unsubscribe=One-Click",
        headers={"Content-Type": "application/x-www-form-urlencoded"},
        method="POST",
    )
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            status, body = response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        status, body = error.code, error.read().decode(errors="replace")
    assert status == 200, (status, body[:2000])
    assert "You are unsubscribed" in body
    assert leaver not in alert_readers(server)
    mails_before = len(smtp.to(leaver))

    # The next alert goes to one reader fewer, the control reader gets it, the leaver not.
    letter_id, after = send_alert(editor, server, second)
    assert after == before - 1
    wait_for_mail(smtp, server, control, f"Breaking: {second['headline']}")
    wait_until_sent(editor, server, letter_id, after)
    assert len(smtp.to(leaver)) == mails_before, [m.subject for m in smtp.to(leaver)]
    assert f"Breaking: {second['headline']}" not in [m.subject for m in smtp.to(leaver)]


def test_a_forged_confirmation_link_is_refused(server, reader, subscribed):
    link = subscribed["cat.control@example.test"]
    token = link.rstrip("/").rsplit("/", 1)[1]
    # One character of the signature changed, as a reader pasting a damaged link might.
    at = len(token) - 10
    forged = token[:at] + ("A" if token[at] != "A" else "B") + token[at + 1 :]
    assert forged != token
    response = reader.goto(f"{server.url}/newsletters/confirm/{forged}/")
    assert response is not None and response.status == 400
    expect(reader.get_by_role("heading", name="This link does not work")).to_be_visible()
    expect(reader.get_by_role("alert")).to_contain_text("This link is not valid")
    expect(reader.get_by_role("button", name="Confirm my subscription")).to_have_count(0)


# --- a reader's own links, and the letters an editor changes before they go -------------------

# The lists of one address (None: no such subscriber), as the server's database has them.
LISTS_OF = r"""
import django, json; django.setup()
from newsdesk.newsletters.models import Subscriber
args = json.loads(__ARGS__)
found = Subscriber.objects.filter(address_key=args["address"].strip().casefold()).first()
print(json.dumps(
    None if found is None
    else sorted(found.subscriptions.values_list("list_key", flat=True))
))
"""

# The confirmed readers of one list, as the server's database has them.
LIST_READERS = r"""
import django, json; django.setup()
from newsdesk.newsletters.models import Subscriber
args = json.loads(__ARGS__)
print(json.dumps(sorted(
    Subscriber.objects.filter(subscriptions__list_key=args["list"], suppressed_at=None)
    .values_list("address", flat=True)
)))
"""

# A letter to a list, going at once (as "Send now" does): its id and its number of readers.
SEND_LETTER = r"""
import django, json; django.setup()
from datetime import timedelta
from django.utils import timezone
from newsdesk.newsletters import services
from newsdesk.newsletters.models import Letter, LetterArticle
from newsdesk.newsroom.models import Article
args = json.loads(__ARGS__)
# Made for tomorrow, so the worker's minute tick cannot start it before letter_release does.
letter = Letter.objects.create(
    kind=args["kind"], list_key=args["list"], subject=args["subject"], intro=args["intro"],
    send_at=timezone.now() + timedelta(days=1),
)
story = Article.objects.live().order_by("-publish_at").first()
LetterArticle.objects.create(letter=letter, article=story, position=0)
letter = services.letter_release(letter=letter)
print(json.dumps({"id": letter.pk, "recipients": letter.recipients}))
"""

# Today's morning briefing as a draft going in an hour (whatever the time of day: composed
# and moved in one transaction, so the worker's tick never sees it due), and a fresh story
# that is not in it. The draft's id, subject and stories in order; the fresh story.
BRIEFING_DRAFT = r"""
import django, json; django.setup()
from datetime import timedelta
from django.db import transaction
from django.utils import timezone
from newsdesk.newsletters import services
from newsdesk.newsletters.models import Letter, LetterArticle
from newsdesk.newsroom.models import Article, Byline, Contributor, Section

with transaction.atomic():
    letter = services.briefing_compose(force=True)
    if letter.status != Letter.Status.DRAFT:
        # The worker composed and sent today's itself (a run near the briefing's time).
        letter = Letter.objects.create(
            kind=Letter.Kind.BRIEFING, list_key="briefing", subject=letter.subject,
            send_at=timezone.now(),
        )
        LetterArticle.objects.bulk_create([
            LetterArticle(letter=letter, article=a, position=i)
            for i, a in enumerate(Article.objects.live().order_by("-publish_at")[:8])
        ])
    Letter.objects.filter(pk=letter.pk).update(send_at=timezone.now() + timedelta(hours=1))
    fresh, _ = Article.objects.get_or_create(
        slug="harbour-ferry-timetable-restored",
        defaults=dict(
            headline="Harbour ferry timetable restored", section=Section.objects.first(),
            summary="The ferry runs every half hour again from Monday.",
            body="<p>Ferries.</p>", status="published",
            publish_at=timezone.now() - timedelta(minutes=10),
        ),
    )
    Byline.objects.get_or_create(article=fresh, contributor=Contributor.objects.first())
rows = LetterArticle.objects.filter(letter=letter).select_related("article").order_by("position")
print(json.dumps({
    "id": letter.pk,
    "subject": letter.subject,
    "stories": [{"id": r.article_id, "headline": r.article.headline} for r in rows],
    "fresh": {"id": fresh.pk, "headline": fresh.headline},
}))
"""

# A section's weekly digest as a draft going in two hours, to a list with a reader.
DIGEST_DRAFT = r"""
import django, json; django.setup()
from datetime import timedelta
from django.utils import timezone
from newsdesk.newsletters import services
from newsdesk.newsletters.models import Letter, LetterArticle
from newsdesk.newsroom.models import Article
args = json.loads(__ARGS__)
services.signup_confirm(address=args["reader"], chosen=[args["list"]])
letter = Letter.objects.create(
    kind=Letter.Kind.DIGEST, list_key=args["list"], subject=args["subject"],
    send_at=timezone.now() + timedelta(hours=2),
)
LetterArticle.objects.bulk_create([
    LetterArticle(letter=letter, article=a, position=i)
    for i, a in enumerate(Article.objects.live().order_by("-publish_at")[:3])
])
print(json.dumps({"id": letter.pk}))
"""

# A letter made due, then the worker tick's start step run by hand: what it started, and the
# letter's state and deliveries after.
START_DUE = r"""
import django, json; django.setup()
from datetime import timedelta
from django.utils import timezone
from newsdesk.newsletters import services
from newsdesk.newsletters.models import Delivery, Letter
args = json.loads(__ARGS__)
Letter.objects.filter(pk=args["id"]).update(send_at=timezone.now() - timedelta(minutes=1))
started = [letter.pk for letter in services.letters_start_due()]
letter = Letter.objects.get(pk=args["id"])
print(json.dumps({
    "started": started, "status": letter.status, "recipients": letter.recipients,
    "deliveries": Delivery.objects.filter(letter=letter).count(),
}))
"""


def on_server(server: LiveServer, code: str, **args):
    """Runs ``code`` as the live server would, with ``args`` (as JSON); what it printed."""
    return json.loads(server.python(code.replace("__ARGS__", repr(json.dumps(args)))))


def lists_of(server: LiveServer, address: str) -> list[str] | None:
    return on_server(server, LISTS_OF, address=address)


def list_readers(server: LiveServer, key: str) -> list[str]:
    return on_server(server, LIST_READERS, list=key)


def plain_text(mail: Received) -> str:
    """A mail's text part, its lines ended as in Python (on the wire they end in CRLF)."""
    return mail.part("text/plain").replace("\r\n", "\n")


def mail_link(text: str, label: str) -> str:
    """The address after ``label:`` in a letter's plain-text footer."""
    found = re.search(rf"^{re.escape(label)}: (https?://\S+)$", text, re.MULTILINE)
    assert found, text
    return found.group(1)


def letter_page(server: LiveServer, letter_id: int) -> str:
    return f"{server.url}/admin/newsletters/letter/{letter_id}/change/"


def open_letter_from_the_list(editor: Page, server: LiveServer, letter_id: int) -> None:
    """The editor goes to Newsletters > Letters from the admin's home and opens the letter."""
    editor.goto(server.url + "/admin/")
    editor.locator("#content-main").get_by_role("link", name="Letters", exact=True).click()
    expect(editor).to_have_url(server.url + "/admin/newsletters/letter/")
    editor.locator(f'#result_list a[href$="/newsletters/letter/{letter_id}/change/"]').click()
    expect(editor).to_have_url(letter_page(server, letter_id))


def test_a_reader_changes_their_newsletters_and_leaves_from_the_links_of_a_mail(
    server, smtp, editor, reader
):
    address = "dora.prefs@example.test"
    confirm(reader, sign_up(reader, server, smtp, address, "/"))
    assert lists_of(server, address) == ["alerts", "briefing"]

    # A letter to the alerts list, so the reader has a mail with their own links in it.
    subject = "Breaking: the harbour bridge reopens"
    sent = on_server(
        server, SEND_LETTER, kind="alert", list="alerts", subject=subject, intro="Traffic flows."
    )
    mail = wait_for_mail(smtp, server, address, subject)
    text = plain_text(mail)
    preferences = mail_link(text, "Change your newsletters")
    unsubscribe = mail_link(text, "Unsubscribe")
    assert preferences.startswith(server.url + "/newsletters/preferences/"), preferences
    assert unsubscribe.startswith(server.url + "/newsletters/unsubscribe/"), unsubscribe
    assert preferences in mail.part("text/html") and unsubscribe in mail.part("text/html")
    wait_until_sent(editor, server, sent["id"], sent["recipients"])

    # The footer's "Unsubscribe" link only asks: opening it changes nothing.
    response = reader.goto(unsubscribe)
    assert response is not None and response.status == 200
    expect(reader.get_by_role("heading", name="Unsubscribe", exact=True)).to_be_visible()
    expect(reader.get_by_role("button", name="Unsubscribe", exact=True)).to_be_visible()
    assert lists_of(server, address) == ["alerts", "briefing"]

    # "Change your newsletters": what they get is ticked.
    response = reader.goto(preferences)
    assert response is not None and response.status == 200
    expect(reader.get_by_role("heading", name="Your newsletters")).to_be_visible()
    form = reader.locator("form", has=reader.get_by_role("button", name="Save my choice"))
    briefing = form.get_by_label("Morning briefing", exact=True)
    alerts = form.get_by_label("Breaking alerts", exact=True)
    weekly = form.get_by_label("Live weekly", exact=True)
    expect(briefing).to_be_checked()
    expect(alerts).to_be_checked()
    expect(weekly).not_to_be_checked()

    briefing.uncheck()
    weekly.check()
    form.get_by_role("button", name="Save my choice").click()
    notice = reader.locator("main").get_by_role("status")
    expect(notice).to_contain_text("Saved.")
    expect(notice).to_contain_text("You will get what is ticked below.")
    expect(briefing).not_to_be_checked()
    expect(alerts).to_be_checked()
    expect(weekly).to_be_checked()
    assert lists_of(server, address) == ["alerts", "digest:live"]

    # Opened again later, the page shows the new choice.
    reader.goto(preferences)
    expect(reader.get_by_role("heading", name="Your newsletters")).to_be_visible()
    expect(notice).to_have_count(0)
    expect(briefing).not_to_be_checked()
    expect(alerts).to_be_checked()
    expect(weekly).to_be_checked()

    # And from the same page, everything at once.
    reader.get_by_role("button", name="Unsubscribe from everything").click()
    expect(reader.get_by_role("heading", name="You are unsubscribed")).to_be_visible()
    expect(reader.get_by_role("status")).to_contain_text("We will send no more newsletters")
    assert lists_of(server, address) == []
    assert address not in alert_readers(server)


def test_an_editor_edits_the_morning_briefing_before_sending_it_now(
    server, smtp, editor, chromium, failures, subscribed
):
    readers = list_readers(server, "briefing")
    if not readers:  # the module's readers left the briefing: one signs up for it
        context = _context(chromium, failures)
        page = context.new_page()
        confirm(page, sign_up(page, server, smtp, "erin.briefing@example.test", "/"))
        context.close()
        readers = list_readers(server, "briefing")
    assert readers

    draft = on_server(server, BRIEFING_DRAFT)
    letter_id, stories, fresh = draft["id"], draft["stories"], draft["fresh"]
    assert len(stories) >= 3, stories
    assert fresh["id"] not in [s["id"] for s in stories]

    open_letter_from_the_list(editor, server, letter_id)
    expect(editor.locator(".field-status .readonly")).to_contain_text("Draft")
    subject_field = editor.get_by_label("Subject")
    expect(subject_field).to_have_value(draft["subject"])
    # The stories as composed, one row each in order, and one empty row to add one.
    existing = editor.locator("#letterarticle_set-group tr.form-row.has_original")
    expect(existing).to_have_count(len(stories))
    for i, story in enumerate(stories):
        expect(editor.locator(f"#id_letterarticle_set-{i}-article")).to_have_value(str(story["id"]))

    new_subject = "Morning briefing: the ferry is back"
    new_intro = "Good morning. The harbour ferry runs again, and two more stories to start with."
    subject_field.fill(new_subject)
    editor.get_by_label("Introduction").fill(new_intro)
    # The first story goes last, the second is taken out, the fresh story goes first.
    editor.locator("#id_letterarticle_set-0-position").fill("90")
    editor.locator("#id_letterarticle_set-1-DELETE").check()
    added = len(stories)
    editor.locator(f"#letterarticle_set-{added} .select2-selection").click()
    editor.locator(".select2-container--open .select2-search__field").press_sequentially("ferry")
    editor.locator(".select2-results__option", has_text=fresh["headline"]).click()
    expect(editor.locator(f"#id_letterarticle_set-{added}-article")).to_have_value(str(fresh["id"]))
    editor.locator(f"#id_letterarticle_set-{added}-position").fill("0")
    wanted = [fresh, *stories[2:], stories[0]]

    editor.get_by_role("button", name="Save", exact=True).click()
    expect(editor).to_have_url(server.url + "/admin/newsletters/letter/")
    expect(editor.locator("ul.messagelist")).to_contain_text("was changed successfully")
    expect(editor.locator("ul.messagelist")).to_contain_text(new_subject)

    # Opened again: the letter as changed.
    editor.locator(f'#result_list a[href$="/newsletters/letter/{letter_id}/change/"]').click()
    expect(editor.get_by_label("Subject")).to_have_value(new_subject)
    expect(editor.get_by_label("Introduction")).to_have_value(new_intro)
    expect(existing).to_have_count(len(wanted))
    for i, story in enumerate(wanted):
        expect(editor.locator(f"#id_letterarticle_set-{i}-article")).to_have_value(str(story["id"]))
    expect(editor.locator(".field-status .readonly")).to_contain_text("Draft")

    # "Send now", instead of in an hour.
    editor.get_by_role("button", name="Send now").click()
    expect(editor).to_have_url(letter_page(server, letter_id))
    expect(editor.locator("ul.messagelist")).to_contain_text(
        f"Sending to {len(readers)} reader{'' if len(readers) == 1 else 's'}."
    )
    wait_until_sent(editor, server, letter_id, len(readers))

    for address in readers:
        mail = wait_for_mail(smtp, server, address, new_subject)
        assert [m.subject for m in smtp.to(address)].count(new_subject) == 1
        text, html = plain_text(mail), mail.part("text/html")
        assert new_intro in text, text
        assert new_intro in html, html
        # The stories in the new order, the one taken out nowhere.
        numbered = [f"\n{n}. {story['headline']}\n" for n, story in enumerate(wanted, start=1)]
        places = [text.find(line) for line in numbered]
        assert -1 not in places and places == sorted(places), (numbered, text)
        linked = [f">{story['headline']}</a>" for story in wanted]
        places = [html.find(headline) for headline in linked]
        assert -1 not in places and places == sorted(places), (linked, html)
        assert stories[1]["headline"] not in text
        assert f">{stories[1]['headline']}</a>" not in html

    # The letter went: its page shows it sent, with nothing left to change.
    editor.goto(letter_page(server, letter_id))
    expect(editor.locator(".field-status .readonly")).to_have_text("Sent")
    expect(
        editor.locator(f'a[href="/newsletters/{letter_id}/"]', has_text="View on site")
    ).to_be_visible()
    expect(editor.get_by_role("button", name="Send now")).to_have_count(0)
    expect(editor.get_by_role("button", name="Cancel this letter")).to_have_count(0)
    expect(editor.locator("#letterarticle_set-group")).to_have_count(0)
    # Read-only: no Save button, the subject and the introduction shown as text.
    expect(editor.get_by_role("button", name="Save", exact=True)).to_have_count(0)
    expect(editor.locator("input[name=subject]")).to_have_count(0)
    expect(editor.locator("textarea[name=intro]")).to_have_count(0)
    expect(editor.locator(".field-subject .readonly")).to_have_text(new_subject)
    expect(editor.locator(".field-intro .readonly")).to_contain_text(new_intro)


def test_an_editor_cancels_a_draft_and_it_is_never_mailed(server, smtp, editor, reader):
    subject = "Live this week: a digest that will not go"
    weekly_reader = "fred.weekly@example.test"
    letter_id = on_server(
        server, DIGEST_DRAFT, reader=weekly_reader, list="digest:live", subject=subject
    )["id"]
    assert weekly_reader in list_readers(server, "digest:live")

    open_letter_from_the_list(editor, server, letter_id)
    expect(editor.get_by_label("Subject")).to_have_value(subject)
    expect(editor.locator(".field-status .readonly")).to_contain_text("Draft")
    editor.get_by_role("button", name="Cancel this letter").click()
    expect(editor).to_have_url(letter_page(server, letter_id))
    expect(editor.locator("ul.messagelist")).to_contain_text(
        "Cancelled: this letter will not go out."
    )
    expect(editor.locator(".field-status .readonly")).to_have_text("Cancelled")
    expect(editor.get_by_role("button", name="Send now")).to_have_count(0)
    expect(editor.get_by_role("button", name="Cancel this letter")).to_have_count(0)
    expect(editor.locator(".field-progress_line .readonly")).to_have_text("—")

    # Its time comes (the worker's tick, run by hand): a cancelled letter does not start.
    after = on_server(server, START_DUE, id=letter_id)
    assert letter_id not in after["started"], after
    assert after["status"] == "cancelled", after
    assert after["deliveries"] == 0 and after["recipients"] == 0, after
    assert [m for m in smtp.messages if m.subject == subject] == []
    # Nor is it in the public archive.
    response = reader.goto(f"{server.url}/newsletters/{letter_id}/")
    assert response is not None and response.status == 404
