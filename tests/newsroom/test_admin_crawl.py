"""No 500 anywhere in the newsroom (issue 13, item 3).

Each role (superuser, Editor, Contributor, Moderator) is logged in and walks the admin the
way a person would: from the index, through the links it is shown, to every changelist (each
filter choice, three searches, the date drill-down to the day), the first row of each of those
lists (so an article in every state, a comment in every status), its change form, History, a
revision, "View on site" and the preview, the deleted-items list and a recover form, the add
forms, the popups their "+" buttons open and the autocomplete lookups behind the widgets. The
standard changelist, add, change, history and delete addresses of every registered model are
opened as well: a page the role is not shown must refuse it (403, or the admin's "does not
exist" redirect), not break. Then every form is sent back UNCHANGED, as a browser would send
it: the fields are read from the rendered HTML (html5lib), never from the form's Python state,
with the CSRF token checked. Every status is asserted exactly; a 5xx is reported with its
traceback.

The data set holds every model the admin registers, in every state the newsroom knows, and is
made once for the module inside a transaction that each test's own transaction nests in.
"""

from __future__ import annotations

import traceback
from dataclasses import dataclass, field
from datetime import timedelta
from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit

import pytest
import reversion
from bs4 import BeautifulSoup
from django.contrib import admin
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.auth.models import Group
from django.db import transaction
from django.test import Client, RequestFactory
from django.urls import Resolver404, resolve, reverse
from django.utils import timezone

from newsdesk.newsroom import services
from newsdesk.newsroom.models import Article, Section, Tag
from tests.factories import make_contributor, make_image, make_user
from tests.formdata import form_fields

ORIGIN = "http://testserver"
ROLES = ["superuser", "editor", "contributor", "moderator"]
MODELS = sorted(model._meta.label_lower for model in admin.site._registry)

# What each role is shown in the admin, from the roles table in the README.
ROLE_MODELS = {
    "superuser": set(MODELS),
    "editor": {
        "newsroom.section",
        "newsroom.tag",
        "newsroom.contributor",
        "newsroom.article",
        "audience.mustread",
        "images.image",
        "images.imagetag",
        "imports.redirect",
        "newsletters.letter",
        "desk.note",
    },
    "contributor": {
        "newsroom.section",
        "newsroom.tag",
        "newsroom.contributor",
        "newsroom.article",
        "images.image",
        "images.imagetag",
        "desk.note",
    },
    "moderator": {"comments.comment", "comments.bannedreader"},
}

# An add form sent back untouched: "error" (something required is empty: the form comes back
# with the admin's error note) or "saved" (nothing is required: the admin saves and redirects).
# A model the admin lets a role add must be listed here.
ADD_UNCHANGED = {
    "auth.group": "error",
    "auth.user": "error",
    "newsroom.section": "error",
    "newsroom.tag": "error",
    "newsroom.contributor": "error",
    "newsroom.article": "error",
    "audience.mustread": "error",
    "imports.redirect": "error",
    "images.image": "error",
    "images.imagetag": "error",
    # A ban with neither a reader key nor an e-mail bans nobody: it must be refused.
    "comments.bannedreader": "error",
    "otp_totp.totpdevice": "error",
}

# A word, a query full of full-text operators, and Korean (matched by syllable bigrams).
SEARCH_TERMS = ["drone", '"drone* OR -', "한국"]
# The date hierarchy's parameters, as in ?publish_at__year=2026&publish_at__month=12.
DATE_KEYS = ("__year", "__month", "__day")


# --- the data set ----------------------------------------------------------------------------


