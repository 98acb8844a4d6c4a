"""The workflow on the article form (newsroom/admin/workflow.py, docs/desk.md): buttons
beside Save that save, then take their step through the services; a publish time set ahead
schedules; the message says what happened and when."""

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone
from reversion.models import Version

from newsdesk.newsroom import history
from newsdesk.newsroom.models import Article
from tests.factories import ArticleFactory, make_contributor, make_user
from tests.formdata import form_data

pytestmark = pytest.mark.django_db


def change_url(article):
    return f"/admin/newsroom/article/{article.pk}/change/"


def press(client, article, **changes):
    """Opens the form and sends it back as a browser would, with ``changes`` (a button's
    name among them when one is pressed)."""
    page = client.get(change_url(article))
    assert page.status_code == 200
    data = form_data(page.content.decode(), "form#article_form")
    for name, value in changes.items():
        data[name] = [value]
    return client.post(change_url(article), data, follow=True)


@pytest.fixture
def writer():
    return make_contributor(display_name="Ada Writer", slug="ada-writer")


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client


@pytest.fixture
def draft(writer):
    return ArticleFactory(status=Article.Status.DRAFT, publish_at=None, contributors=[writer])


@pytest.fixture
def live(writer):
    return ArticleFactory(contributors=[writer])


@pytest.fixture
def contributor_client(client):
    user = make_user("cora", role="Contributor")
    client.force_login(user)
    client.user = user
    return client


@pytest.fixture
def own_draft(contributor_client):
    user = contributor_client.user
    own = make_contributor(user=user, display_name="Cora Writer", slug="cora-writer")
    return ArticleFactory(
        status=Article.Status.DRAFT, publish_at=None, created_by=user, contributors=[own]
    )


def messages_of(response):
    return [str(m) for m in response.context["messages"]]


def test_an_editor_publishes_from_the_form_and_stays_on_it(editor_client, draft):
    response = press(editor_client, draft, _workflow="publish", headline="Published from the form")
    draft.refresh_from_db()
    assert draft.status == Article.Status.PUBLISHED and draft.is_live()
    assert draft.headline == "Published from the form"  # the form's words were saved first
    assert response.redirect_chain[-1][0] == change_url(draft)
    assert any(m.startswith("Saved and published at ") for m in messages_of(response))
    comment = Version.objects.get_for_object(draft).first().revision.comment
    assert comment.endswith("Published.") and "Changed" in comment


def test_a_publish_time_ahead_and_save_schedules_and_says_so(editor_client, draft):
    ahead = timezone.localtime(timezone.now() + timedelta(days=1)).replace(second=0, microsecond=0)
    response = press(
        editor_client,
        draft,
        publish_at_0=ahead.strftime("%Y-%m-%d"),
        publish_at_1=ahead.strftime("%H:%M:%S"),
    )
    draft.refresh_from_db()
    assert draft.is_scheduled and draft.publish_at == ahead
    assert any("scheduled: it goes live by itself at" in m for m in messages_of(response))
    comment = Version.objects.get_for_object(draft).first().revision.comment
    assert comment.endswith(f"Scheduled for {history.when(ahead)}.")


def test_a_contributor_submits_from_the_form_and_is_sent_to_the_list(contributor_client, own_draft):
    response = press(contributor_client, own_draft, _workflow="submit")
    own_draft.refresh_from_db()
    assert own_draft.status == Article.Status.IN_REVIEW
    assert response.redirect_chain[-1][0] == "/admin/newsroom/article/"
    assert any(m.startswith("Saved and submitted for review at") for m in messages_of(response))


def test_a_contributor_has_no_publish_button_and_a_forged_one_is_refused(
    contributor_client, own_draft
):
    page = contributor_client.get(change_url(own_draft)).content.decode()
    assert 'value="submit"' in page and 'value="publish"' not in page
    response = press(contributor_client, own_draft, _workflow="publish", headline="Mine still")
    own_draft.refresh_from_db()
    assert own_draft.status == Article.Status.DRAFT and own_draft.headline == "Mine still"
    assert any(m.startswith("Saved, but not published: ") for m in messages_of(response))


def test_an_editor_unpublishes_a_live_story_from_the_form(editor_client, live):
    page = editor_client.get(change_url(live)).content.decode()
    assert 'value="unpublish"' in page and ">Unpublish<" in page
    response = press(editor_client, live, _workflow="unpublish")
    live.refresh_from_db()
    assert live.status == Article.Status.UNPUBLISHED
    assert any("its address now answers 404" in m for m in messages_of(response))
    assert Client().get(live.get_absolute_url()).status_code == 404  # a reader's


def test_an_unknown_step_only_saves(editor_client, draft):
    response = press(editor_client, draft, _workflow="delete-everything", headline="Kept")
    draft.refresh_from_db()
    assert response.status_code == 200
    assert draft.status == Article.Status.DRAFT and draft.headline == "Kept"


def test_an_editor_sends_a_piece_in_review_back_to_draft(editor_client, writer):
    review = ArticleFactory(status=Article.Status.IN_REVIEW, publish_at=None, contributors=[writer])
    page = editor_client.get(change_url(review)).content.decode()
    assert ">Send back to draft<" in page and 'value="submit"' not in page
    response = press(editor_client, review, _workflow="return")
    review.refresh_from_db()
    assert review.status == Article.Status.DRAFT
    assert any(m.startswith("Saved and sent back to draft at") for m in messages_of(response))
    comment = Version.objects.get_for_object(review).first().revision.comment
    assert comment.endswith("Sent back to draft.")
