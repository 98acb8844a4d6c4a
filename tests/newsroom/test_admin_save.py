"""The article form as the newsroom submits it: every role, create and edit, corrections."""

from __future__ import annotations

from datetime import timedelta

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from newsdesk.newsroom.models import Article, Correction
from tests.conftest import parse
from tests.factories import ArticleFactory, SectionFactory, make_contributor, make_user
from tests.formdata import form_data, form_errors

pytestmark = pytest.mark.django_db

ADD = reverse("admin:newsroom_article_add")


def change_url(article: Article) -> str:
    return reverse("admin:newsroom_article_change", args=[article.pk])


def submit(client, url: str, **changes) -> object:
    """Opens the form at ``url`` and presses "Save and continue editing" with ``changes``."""
    page = client.get(url)
    assert page.status_code == 200
    data = form_data(page.content.decode(), "form#article_form")
    for name, value in changes.items():
        data[name] = [value]
    data["_continue"] = ["Save and continue editing"]
    return client.post(url, data)


@pytest.fixture
def contributor_user(db):
    user = make_user("cora", role="Contributor")
    make_contributor(user=user, display_name="Cora Writer", slug="cora-writer")
    return user


@pytest.mark.parametrize("role", ["Contributor", "Editor", "admin"])
def test_each_role_creates_a_new_article_through_the_form(client, role):
    user = make_user("u", superuser=True) if role == "admin" else make_user("u", role=role)
    section = SectionFactory(name="Land", slug="land")
    client.force_login(user)
    response = submit(
        client,
        ADD,
        headline="Army tests a new radar",
        slug="army-tests-a-new-radar",
        section=str(section.pk),
        summary="A short summary.",
        body="<p>The radar was tested.</p>",
    )
    assert response.status_code == 302, form_errors(response.content.decode())
    article = Article.objects.get(slug="army-tests-a-new-radar")
    assert article.headline == "Army tests a new radar"
    assert article.status == Article.Status.DRAFT
    assert article.created_by == user


def test_an_editor_changes_a_live_headline(client, editor):
    article = ArticleFactory(headline="Old headline")
    client.force_login(editor)
    response = submit(client, change_url(article), headline="New headline")
    assert response.status_code == 302
    article.refresh_from_db()
    assert article.headline == "New headline"
    assert article.is_live()


def test_a_contributor_edits_own_draft(client, contributor_user):
    article = ArticleFactory(
        status=Article.Status.DRAFT, publish_at=None, created_by=contributor_user
    )
    client.force_login(contributor_user)
    response = submit(client, change_url(article), summary="A better summary.")
    assert response.status_code == 302
    article.refresh_from_db()
    assert article.summary == "A better summary."


def test_an_editor_appends_a_correction_and_history_says_so(client, editor):
    article = ArticleFactory()
    Correction.objects.create(article=article, text="An earlier correction.")
    client.force_login(editor)
    response = submit(
        client,
        change_url(article),
        **{
            "corrections-TOTAL_FORMS": "2",
            "corrections-1-text": "The radar's range was 300 km, not 200 km.",
            "corrections-1-article": str(article.pk),
        },
    )
    assert response.status_code == 302
    texts = list(article.corrections.values_list("text", flat=True))
    assert texts == ["An earlier correction.", "The radar's range was 300 km, not 200 km."]
    history = client.get(reverse("admin:newsroom_article_history", args=[article.pk]))
    assert "Added correction" in history.content.decode()


def test_the_form_cannot_edit_an_existing_correction(client, editor):
    article = ArticleFactory()
    kept = Correction.objects.create(article=article, text="As published.")
    client.force_login(editor)
    response = submit(
        client,
        change_url(article),
        **{"corrections-0-text": "Rewritten.", "corrections-0-DELETE": "on"},
    )
    assert response.status_code == 302
    assert list(article.corrections.values_list("pk", "text")) == [(kept.pk, "As published.")]


def test_comments_open_is_on_the_form(client, editor):
    article = ArticleFactory()
    assert article.comments_open
    client.force_login(editor)
    page = client.get(change_url(article))
    assert 'name="comments_open"' in page.content.decode()
    data = form_data(page.content.decode(), "form#article_form")
    data.pop("comments_open")
    data["_continue"] = ["Save"]
    assert client.post(change_url(article), data).status_code == 302
    article.refresh_from_db()
    assert not article.comments_open


def updated_times(client, article: Article) -> list[str]:
    """The ``datetime`` of the article page's "Updated" time, if it shows one."""
    meta = parse(client.get(article.get_absolute_url())).select_one(".article-meta")
    times = meta.select("time")
    words = meta.get_text(" ", strip=True)
    assert len(times) == (2 if "Updated" in words else 1), words
    return [t["datetime"] for t in times[1:]]


def test_ticking_substantive_update_on_a_live_article_records_it_and_the_page_says_so(
    client, editor
):
    article = ArticleFactory()
    client.force_login(editor)
    at = timezone.now().replace(microsecond=0) + timedelta(minutes=5)
    with time_machine.travel(at, tick=False):
        # A plain save is no update.
        assert submit(client, change_url(article), summary="Reworded.").status_code == 302
        article.refresh_from_db()
        assert article.substantively_updated_at is None
        client.logout()
        assert updated_times(client, article) == []
        client.force_login(editor)
        response = submit(client, change_url(article), substantive_update="on")
        assert response.status_code == 302
    article.refresh_from_db()
    assert article.substantively_updated_at == at
    client.logout()
    assert updated_times(client, article) == [timezone.localtime(at).isoformat()]


def test_ticking_substantive_update_on_a_draft_records_nothing(client, editor):
    article = ArticleFactory(status=Article.Status.DRAFT, publish_at=None)
    client.force_login(editor)
    assert submit(client, change_url(article), substantive_update="on").status_code == 302
    article.refresh_from_db()
    assert article.substantively_updated_at is None