def build_newsroom() -> dict:
    """Every model the admin shows, in every state, made the way the newsroom makes them."""
    from axes.models import AccessAttempt, AccessFailureLog, AccessLog
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from newsdesk.audience.models import MustRead
    from newsdesk.comments import services as comments
    from newsdesk.comments.models import BannedReader
    from newsdesk.comments.services import Poster
    from newsdesk.imports.models import Redirect

    now = timezone.now()
    users = {
        "superuser": make_user("root", superuser=True),
        "editor": make_user("ed", role="Editor"),
        "contributor": make_user("writer", role="Contributor"),
        "moderator": make_user("mod", role="Moderator"),
    }
    editor, writer, moderator = users["editor"], users["contributor"], users["moderator"]
    other_writer = make_user("other", role="Contributor")
    # A second editor who has set up two-factor; the logged-in roles have no confirmed device.
    guarded = make_user("guarded", role="Editor")
    TOTPDevice.objects.create(user=guarded, name="Phone", confirmed=True)
    TOTPDevice.objects.create(user=editor, name="New phone, not confirmed", confirmed=False)
    Group.objects.create(name="Interns")

    land = Section.objects.create(
        name="Land", slug="land", description="Armies.", position=1, comment_moderation="post"
    )
    sea = Section.objects.create(name="Sea", slug="sea", position=2, comment_moderation="pre")
    Section.objects.create(name="Air", slug="air", position=3)
    drones = Tag.objects.create(name="Drones", slug="drones")
    korea = Tag.objects.create(name="한국", slug="korea")
    edda = make_contributor(
        display_name="Edda Editor", slug="edda", user=editor, bio="Defense editor.\nOn the desk."
    )
    wren = make_contributor(
        display_name="Wren Writer", slug="wren", user=writer, contact_email="wren@example.test"
    )
    otto = make_contributor(display_name="Otto Other", slug="otto", user=other_writer)
    frey = make_contributor(display_name="Frey Freelance", slug="frey")

    def write(user, slug, section, contributors, tags=(), note="First draft") -> Article:
        article = Article(
            headline=f"Drone readiness: {slug.replace('-', ' ')}",
            slug=slug,
            section=section,
            summary="What the drone units are ready for.",
            body="<p>The first paragraph.</p><h2>More</h2><p>A <a href='https://example.org/'>"
            "link</a> and <strong>bold</strong> text.</p>",
        )
        with reversion.create_revision():
            reversion.set_user(user)
            reversion.set_comment(note)
            services.article_save(article=article, user=user, contributors=contributors)
            article.tags.set(tags)
        return article

    def revise(article, user, headline, note) -> None:
        with reversion.create_revision():
            reversion.set_user(user)
            reversion.set_comment(note)
            article.headline = headline
            services.article_save(article=article, user=user, substantive_update=True)

    own_draft = write(writer, "own-draft", land, [wren])
    revise(own_draft, writer, "Drone readiness: the writer's second try", "Sharper headline")
    write(other_writer, "other-draft", land, [otto])
    in_review = write(writer, "in-review", sea, [wren], tags=[drones])
    services.article_submit(article=in_review, user=writer)
    scheduled = write(editor, "scheduled", land, [edda, frey], tags=[korea])
    services.article_publish(article=scheduled, user=editor, publish_at=now + timedelta(days=2))
    live = write(editor, "live", land, [edda, wren], tags=[drones, korea])
    live.lead_image = make_image(alt_text="A drone over a field.", caption="Testing day.")
    live.save()
    services.article_publish(article=live, user=editor)
    revise(live, editor, "Drone readiness: the live story, updated", "Updated figures")
    services.correction_add(article=live, user=editor, text="An earlier version gave a wrong date.")
    services.correction_add(article=live, user=editor, text="The unit's name was misspelled.")
    live_sea = write(editor, "live-at-sea", sea, [frey])
    services.article_publish(article=live_sea, user=editor, publish_at=now - timedelta(hours=2))
    old = write(editor, "last-year", sea, [edda])
    services.article_publish(article=old, user=editor, publish_at=now - timedelta(days=400))
    pulled = write(editor, "unpublished", land, [edda])
    services.article_publish(article=pulled, user=editor)
    services.article_unpublish(article=pulled, user=editor)
    # Deleted after a revision: the article's "Recover deleted articles" list shows it.
    write(editor, "deleted", land, [frey]).delete()

    MustRead.objects.create(article=live, position=1)
    Redirect.objects.create(old_path="/?p=12", new_path=live.get_absolute_url(), note="Imported")
    MustRead.objects.create(article=old, position=2, expires_at=now - timedelta(days=1))

    ip = iter(range(1, 250))

    def comment(article, text, **kwargs):
        poster = kwargs.pop("poster", None) or Poster(ip=f"198.51.100.{next(ip)}")
        return comments.comment_post(
            article=article, poster=poster, name="A Reader", text=text, **kwargs
        )[0]

    fresh = comment(live, "Good drone piece, thanks.", email="reader@example.test")
    reviewed = comment(live, "Reviewed and fine.")
    comments.comment_approve(comment=reviewed, moderator=moderator)
    comment(live, "A reply to the reviewed comment.", parent=reviewed)
    comments.comment_reject(comment=comment(live, "Off topic."), moderator=moderator)
    comments.comment_mark_spam(comment=comment(live, "Buy now."), moderator=moderator)
    reported = comment(live, "A comment three readers reported.")
    once = comment(live, "A comment one reader reported.")
    for n in range(3):
        comments.comment_report(comment=reported, reporter=Poster(ip=f"203.0.113.{n + 1}"))
    comments.comment_report(comment=once, reporter=Poster(ip="203.0.113.9"))
    comment(live, "Links: https://a.example/ https://b.example/ https://c.example/")  # held
    comment(live_sea, "Held: the Sea desk approves every comment first.")  # pre-moderated
    troll = comment(live, "Trolling.", email="troll@example.test")
    comments.reader_ban(comment=troll, moderator=moderator, reason="Abuse")
    BannedReader.objects.create(email="spammer@example.test", reason="Spam", created_by=moderator)
    assert fresh.needs_review

    agent = "Mozilla/5.0 (X11; Linux x86_64)"
    AccessAttempt.objects.create(
        username="ed",
        ip_address="203.0.113.7",
        user_agent=agent,
        http_accept="text/html",
        path_info="/admin/login/",
        get_data="",
        post_data="username=ed",
        failures_since_start=5,
    )
    AccessLog.objects.create(
        username="ed",
        ip_address="203.0.113.7",
        user_agent=agent,
        http_accept="text/html",
        path_info="/admin/login/",
        logout_time=now,
    )
    AccessFailureLog.objects.create(
        username="ghost",
        ip_address="203.0.113.8",
        user_agent=agent,
        http_accept="text/html",
        path_info="/admin/login/",
        locked_out=True,
    )
    LogEntry.objects.log_actions(
        editor.pk,
        Section.objects.filter(pk=land.pk),
        CHANGE,
        [{"changed": {"fields": ["Position"]}}],
        single_object=True,
    )
    return users


