"""Taking over from someone who left: an editor gets a colleague's unsaved words (kept after
the last save) as their own autosave, the colleague gets a note; never while the colleague
is here, never for a contributor, never words a save has overtaken; bad input a 4xx."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
import time_machine
from django.test import Client
from django.utils import timezone

from newsdesk.desk.models import Autosave, Note, Presence
from tests.factories import ArticleFactory, make_user

pytestmark = pytest.mark.django_db


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def post(client, url, body) -> object:
    return client.post(url, json.dumps(body), content_type="application/json")


@pytest.fixture
def left_draft():
    writer = make_user("casey", role="Contributor")
    editor = make_user("eddie", role="Editor")
    draft = ArticleFactory(
        headline="Half-written", status="draft", publish_at=None, created_by=writer
    )
    post(
        signed_in(writer),
        f"/desk/articles/{draft.pk}/autosave/",
        {"fields": {"headline": "Half-written no more", "body": "<p>Three new lines.</p>"}},
    )
    return writer, editor, draft


def test_an_editor_takes_over_words_left_by_a_writer_who_went_home(left_draft):
    writer, editor, draft = left_draft
    client = signed_in(editor)
    offered = client.get(f"/desk/articles/{draft.pk}/autosave/").json()
    assert offered["autosave"] is None
    assert [(p["id"], p["name"]) for p in offered["left"]] == [(writer.pk, "casey")]

    response = post(client, f"/desk/articles/{draft.pk}/takeover/", {"from": writer.pk})
    assert response.status_code == 200
    assert Autosave.objects.get(article=draft).user == editor  # theirs is gone, now the editor's
    form = client.get(f"/admin/newsroom/article/{draft.pk}/change/?restore=autosave")
    assert 'value="Half-written no more"' in form.content.decode()
    note = Note.objects.get(article=draft)
    assert note.author == editor and list(note.addressed_to.all()) == [writer]
    assert note.text.startswith("Took over casey's unsaved words")
    # Done once: there is nothing left to take.
    again = post(client, f"/desk/articles/{draft.pk}/takeover/", {"from": writer.pk})
    assert again.status_code == 404 and "no unsaved words" in again.json()["error"]


def test_not_while_the_writer_has_it_open(left_draft):
    writer, editor, draft = left_draft
    Presence.objects.create(user=writer, article=draft)
    client = signed_in(editor)
    assert client.get(f"/desk/articles/{draft.pk}/autosave/").json()["left"] == []
    response = post(client, f"/desk/articles/{draft.pk}/takeover/", {"from": writer.pk})
    assert response.status_code == 409 and "has the article open now" in response.json()["error"]
    assert Autosave.objects.get(article=draft).user == writer
    # Gone quiet for longer than a presence beat's reach: they have left.
    with time_machine.travel(timezone.now() + timedelta(minutes=2)):
        response = post(client, f"/desk/articles/{draft.pk}/takeover/", {"from": writer.pk})
    assert response.status_code == 200


def test_the_presence_beat_offers_words_left_while_the_form_was_open(left_draft):
    """Opened while the writer was still there: the editor's next beat after she leaves
    brings the offer, with no reload."""
    writer, editor, draft = left_draft
    url = f"/desk/articles/{draft.pk}/presence/"
    her, him = signed_in(writer), signed_in(editor)
    her.post(url)
    assert him.post(url).json()["left"] == []  # she is here: nothing to take over
    her.post(url + "?leave=1")
    left = him.post(url).json()["left"]
    assert [(p["id"], p["name"]) for p in left] == [(writer.pk, "casey")] and left[0]["saved_at"]
    assert her.post(url).json()["left"] == []  # a contributor is never offered others' words


def test_not_words_a_save_has_overtaken(left_draft):
    writer, editor, draft = left_draft
    with time_machine.travel(timezone.now() + timedelta(minutes=1)):
        draft.save()  # the piece was saved after the words were kept
        client = signed_in(editor)
        assert client.get(f"/desk/articles/{draft.pk}/autosave/").json()["left"] == []
        response = post(client, f"/desk/articles/{draft.pk}/takeover/", {"from": writer.pk})
    assert response.status_code == 404
    assert Autosave.objects.get(article=draft).user == writer


def test_a_contributor_cannot_take_over(left_draft):
    writer, _, draft = left_draft
    other = make_user("olive", role="Contributor")
    draft.created_by = other  # olive may edit it, yet not take casey's words
    draft.save(update_fields=["created_by"])
    Autosave.objects.filter(article=draft).update(saved_at=timezone.now() + timedelta(seconds=5))
    client = signed_in(other)
    assert client.get(f"/desk/articles/{draft.pk}/autosave/").json()["left"] == []
    response = post(client, f"/desk/articles/{draft.pk}/takeover/", {"from": writer.pk})
    assert response.status_code == 403
    assert Autosave.objects.get(article=draft).user == writer


@pytest.mark.parametrize(
    ("body", "status"),
    [
        ({}, 400),
        ({"from": "1"}, 400),
        ({"from": True}, 400),
        ({"from": -3}, 400),
        ({"from": 10**9}, 404),
        ("not json", 400),
    ],
)
def test_bad_requests_are_a_4xx_with_a_message(left_draft, body, status):
    _, editor, draft = left_draft
    client = signed_in(editor)
    url = f"/desk/articles/{draft.pk}/takeover/"
    if body == "not json":
        response = client.post(url, b"{nope", content_type="application/json")
    else:
        response = post(client, url, body)
    assert response.status_code == status and response.json()["error"]
    assert Autosave.objects.get(article=draft).user.username == "casey"


def test_cross_site_take_over_is_refused(left_draft):
    writer, editor, draft = left_draft
    client = Client(enforce_csrf_checks=True)
    client.force_login(editor)
    response = post(client, f"/desk/articles/{draft.pk}/takeover/", {"from": writer.pk})
    assert response.status_code == 403
    assert Autosave.objects.get(article=draft).user == writer
