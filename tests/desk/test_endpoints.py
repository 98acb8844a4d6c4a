"""The desk's endpoints: autosave keeps words and changes nothing readers see; presence lists
who has a piece open; the newsroom's rules hold; bad input is a 4xx with a message."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
import time_machine
from django.test import Client
from django.utils import timezone

from newsdesk.desk.models import Autosave
from newsdesk.newsroom.models import Article
from tests.factories import ArticleFactory, make_user

pytestmark = pytest.mark.django_db


def staff(role: str, name: str) -> Client:
    client = Client()
    client.force_login(make_user(name, role=role))
    return client


def post(client, url, body) -> object:
    return client.post(url, json.dumps(body), content_type="application/json")


@pytest.fixture
def story():
    return ArticleFactory(headline="Live story", summary="As readers see it.")


def test_autosave_keeps_words_for_their_writer_and_changes_nothing_public(client, story):
    editor = staff("Editor", "ed")
    url = f"/desk/articles/{story.pk}/autosave/"
    fields = {"headline": "A sharper headline", "body": "<p>New words.</p>"}
    response = post(editor, url, {"fields": fields})
    assert response.status_code == 200 and "saved_at" in response.json()
    assert Autosave.objects.get().fields == fields
    stored = Article.objects.get(pk=story.pk)
    assert (stored.headline, stored.version) == ("Live story", story.version)
    page = client.get(story.get_absolute_url()).content.decode()
    assert "A sharper headline" not in page and "Live story" in page
    assert editor.get(url).json()["autosave"]["saved_at"]
    # Another editor has none of it.
    # Another editor has none of the words: only that ed left some, to take over (below).
    other = staff("Editor", "jo").get(url).json()
    assert other["autosave"] is None and [p["name"] for p in other["left"]] == ["ed"]
    assert "A sharper headline" not in json.dumps(other)


def test_the_form_offers_the_words_back_and_a_save_spends_them(story):
    editor = staff("Editor", "ed")
    post(editor, f"/desk/articles/{story.pk}/autosave/", {"fields": {"headline": "Restored"}})
    form = editor.get(f"/admin/newsroom/article/{story.pk}/change/?restore=autosave")
    assert 'value="Restored"' in form.content.decode()
    plain = editor.get(f"/admin/newsroom/article/{story.pk}/change/")
    assert 'value="Live story"' in plain.content.decode()
    # An autosave older than the article's last save is not offered.
    with time_machine.travel(timezone.now() + timedelta(minutes=5)):
        Article.objects.filter(pk=story.pk).update(modified_at=timezone.now())
    assert editor.get(f"/desk/articles/{story.pk}/autosave/").json() == {
        "autosave": None,
        "left": [],
    }


def test_a_new_piece_is_autosaved_and_restored_into_the_add_form():
    writer = staff("Contributor", "casey")
    post(writer, "/desk/articles/new/autosave/", {"fields": {"headline": "Unsaved start"}})
    form = writer.get("/admin/newsroom/article/add/?restore=autosave").content.decode()
    assert 'value="Unsaved start"' in form


def test_rules_hold_contributors_only_on_their_own_moderators_nowhere(story):
    url = f"/desk/articles/{story.pk}/autosave/"
    assert (
        post(staff("Contributor", "casey"), url, {"fields": {"headline": "x"}}).status_code == 403
    )
    assert (
        post(
            staff("Moderator", "mo"), "/desk/articles/new/autosave/", {"fields": {"headline": "x"}}
        ).status_code
        == 403
    )
    assert Client().post(url, "{}", content_type="application/json").status_code == 302  # login
    assert (
        post(
            staff("Editor", "ed"), "/desk/articles/999999/autosave/", {"fields": {"headline": "x"}}
        ).status_code
        == 404
    )


@pytest.mark.parametrize(
    "body",
    [
        b"not json",
        b'{"fields": []}',
        b'{"fields": {}}',
        b'{"fields": {"status": "published"}}',
        b'{"fields": {"publish_at": "2020-01-01"}}',
        b'{"fields": {"headline": 5}}',
        json.dumps({"fields": {"headline": "x" * 201}}).encode(),
        b"\xff\xfe",
    ],
)
def test_bad_autosaves_are_a_400_with_a_message(story, body):
    editor = staff("Editor", "ed")
    response = editor.post(
        f"/desk/articles/{story.pk}/autosave/", body, content_type="application/json"
    )
    assert response.status_code == 400
    assert response.json()["error"]
    assert Autosave.objects.count() == 0


def test_cross_site_autosaves_are_refused(story):
    editor = Client(enforce_csrf_checks=True)
    editor.force_login(make_user("ed", role="Editor"))
    response = post(editor, f"/desk/articles/{story.pk}/autosave/", {"fields": {"headline": "x"}})
    assert response.status_code == 403
    assert Autosave.objects.count() == 0


def test_presence_lists_the_others_with_their_time_and_forgets_who_left(story):
    ed, jo = staff("Editor", "ed"), staff("Editor", "jo")
    url = f"/desk/articles/{story.pk}/presence/"
    assert ed.post(url).json() == {"others": [], "left": []}
    others = jo.post(url).json()["others"]
    assert [o["name"] for o in others] == ["ed"] and others[0]["since"]
    assert [o["name"] for o in ed.post(url).json()["others"]] == ["jo"]
    jo.post(url + "?leave=1")
    assert ed.post(url).json() == {"others": [], "left": []}
    with time_machine.travel(timezone.now() + timedelta(seconds=31)):
        # ed has not been heard from for 31 s
        assert jo.post(url).json() == {"others": [], "left": []}