@pytest.fixture(scope="module")
def newsroom(django_db_setup, django_db_blocker):
    """The data set, once for the module; each test's transaction nests in this one."""
    with django_db_blocker.unblock():
        with transaction.atomic():
            users = build_newsroom()
            yield users
            transaction.set_rollback(True)


@pytest.fixture
def browser(newsroom, db, request) -> Client:
    """A browser-like client: CSRF checked, logged in as the test's role."""
    client = Client(enforce_csrf_checks=True, raise_request_exception=False)
    client.force_login(newsroom[request.param])
    client.user = newsroom[request.param]
    return client


# --- reading pages and forms as a browser does -----------------------------------------------


def soup_of(response) -> BeautifulSoup:
    return BeautifulSoup(response.content.decode(), "html5lib")


def local(base: str, href: str | None) -> str | None:
    """A link on the page at base, as a path and query on this site; None for anything else."""
    if not href or href.startswith(("#", "javascript:", "mailto:")):
        return None
    if "__fk__" in href or "__prefix__" in href:  # templates the admin's script fills in
        return None
    parts = urlsplit(urljoin(ORIGIN + base, href.strip()))
    if parts.scheme != "http" or parts.netloc != "testserver":
        return None
    # The list a page was opened from rides along in every link; one visit per page is enough.
    query = [(k, v) for k, v in parse_qsl(parts.query, True) if k != "_changelist_filters"]
    return parts.path + (f"?{urlencode(query)}" if query else "")


def url_name(url: str) -> str:
    try:
        return resolve(urlsplit(url).path).url_name or ""
    except Resolver404:
        return ""


def main_form(soup):
    """The page's form of record: the admin's change form, or the changelist's."""
    content = soup.select_one("#content-main") or soup
    for form in content.find_all("form"):
        if (form.get("method") or "get").lower() == "post" and form.get("id") != "logout-form":
            return form
    return None


