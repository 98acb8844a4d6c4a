"""The live desk in the newsroom (coverage/admin.py): each action by each role, what it refuses
and how (a 4xx or a form error, the words typed kept), and its query budget."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from newsdesk.coverage import services
from newsdesk.coverage.models import Update
from newsdesk.newsroom.models import Article
from tests.conftest import parse
from tests.factories import ArticleFactory, make_contributor, make_image, make_user
from tests.formdata import form_data

pytestmark = pytest.mark.django_db

BASE = "/admin/coverage/update/live"


def desk(article, tail: str = "") -> str:
    return f"{BASE}/{article.pk}/{tail}"


def on(update, action: str) -> str:
    return f"{BASE}/{update.article_id}/{update.pk}/{action}/"


def messages_of(response) -> list[str]:
    return [" ".join(li.get_text().split()) for li in parse(response).select("ul.messagelist li")]


def textarea(response, name: str) -> str:
    return parse(response).select_one(f"textarea[name={name}]").get_text()


@pytest.fixture
def people(db, editor, writer_user, moderator):
    """Everyone, each with their contributor (the moderator and a bare staffer without)."""
    other = make_user("other", role="Contributor")
    return {
        "editor": editor,
        "editor_byline": make_contributor(user=editor, display_name="Edda Editor"),
        "writer": writer_user,
        "writer_byline": make_contributor(user=writer_user, display_name="Wren Writer"),
        "other": other,
        "other_byline": make_contributor(user=other, display_name="Otto Other"),
        "moderator": moderator,
        "staffer": make_user("staffer"),
    }


@pytest.fixture
def story(people):
    """The writer's published story, covered live, with one update by the editor and one by
    the writer."""
    article = ArticleFactory(contributors=[people["writer_byline"]], headline="Border incident")
    services.coverage_start(article=article, user=people["editor"])
    services.update_post(article=article, user=people["editor"], body="<p>Editor's update.</p>")
    services.update_post(article=article, user=people["writer"], body="<p>Writer's update.</p>")
    return article


def as_(people, role: str) -> Client:
    client = Client()
    client.force_login(people[role])
    return client


def by(user) -> Update:
    return Update.objects.filter(created_by=user).get()


# --- who may do what ---------------------------------------------------------------------------


def test_an_editor_runs_a_whole_coverage_from_the_desk(people):
    article = ArticleFactory(headline="Missile test")
    client = as_(people, "editor")
    assert "Start live coverage" in client.get(desk(article)).content.decode()

    started = client.post(desk(article, "start/"))
    assert started.status_code == 303 and started["Location"] == desk(article)
    page = client.get(desk(article))
    assert messages_of(page) == ["Live coverage started: post the first update below."]
    data = form_data(page.content.decode(), "#compose-form")
    assert data["author"] == [str(people["editor_byline"].pk)]  # the poster's byline by default
    data.update(body=["<p>Launch <strong>confirmed</strong>.</p>"], pinned=["on"])
    posted = client.post(desk(article, "post/"), data)
    update = Update.objects.get()
    assert posted.status_code == 303 and posted["Location"].endswith(f"#update-{update.pk}")
    assert update.pinned and update.author == people["editor_byline"]
    assert "<strong>confirmed</strong>" in update.body

    assert client.post(on(update, "pin"), {"pinned": "0"}).status_code == 303
    edit = client.get(on(update, "edit"))
    data = form_data(edit.content.decode(), "#edit-form")
    assert data["body"] == [update.body]
    data["body"] = ["<p>Launch confirmed by two officials.</p>"]
    assert client.post(on(update, "edit"), data).status_code == 303
    assert client.post(on(update, "correct"), {"text": "It was one official."}).status_code == 303
    update.refresh_from_db()
    assert not update.pinned and update.edited_at and update.correction == "It was one official."
    assert "two officials" in update.body

    closed = client.post(desk(article, "close/"), {"summary": "The test ended at noon."})
    assert closed.status_code == 303
    article.refresh_from_db()
    assert not article.coverage_running and article.coverage_summary == "The test ended at noon."
    page = client.get(desk(article))
    assert "Restart live coverage" in page.content.decode()
    assert client.post(desk(article, "start/")).status_code == 303
    article.refresh_from_db()
    assert article.coverage_running
    assert messages_of(client.get(desk(article)))[-1].startswith("Live coverage restarted")

    assert client.get(on(update, "delete")).status_code == 200  # asks first
    assert Update.objects.exists()
    assert client.post(on(update, "delete")).status_code == 303
    assert not Update.objects.exists()


def test_a_contributor_posts_to_their_own_story_under_their_byline(people, story):
    client = as_(people, "writer")
    page = client.get(desk(story))
    html = page.content.decode()
    assert page.status_code == 200
    assert "Key event" not in html and "Close live coverage" not in html  # editors' only
    data = form_data(html, "#compose-form")
    data["body"] = ["<p>From the crossing.</p>"]
    assert client.post(desk(story, "post/"), data).status_code == 303
    newest = Update.objects.filter(body__contains="crossing").get()
    assert newest.author == people["writer_byline"] and not newest.pinned
    # Their own updates carry Edit and Delete; the editor's do not.
    soup = parse(client.get(desk(story)))
    editors = soup.select_one(f"#update-{by(people['editor']).pk}")
    mine = soup.select_one(f"#update-{newest.pk}")
    assert mine.select_one(f'a[href="{on(newest, "edit")}"]')
    assert not editors.select("a.button")
    assert not soup.find("button", string="Pin")


# Each role against each action on the writer's live story. 303: done and back to the desk;
# 200: the page opens; 403: the site's refusal, or the desk with the rule's message.
ACTIONS = {
    "open": ("get", lambda s, u: desk(s), {}),
    "start": ("post", lambda s, u: desk(s, "start/"), {}),
    "post": ("post", lambda s, u: desk(s, "post/"), {"body": "<p>New.</p>"}),
    "pin": ("post", lambda s, u: on(u["editor"], "pin"), {"pinned": "1"}),
    "edit own": ("post", lambda s, u: on(u["writer"], "edit"), {"body": "<p>Changed.</p>"}),
    "edit editor's": ("post", lambda s, u: on(u["editor"], "edit"), {"body": "<p>Changed.</p>"}),
    "delete editor's": ("post", lambda s, u: on(u["editor"], "delete"), {}),
    "correct": ("post", lambda s, u: on(u["writer"], "correct"), {"text": "Wrong town."}),
    "close": ("post", lambda s, u: desk(s, "close/"), {"summary": "Over."}),
}
EXPECTED = {
    "editor": {"open": 200, "start": 409, "post": 303, "pin": 303, "edit own": 303,
               "edit editor's": 303, "delete editor's": 303, "correct": 303, "close": 303},
    "writer": {"open": 200, "start": 403, "post": 303, "pin": 403, "edit own": 303,
               "edit editor's": 403, "delete editor's": 403, "correct": 403, "close": 403},
}  # fmt: skip


@pytest.mark.parametrize("action", list(ACTIONS))
@pytest.mark.parametrize("role", ["editor", "writer", "other", "moderator", "staffer"])
def test_each_role_may_do_what_the_rules_say_on_the_desk(people, story, role, action):
    method, url, data = ACTIONS[action]
    updates = {"editor": by(people["editor"]), "writer": by(people["writer"])}
    before = list(Update.objects.values_list("pk", "body", "pinned", "correction"))
    response = getattr(as_(people, role), method)(url(story, updates), data)
    expected = EXPECTED.get(role, {}).get(action, 403)  # anyone else: not their desk
    assert response.status_code == expected
    if expected >= 400:  # refused: nothing changed
        assert list(Update.objects.values_list("pk", "body", "pinned", "correction")) == before
        story.refresh_from_db()
        assert story.coverage_running


def test_the_article_form_links_to_the_desk_for_who_may_use_it(people, story):
    draft = ArticleFactory(
        status=Article.Status.DRAFT, publish_at=None, contributors=[people["writer_byline"]]
    )
    link = f'a[href="{desk(draft)}"]'
    editor, writer = as_(people, "editor"), as_(people, "writer")
    form = parse(editor.get(f"/admin/newsroom/article/{draft.pk}/change/"))
    assert form.select_one(f".object-tools {link}").get_text() == "Live coverage"
    # The writer sees it only once an editor has started coverage of their story.
    assert not parse(writer.get(f"/admin/newsroom/article/{draft.pk}/change/")).select(link)
    services.coverage_start(article=draft, user=people["editor"])
    assert parse(writer.get(f"/admin/newsroom/article/{draft.pk}/change/")).select(link)
    # The published story's form is view-only for the writer: the link is there all the same.
    page = parse(writer.get(f"/admin/newsroom/article/{story.pk}/change/"))
    assert page.select(f'a[href="{desk(story)}"]')


def test_a_moderator_and_a_bare_staffer_get_the_403_page(people, story):
    for role in ("moderator", "staffer"):
        response = as_(people, role).get(desk(story))
        assert response.status_code == 403
        assert "You are not allowed to do that" in response.content.decode()


def test_the_update_list_is_read_only_and_for_superusers(people, story):
    root = make_user("root", superuser=True)
    client = Client()
    client.force_login(root)
    listing = client.get("/admin/coverage/update/")
    assert listing.status_code == 200
    assert parse(listing).select(f'#result_list a[href="{desk(story)}"]')
    assert client.get("/admin/coverage/update/add/").status_code == 403
    assert as_(people, "editor").get("/admin/coverage/update/").status_code == 403


# --- bad input ----------------------------------------------------------------------------------


def test_an_empty_update_is_refused_on_the_desk(people, story):
    response = as_(people, "editor").post(desk(story, "post/"), {"body": "<p> </p>"})
    assert response.status_code == 400
    assert "An update needs some text." in messages_of(response)
    assert Update.objects.count() == 2


def test_a_huge_update_is_refused_and_its_text_kept(people, story):
    words = "<p>" + "Troops massing near the border. " * 700 + "LAST-WORDS</p>"
    response = as_(people, "editor").post(desk(story, "post/"), {"body": words})
    assert response.status_code == 400
    assert "An update is at most 20,000 characters of text." in messages_of(response)
    assert textarea(response, "body").strip() == words
    assert Update.objects.count() == 2


def test_a_fourth_key_event_is_refused_with_the_text_kept(people, story):
    editor = people["editor"]
    for n in range(3):
        services.update_post(article=story, user=editor, body=f"<p>Key {n}</p>", pinned=True)
    client = as_(people, "editor")
    typed = "<p>A fourth key event.</p>"
    response = client.post(desk(story, "post/"), {"body": typed, "pinned": "on"})
    assert response.status_code == 409
    assert messages_of(response) == ["Three key events are pinned already: unpin one first."]
    assert textarea(response, "body").strip() == typed
    assert parse(response).select_one("input[name=pinned]").has_attr("checked")
    response = client.post(on(by(people["writer"]), "pin"), {"pinned": "1"})
    assert response.status_code == 409
    assert Update.objects.filter(pinned=True).count() == 3


def test_closing_without_a_summary_is_refused(people, story):
    response = as_(people, "editor").post(desk(story, "close/"), {"summary": "   "})
    assert response.status_code == 400
    assert messages_of(response) == ["Closing live coverage needs a summary for readers."]
    story.refresh_from_db()
    assert story.coverage_running


def test_a_summary_too_long_is_refused_and_kept(people, story):
    summary = "The coverage ends here. " * 100
    response = as_(people, "editor").post(desk(story, "close/"), {"summary": summary})
    assert response.status_code == 400
    assert textarea(response, "summary").strip() == summary.strip()


def test_a_post_to_coverage_not_running_is_refused_with_the_text_kept(people):
    article = ArticleFactory()
    client = as_(people, "editor")
    response = client.post(desk(article, "post/"), {"body": "<p>Too early.</p>"})
    assert response.status_code == 409
    assert messages_of(response) == ["Start the live coverage before posting updates."]
    assert "Too early." in textarea(response, "body")


def test_hostile_html_is_stored_sanitized(people, story):
    hostile = (
        '<p>Seen<script>alert(1)</script> <img src=x onerror="alert(2)">'
        '<a href="javascript:alert(3)">here</a> <a href="https://example.org/" onclick="x()">'
        "report</a></p><h2>Heading</h2><iframe src='https://evil.example/'></iframe>"
    )
    client = as_(people, "editor")
    assert client.post(desk(story, "post/"), {"body": hostile}).status_code == 303
    stored = Update.objects.filter(body__contains="Seen").get().body
    for banned in ("<script", "onerror", "javascript:", "onclick", "<h2", "<iframe", "<img"):
        assert banned not in stored
    assert 'href="https://example.org/"' in stored
    page = client.get(desk(story)).content.decode()
    assert "alert(1)" not in page and "evil.example" not in page


def test_an_expired_picture_is_refused_with_the_text_kept(people, story):
    past = timezone.now() - timedelta(days=1)
    expired = make_image(alt_text="Old photo", rights_expire_at=past)
    fine = make_image(alt_text="A checkpoint at night")
    client = as_(people, "editor")
    body = "<p>With a picture.</p>"
    response = client.post(desk(story, "post/"), {"body": body, "image": expired.pk})
    assert response.status_code == 400
    assert "The rights to this image have expired" in response.content.decode()
    assert textarea(response, "body").strip() == body
    assert client.post(desk(story, "post/"), {"body": body, "image": fine.pk}).status_code == 303
    assert Update.objects.get(image=fine)
    page = parse(client.get(desk(story)))
    assert page.select_one('.live-update img[alt="A checkpoint at night"]')


def test_an_edit_to_nothing_is_refused_and_the_update_kept(people, story):
    update = by(people["writer"])
    response = as_(people, "writer").post(on(update, "edit"), {"body": ""})
    assert response.status_code == 400
    assert "An update needs some text." in messages_of(response)
    update.refresh_from_db()
    assert update.body == "<p>Writer's update.</p>" and update.edited_at is None


@pytest.mark.parametrize(
    ("text", "message"),
    [("  ", "A correction needs text."), ("x" * 1001, "at most 1,000"), ("a\x00b", "Null")],
)
def test_a_bad_correction_is_refused_and_kept(people, story, text, message):
    update = by(people["editor"])
    response = as_(people, "editor").post(on(update, "correct"), {"text": text})
    assert response.status_code == 400
    assert message in response.content.decode()
    if "\x00" not in text:
        assert textarea(response, "text") == text
    update.refresh_from_db()
    assert update.correction == ""


@pytest.mark.parametrize(
    "url",
    [
        f"{BASE}/999999/",
        f"{BASE}/999999/post/",
        f"{BASE}/{{story}}/999999/edit/",
        f"{BASE}/{{story}}/999999/pin/",
        f"{BASE}/{{story}}/{{elsewhere}}/delete/",  # an update of another article
    ],
)
def test_unknown_ids_are_404(people, story, url):
    elsewhere = ArticleFactory()
    services.coverage_start(article=elsewhere, user=people["editor"])
    other = services.update_post(article=elsewhere, user=people["editor"], body="<p>There.</p>")
    client = as_(people, "editor")
    address = url.format(story=story.pk, elsewhere=other.pk)
    assert client.get(address).status_code in (404, 405)
    assert client.post(address, {"body": "<p>x</p>", "pinned": "1"}).status_code == 404
    assert Update.objects.filter(pk=other.pk).exists()


@pytest.mark.parametrize("url", [f"{BASE}/{10**12}/", f"{BASE}/abc/", f"{BASE}/1/x/pin/"])
def test_an_address_that_is_no_id_is_the_admins_own_answer(people, story, url):
    # More digits than an id has, or none: the admin's catch-all (a redirect to a change form
    # this editor may not open), never the desk, never an error of ours.
    client = as_(people, "editor")
    assert client.get(url).status_code == 302
    assert client.post(url, {"pinned": "1"}).status_code in (302, 403)
    assert not Update.objects.filter(pinned=True).exists()


def test_a_write_needs_a_post_with_the_csrf_token(people, story):
    client = Client(enforce_csrf_checks=True)
    client.force_login(people["editor"])
    assert client.get(desk(story, "close/")).status_code == 405
    assert client.post(desk(story, "close/"), {"summary": "Over."}).status_code == 403
    forged = {"summary": "Over.", "csrfmiddlewaretoken": "x" * 64}
    assert client.post(desk(story, "close/"), forged).status_code == 403
    story.refresh_from_db()
    assert story.coverage_running
    data = form_data(client.get(desk(story)).content.decode(), "#close-form")
    data["summary"] = ["Over."]
    assert client.post(desk(story, "close/"), data).status_code == 303


# --- cost ----------------------------------------------------------------------------------------


def desk_queries(client, article) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(desk(article))
    assert response.status_code == 200
    assert len(parse(response).select("li.live-update")) == Update.objects.count()
    return len(queries)


@pytest.mark.parametrize("role", ["editor", "writer"])
def test_the_desk_costs_the_same_with_5_or_30_updates(people, story, role):
    picture = make_image()
    client = as_(people, role)
    for n in range(3):
        services.update_post(
            article=story, user=people["editor"], body=f"<p>{n}</p>", image=picture, pinned=n == 0
        )
    assert Update.objects.count() == 5
    few = desk_queries(client, story)
    for n in range(25):
        services.update_post(article=story, user=people["writer"], body=f"<p>More {n}</p>")
    many = desk_queries(client, story)
    # The session, the user and their roles, the article (and a writer's byline), their own
    # contributor, the count, the rows and the pinned count: flat, however many updates.
    assert few == many <= 13
