"""Editorial notes: a thread on each article for the newsroom only, with a count in the top
bar for whoever a note is addressed to; never on a reader page, feed or API answer."""

from __future__ import annotations

import pytest
from django.test import Client

from newsdesk.desk.models import Note
from tests.conftest import parse
from tests.factories import ArticleFactory, make_user
from tests.formdata import form_fields

pytestmark = pytest.mark.django_db

TEXT = "Check the second source before this goes out (desk-only remark 7731)."


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_a_note_from_the_form_reaches_its_addressee_and_never_a_reader(client, settings):
    settings.NEWSDESK_FEED_FULL_TEXT = True
    ed, jo = make_user("ed", role="Editor"), make_user("jo", role="Editor")
    story = ArticleFactory(headline="Tender result")
    editor = signed_in(ed)
    url = f"/admin/newsroom/article/{story.pk}/change/"
    data = form_fields(parse(editor.get(url)).find("form", id="article_form"))
    prefix = "desk_notes-0"
    data[f"{prefix}-text"] = [TEXT]
    data[f"{prefix}-addressed_to"] = [str(jo.pk)]
    assert editor.post(url, data).status_code == 302
    note = Note.objects.get()
    assert (note.author, note.text, list(note.addressed_to.all())) == (ed, TEXT, [jo])

    colleague = signed_in(jo)
    index = parse(colleague.get("/admin/"))
    link = index.select_one("#user-tools a.notes-for-me")
    assert link.get_text() == "Notes for you (1)"
    listed = parse(colleague.get(link["href"])).select("#result_list tbody tr")
    assert len(listed) == 1 and TEXT[:40] in listed[0].get_text()
    assert TEXT in colleague.get(url).content.decode()  # beside the form
    assert parse(editor.get("/admin/")).select_one("a.notes-for-me") is None  # not for ed

    for public in (
        story.get_absolute_url(),
        "/feeds/rss/",
        "/feeds/atom/",
        f"/api/v1/articles/{story.slug}",
        "/sitemap.xml",
    ):
        response = client.get(public)
        assert response.status_code == 200, public
        assert b"7731" not in response.content, public


def test_resolving_a_note_takes_it_off_the_top_bar():
    ed, jo = make_user("ed", role="Editor"), make_user("jo", role="Editor")
    story = ArticleFactory()
    from newsdesk.desk import services

    note = services.note_add(user=ed, article=story, text="Please look.", addressed_to=[jo])
    colleague = signed_in(jo)
    assert "Notes for you (1)" in colleague.get("/admin/").content.decode()
    Note.objects.filter(pk=note.pk).update(resolved=True)
    assert "Notes for you" not in colleague.get("/admin/").content.decode()


def test_a_contributor_notes_only_their_own_pieces():
    from newsdesk.desk import errors, services

    casey = make_user("casey", role="Contributor")
    other = ArticleFactory(status="draft", publish_at=None)
    with pytest.raises(errors.NotYours):
        services.note_add(user=casey, article=other, text="Not mine.")
    assert Note.objects.count() == 0