# --- expectations from the admin's own permission rules --------------------------------------


def request_as(user, method="get", path="/admin/"):
    request = getattr(RequestFactory(), method)(path)
    request.user = user
    return request


def model_admin(label: str):
    return next(ma for m, ma in admin.site._registry.items() if m._meta.label_lower == label)


def first_object(label: str):
    return model_admin(label).model._default_manager.order_by("pk").first()


def standard_urls(label: str, user) -> dict[str, tuple[str, int]]:
    """The model's admin addresses with the status the admin's permission rules give the user.

    The orders of the checks are Django's own (ModelAdmin._changeform_view, history_view,
    _delete_view; reversion's history_view checks the model before the object).
    """
    ma = model_admin(label)
    opts = ma.model._meta
    name = f"admin:{opts.app_label}_{opts.model_name}"
    request = request_as(user)
    obj = first_object(label)
    visible = obj is not None and ma.get_queryset(request).filter(pk=obj.pk).exists()
    shown = obj if visible else None
    may_view = ma.has_view_or_change_permission(request)
    urls = {
        "changelist": (reverse(f"{name}_changelist"), 200 if may_view else 403),
        "add": (reverse(f"{name}_add"), 200 if ma.has_add_permission(request) else 403),
    }
    if obj is None:
        return urls

    def object_status(allowed_model: bool, allowed_obj: bool) -> int:
        if not allowed_model:
            return 403
        if shown is None:
            return 302
        return 200 if allowed_obj else 403

    urls["change"] = (
        reverse(f"{name}_change", args=[obj.pk]),
        object_status(
            ma.has_view_or_change_permission(request, None),
            ma.has_view_or_change_permission(request, shown),
        ),
    )
    if hasattr(ma, "revision_view"):  # reversion: the model is checked first
        history = object_status(may_view, ma.has_view_or_change_permission(request, shown))
    else:  # Django: a missing object redirects before any permission check
        history = (
            302
            if shown is None
            else (200 if ma.has_view_or_change_permission(request, shown) else 403)
        )
    urls["history"] = (reverse(f"{name}_history", args=[obj.pk]), history)
    urls["delete"] = (
        reverse(f"{name}_delete", args=[obj.pk]),
        object_status(
            ma.has_delete_permission(request, None), ma.has_delete_permission(request, shown)
        ),
    )
    return urls


# --- the crawl -------------------------------------------------------------------------------


@dataclass
class Crawl:
    """One role's walk through the admin: each page fetched once, every problem written down."""

    client: Client
    label: str = ""  # the model whose pages the walk stays on
    pages: dict[str, BeautifulSoup | None] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)

    def check(self, method: str, url: str, response, expected: int | None) -> None:
        """expected None: the page is only a way to the forms, any status but a 5xx will do."""
        body = response.content.decode(errors="replace")
        trouble = []
        if response.status_code >= 500 or response.status_code != (
            expected or response.status_code
        ):
            trouble.append(f"{response.status_code}, expected {expected or 'no 5xx'}")
        if "Traceback (most recent call last)" in body:
            trouble.append("a traceback in the page")
        if not trouble:
            return
        detail = ""
        if getattr(response, "exc_info", None):
            detail = "".join(traceback.format_exception(*response.exc_info))
        elif response.status_code >= 500:
            detail = body[:500]
        self.problems.append(f"{method} {url}: {'; '.join(trouble)}\n{detail}".rstrip())

    def get(self, url: str, expected: int | None = 200) -> BeautifulSoup | None:
        if url not in self.pages:
            response = self.client.get(url)
            self.check("GET", url, response, expected)
            html = response.status_code == 200 and "html" in response.get("Content-Type", "")
            self.pages[url] = soup_of(response) if html else None
        return self.pages[url]

    def post(self, url: str, data: dict, expected: int):
        response = self.client.post(url, data)
        self.check("POST", url, response, expected)
        return response

    def mine(self, url: str) -> bool:
        app, model = self.label.split(".")
        return url.startswith("/admin/") and url_name(url).startswith(f"{app}_{model}_")

    def links(self, page_url: str, soup: BeautifulSoup) -> list[str]:
        """The links a person would follow from this page to the model's other pages."""
        content = soup.select_one("#content") or soup
        name = url_name(page_url)
        query = urlsplit(page_url).query
        found: list[str | None] = []
        if name.endswith("_changelist"):
            rows = content.select("#result_list tbody tr")
            anchors = rows[0].select("a[href]") if rows else []  # the first row of each list
            if not query:  # the list as it opens: every filter, the dates, the object tools
                anchors += content.select(
                    "#changelist-filter a[href], nav.toplinks a[href], .object-tools a[href]"
                )
                if content.select_one("#searchbar"):
                    found += [f"{page_url}?{urlencode({'q': term})}" for term in SEARCH_TERMS]
            elif all(key.endswith(DATE_KEYS) for key, _v in parse_qsl(query)):
                anchors += content.select("nav.toplinks a[href]")  # on down the dates
        elif name.endswith(("_delete", "_revision", "_recover")) or "_popup=1" in query:
            anchors = []
        elif name.endswith("_history"):  # the object, and its latest revision
            anchors = content.select("a[href]:not(#change-history a)")
            anchors += content.select("#change-history a[href]")[:1]
        elif name.endswith("_change"):  # its delete page is opened for the first object only
            anchors = content.select("a[href]:not(.deletelink)")
        else:
            anchors = content.select("a[href]")
        found += [local(page_url, anchor["href"]) for anchor in anchors]
        for image in content.select("img[src]"):
            found.append(local(page_url, image["src"]))
        found += autocomplete_urls(page_url, content)
        return [url for url in found if url and self.follows(url)]

    def follows(self, url: str) -> bool:
        path = urlsplit(url).path
        if path.startswith(("/media/", "/static/")):
            return False  # uploads are kept in memory in the tests (settings.test STORAGES)
        if self.mine(url) or path == "/admin/autocomplete/" or "_popup=1" in url:
            return True  # the model's pages, its lookups, the add forms its "+" buttons open
        return not path.startswith("/admin/")  # what the model's pages link to: previews, /r/

    def walk(self, start: str) -> None:
        queue = [start]
        while queue:
            url = queue.pop(0)
            if url in self.pages:
                continue
            soup = self.get(url, 302 if url.startswith("/r/") else 200)  # /r/: "View on site"
            if soup is not None and self.mine(url):
                queue += [u for u in self.links(url, soup) if u not in self.pages]


def autocomplete_urls(page_url: str, content) -> list[str]:
    """The lookups an autocomplete widget makes as one opens it and as one types."""
    urls = []
    for select in content.select("select[data-ajax--url]"):
        if "__prefix__" in (select.get("name") or ""):
            continue
        params = {
            "app_label": select["data-app-label"],
            "model_name": select["data-model-name"],
            "field_name": select["data-field-name"],
        }
        base = local(page_url, select["data-ajax--url"])
        for term in ("", "dr"):
            urls.append(f"{base}?{urlencode({'term': term, **params})}")
    return urls


def index_links(crawl: Crawl) -> set[str]:
    """The links of the role's admin index (read once per role: it is the same every time)."""
    role = role_of(crawl.client)
    if role not in INDEX_LINKS:
        soup = crawl.get("/admin/")
        assert soup is not None, describe(crawl.problems)
        links = {local("/admin/", a["href"]) for a in soup.select("#content-main a[href]")}
        INDEX_LINKS[role] = links
    return INDEX_LINKS[role]


INDEX_LINKS: dict[str, set[str]] = {}


def changelist_of(label: str) -> str:
    app, model = label.split(".")
    return reverse(f"admin:{app}_{model}_changelist")


def describe(problems: list[str]) -> str:
    return f"{len(problems)} problem(s):\n\n" + "\n\n".join(problems)


def role_of(client) -> str:
    return {"root": "superuser", "ed": "editor", "writer": "contributor", "mod": "moderator"}[
        client.user.username
    ]


def csrf_token(crawl: Crawl) -> str:
    """The token a form of the role's own carries (its password form)."""
    soup = crawl.get("/admin/password_change/")
    return soup.select_one("input[name=csrfmiddlewaretoken]")["value"]


def send(crawl: Crawl, url: str, outcome: str) -> None:
    """Opens the form at url and sends it back exactly as the browser shows it."""
    soup = crawl.get(url, None)
    form = main_form(soup) if soup is not None else None
    if form is None:
        crawl.problems.append(f"GET {url}: no form to send")
        return
    target = local(url, form.get("action") or url)
    response = crawl.post(target, form_fields(form, "_save"), 302 if outcome == "saved" else 200)
    if outcome == "saved" and response.status_code == 302:
        where = local(target, response["Location"])
        if not url_name(where).endswith("_changelist"):
            crawl.problems.append(f"POST {url}: saved, but sent to {where}, not to a list")
    elif response.status_code == 200 and soup_of(response).select_one(".errornote") is None:
        crawl.problems.append(f"POST {url}: 200 without the admin's error note")


# --- the tests -------------------------------------------------------------------------------

ALL_ROLES = pytest.mark.parametrize("browser", ROLES, indirect=True)

# Bugs this crawl found, to be fixed in Newsdesk (not here): each such case fails until then.
# A case that shows a bug still to fix fails here as xfail(strict=True), with the reason.
KNOWN_BUGS: dict[tuple[str, str, str], str] = {}


def cases(test: str) -> list:
    """Every role with every model the admin registers; a known bug's case must fail."""
    return [
        pytest.param(
            role,
            label,
            id=f"{role}-{label}",
            marks=[pytest.mark.xfail(strict=True, reason=KNOWN_BUGS[test, role, label])]
            if (test, role, label) in KNOWN_BUGS
            else [],
        )
        for role in ROLES
        for label in MODELS
    ]


@ALL_ROLES
def test_the_index_and_app_pages_show_the_role_its_models(browser):
    crawl = Crawl(browser)
    INDEX_LINKS.pop(role_of(browser), None)
    links = index_links(crawl)
    shown = {label for label in MODELS if changelist_of(label) in links}
    assert shown == ROLE_MODELS[role_of(browser)]
    apps = {url for url in links if url_name(url) == "app_list"}
    assert {reverse("admin:app_list", args=[label.split(".")[0]]) for label in shown} == apps
    for app in sorted(apps):
        soup = crawl.get(app)
        assert soup is not None, describe(crawl.problems)
        listed = {local(app, a["href"]) for a in soup.select("#content-main a[href]")}
        assert {url for url in listed if url_name(url).endswith("_changelist")} == {
            changelist_of(label) for label in shown if changelist_of(label).startswith(app)
        }
    # An app the role is not shown does not exist for it.
    for app_label in sorted({label.split(".")[0] for label in set(MODELS) - shown}):
        if reverse("admin:app_list", args=[app_label]) not in apps:
            crawl.get(reverse("admin:app_list", args=[app_label]), expected=404)
    # The top bar: the story budget (for those who write and edit), the dashboard, the site,
    # the role's own password form (sent back empty).
    header = crawl.pages["/admin/"].select("#user-tools a[href]")
    targets = {local("/admin/", a["href"]) for a in header}
    budget = set() if role_of(browser) == "moderator" else {"/desk/budget/"}
    assert {*budget, "/audience/dashboard/", "/", "/admin/password_change/"} == targets
    for url in sorted(targets):
        crawl.get(url)
    send(crawl, "/admin/password_change/", "error")
    assert crawl.problems == [], describe(crawl.problems)


@pytest.mark.parametrize(("browser", "label"), cases("pages"), indirect=["browser"])
def test_every_page_of_the_model_opens(browser, label):
    crawl = Crawl(browser, label=label)
    shown = changelist_of(label) in index_links(crawl)
    assert shown == (label in ROLE_MODELS[role_of(browser)])
    if shown:
        crawl.walk(changelist_of(label))
        if model_admin(label).get_queryset(request_as(browser.user)).exists():
            assert any(url_name(u).endswith("_change") for u in crawl.pages), "no change form"
    # The standard addresses, shown or not: the permission rules decide what they answer.
    for url, expected in standard_urls(label, browser.user).values():
        if url not in crawl.pages or expected != 200:
            crawl.pages.pop(url, None)
            crawl.get(url, expected)
    assert crawl.problems == [], describe(crawl.problems)


@pytest.mark.parametrize(("browser", "label"), cases("add"), indirect=["browser"])
def test_the_add_form_sent_back_unchanged(browser, label):
    crawl = Crawl(browser, label=label)
    add_url, allowed = standard_urls(label, browser.user)["add"]
    shown = add_url in index_links(crawl)  # the index's "Add" link
    assert shown == (allowed == 200)
    if shown:
        send(crawl, add_url, ADD_UNCHANGED[label])
    else:  # refused before the form is read
        crawl.post(add_url, {"csrfmiddlewaretoken": csrf_token(crawl), "_save": "Save"}, 403)
    assert crawl.problems == [], describe(crawl.problems)


def edit_forms(crawl: Crawl, label: str) -> list[tuple[str, str]]:
    """(kind, url) of the forms the role reaches from the model's list, to send back.

    The list itself when it has editable columns; the change form of the first row of the
    list and of each filter choice (so each state of an article and of a comment); a user's
    password form; one revision and one deleted item's recover form.
    """
    changelist = changelist_of(label)
    soup = crawl.get(changelist)
    if soup is None:
        return []
    forms = []
    if soup.select_one("#changelist-form input[name=_save]"):
        forms.append(("changelist", changelist))
    lists = [changelist] + [
        local(changelist, a["href"]) for a in soup.select("#changelist-filter li a[href]")
    ]
    objects = []
    for url in dict.fromkeys(lists):
        page = crawl.get(url, None)
        row = page.select_one("#result_list tbody tr a[href]") if page is not None else None
        if row is not None:
            objects.append(local(url, row["href"]))
    for url in dict.fromkeys(objects):
        forms.append(("change", url))
        page = crawl.get(url, None)
        for a in page.select("#content a[href]") if page is not None else []:
            if url_name(local(url, a["href"])).endswith("_password_change"):
                forms.append(("password", local(url, a["href"])))
    if hasattr(model_admin(label), "revision_view"):
        for url in objects:
            page = crawl.get(url, None)
            history = page and page.select_one("a.historylink")
            page = history and crawl.get(local(url, history["href"]), None)
            revision = page and page.select_one("#change-history a[href]")
            if revision:
                forms.append(("revision", local(url, revision["href"])))
                break
        recover = soup.select_one("a.recoverlink")
        page = recover and crawl.get(local(changelist, recover["href"]), None)
        deleted = page and page.select_one("#content-main a[href*='/recover/']")
        if deleted:
            forms.append(("recover", local(changelist, deleted["href"])))
    return forms


@pytest.mark.parametrize(("browser", "label"), cases("edit"), indirect=["browser"])
def test_the_edit_forms_sent_back_unchanged(browser, label):
    crawl = Crawl(browser, label=label)
    if changelist_of(label) not in index_links(crawl):
        urls = standard_urls(label, browser.user)
        if "change" in urls:  # not the role's: refused before the form is read
            data = {"csrfmiddlewaretoken": csrf_token(crawl), "_save": "Save"}
            crawl.post(urls["change"][0], data, 403)
        assert crawl.problems == [], describe(crawl.problems)
        return
    forms = edit_forms(crawl, label)
    ma, request = model_admin(label), request_as(browser.user)
    kinds = {kind for kind, _url in forms}
    if ma.get_queryset(request).exists():
        assert "change" in kinds, "no change form reached"
    if hasattr(ma, "revision_view"):  # a revision to restore; a deleted item for those who may
        assert "revision" in kinds
        assert ("recover" in kinds) == ma.has_delete_permission(request)
    # Restores last: they change what the other forms show.
    order = ["changelist", "change", "password", "revision", "recover"]
    for kind, url in sorted(forms, key=lambda form: order.index(form[0])):
        page = crawl.pages.get(url)
        if kind == "password":
            send(crawl, url, "error")  # a new password is required
        elif kind == "change" and page is not None and not page.select_one("[name=_save]"):
            # View only: there is nothing to send, and what is sent anyway is refused.
            crawl.post(url, form_fields(main_form(page), "_save"), 403)
        else:  # (a page that did not open is reported by send)
            send(crawl, url, "saved")
    assert crawl.problems == [], describe(crawl.problems)
