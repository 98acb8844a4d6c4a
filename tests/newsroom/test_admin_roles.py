"""Roles hold on every newsroom URL: revisions, recovery, history and previews, per role.

And a restore brings back the words, never the workflow: state and publish time change only
through the workflow's own actions.
"""

from __future__ import annotations

from datetime import timedelta

import pytest
import reversion
from django.urls import reverse
from django.utils import timezone
from reversion.models import Version

from newsdesk.newsroom import services
from newsdesk.newsroom.models import Article, Byline
from tests.conftest import parse
from tests.factories import (
    ArticleFactory,
    SectionFactory,
    TagFactory,
    make_contributor,
    make_image,
    make_user,
)
from tests.formdata import form_data

pytestmark = pytest.mark.django_db


def saved(article: Article, user, **fields) -> Article:
    """Saves the article as the admin does: a revision with the user."""
    with reversion.create_revision():
        reversion.set_user(user)
        for name, value in fields.items():
            setattr(article, name, value)
        services.article_save(article=article, user=user)
    return article


def versions(article: Article) -> list[Version]:
    return list(Version.objects.get_for_object(article))  # newest first


def revision_url(article: Article, version: Version) -> str:
    return reverse("admin:newsroom_article_revision", args=[article.pk, version.pk])


def history_url(article: Article) -> str:
    return reverse("admin:newsroom_article_history", args=[article.pk])


def restore(client, article: Article, version: Version):
    url = revision_url(article, version)
    page = client.get(url)
    assert page.status_code == 200
    data = form_data(page.content.decode(), "form#article_form")
    data["_save"] = ["Save"]
    return client.post(url, data)


@pytest.fixture
def writer(db):
    user = make_user("writer", role="Contributor")
    make_contributor(user=user)
    return user


@pytest.fixture
def others_story(editor):
    """An editor's story with two revisions: it was a draft once, it is live now."""
    article = ArticleFactory(
        status=Article.Status.DRAFT,
        publish_at=None,
        headline="Draft words",
        contributors=[make_contributor()],
    )
    saved(article, editor)
    services.article_publish(article=article, user=editor)
    saved(article, editor, headline="Live words")
    return article


@pytest.fixture
def deleted_story(editor):
    article = ArticleFactory(headline="Taken down for good")
    saved(article, editor)
    version = versions(article)[0]
    article.delete()
    return version


# --- a contributor -----------------------------------------------------------------------


def test_a_contributor_cannot_list_or_open_deleted_pieces(client, writer, deleted_story):
    client.force_login(writer)
    assert client.get(reverse("admin:newsroom_article_recoverlist")).status_code == 403
    recover = reverse("admin:newsroom_article_recover", args=[deleted_story.pk])
    assert client.get(recover).status_code == 403
    assert client.post(recover, {"headline": "Back", "_save": "Save"}).status_code == 403
    assert not Article.objects.filter(pk=deleted_story.object_id).exists()


def test_a_contributor_cannot_read_or_restore_someone_elses_versions(client, writer, others_story):
    client.force_login(writer)
    old = versions(others_story)[-1]
    assert client.get(history_url(others_story)).status_code == 404
    assert client.get(revision_url(others_story, old)).status_code == 404
    response = client.post(revision_url(others_story, old), {"headline": "x", "_save": "Save"})
    assert response.status_code == 404
    others_story.refresh_from_db()
    assert others_story.headline == "Live words"
    assert others_story.is_live()


def test_a_contributor_cannot_restore_own_piece_once_submitted(client, writer):
    article = ArticleFactory(status=Article.Status.DRAFT, publish_at=None, created_by=writer)
    saved(article, writer, headline="First")
    saved(article, writer, headline="Second")
    services.article_submit(article=article, user=writer)
    client.force_login(writer)
    assert client.get(history_url(article)).status_code == 403
    old = versions(article)[-1]
    assert client.get(revision_url(article, old)).status_code == 403
    assert client.post(revision_url(article, old), {"_save": "Save"}).status_code == 403
    article.refresh_from_db()
    assert (article.headline, article.status) == ("Second", Article.Status.IN_REVIEW)


def test_a_contributor_restores_own_draft(client, writer):
    article = ArticleFactory(status=Article.Status.DRAFT, publish_at=None, created_by=writer)
    saved(article, writer, headline="First")
    saved(article, writer, headline="Second")
    client.force_login(writer)
    assert restore(client, article, versions(article)[-1]).status_code == 302
    article.refresh_from_db()
    assert (article.headline, article.status) == ("First", Article.Status.DRAFT)


def test_a_contributor_previews_own_draft_only(client, writer, editor):
    own = ArticleFactory(status=Article.Status.DRAFT, publish_at=None, created_by=writer)
    theirs = ArticleFactory(status=Article.Status.DRAFT, publish_at=None, created_by=editor)
    scheduled = ArticleFactory(publish_at=timezone.now() + timedelta(hours=2), created_by=editor)
    client.force_login(writer)
    assert client.get(own.get_absolute_url()).status_code == 200
    assert client.get(theirs.get_absolute_url()).status_code == 404
    assert client.get(scheduled.get_absolute_url()).status_code == 404


def test_a_moderator_reaches_no_article_url(client, moderator, others_story, deleted_story):
    client.force_login(moderator)
    old = versions(others_story)[-1]
    for url in [
        reverse("admin:newsroom_article_changelist"),
        reverse("admin:newsroom_article_recoverlist"),
        reverse("admin:newsroom_article_recover", args=[deleted_story.pk]),
        history_url(others_story),
        revision_url(others_story, old),
    ]:
        assert client.get(url).status_code == 403, url
    draft = ArticleFactory(status=Article.Status.DRAFT, publish_at=None)
    assert client.get(draft.get_absolute_url()).status_code == 404


# --- an editor: restoring brings back the words, not the workflow ------------------------


def test_restoring_a_draft_version_keeps_a_live_story_live(client, editor, others_story):
    published_at = others_story.publish_at
    url = others_story.get_absolute_url()
    client.force_login(editor)
    draft_version = versions(others_story)[-1]
    assert draft_version.field_dict["status"] == Article.Status.DRAFT
    page = client.get(revision_url(others_story, draft_version))
    assert "Published" in parse(page).select_one(".field-state .readonly").get_text()
    assert restore(client, others_story, draft_version).status_code == 302
    others_story.refresh_from_db()
    assert others_story.headline == "Draft words"
    assert others_story.status == Article.Status.PUBLISHED
    assert others_story.publish_at == published_at
    client.logout()
    assert parse(client.get(url)).h1.get_text() == "Draft words"


def test_restoring_a_published_version_does_not_republish(client, editor, others_story):
    services.article_unpublish(article=others_story, user=editor)
    client.force_login(editor)
    live_version = versions(others_story)[0]
    assert live_version.field_dict["status"] == Article.Status.PUBLISHED
    assert restore(client, others_story, live_version).status_code == 302
    others_story.refresh_from_db()
    assert others_story.status == Article.Status.UNPUBLISHED
    client.logout()
    assert client.get(others_story.get_absolute_url()).status_code == 404


def test_restoring_brings_back_the_words_and_keeps_address_settings_and_corrections(client, editor):
    land, air = SectionFactory(slug="land", name="Land"), SectionFactory(slug="air", name="Air")
    drones, ships = TagFactory(name="Drones", slug="drones"), TagFactory(name="Ships", slug="ships")
    first_picture, second_picture = make_image(size=(400, 300)), make_image(size=(400, 300))
    ada, bo = make_contributor(display_name="Ada Old"), make_contributor(display_name="Bo New")
    article = ArticleFactory(
        headline="Old words",
        summary="Old summary.",
        section=land,
        lead_image=first_picture,
        slug="first-address",
        contributors=[ada],
    )
    article.tags.set([drones])
    saved(article, editor)
    old = versions(article)[0]
    # Then the words change, and so do the address, the comments setting and the last update.
    article.tags.set([ships])
    article.bylines.all().delete()
    Byline.objects.create(article=article, contributor=bo, position=0)
    saved(
        article,
        editor,
        headline="New words",
        summary="New summary.",
        section=air,
        lead_image=second_picture,
        slug="second-address",
        comments_open=False,
    )
    correction = services.correction_add(article=article, user=editor, text="A fixed figure.")
    article.refresh_from_db()
    kept = {
        "status": Article.Status.PUBLISHED,
        "publish_at": article.publish_at,
        "slug": "second-address",
        "comments_open": False,
        "substantively_updated_at": correction.created_at,
    }
    assert {name: getattr(article, name) for name in kept} == kept
    client.force_login(editor)
    assert restore(client, article, old).status_code == 302
    article.refresh_from_db()
    assert (article.headline, article.summary, article.section, article.lead_image) == (
        "Old words",
        "Old summary.",
        land,
        first_picture,
    )
    assert list(article.tags.all()) == [drones]
    assert [b.contributor for b in article.bylines.all()] == [ada]
    assert {name: getattr(article, name) for name in kept} == kept
    assert list(article.corrections.values_list("pk", "text")) == [
        (correction.pk, "A fixed figure.")
    ]
    client.logout()
    soup = parse(client.get(article.get_absolute_url()))
    assert article.get_absolute_url().endswith("/second-address/")
    assert soup.h1.get_text() == "Old words"
    shown = [li.get_text() for li in soup.select(".corrections li")]
    assert len(shown) == 1 and shown[0].endswith(": A fixed figure.")


def test_a_version_of_another_article_is_not_found(client, editor, others_story):
    other = ArticleFactory()
    saved(other, editor)
    client.force_login(editor)
    assert client.get(revision_url(others_story, versions(other)[0])).status_code == 404


def test_a_recovered_story_comes_back_unpublished(client, editor, deleted_story):
    client.force_login(editor)
    recover = reverse("admin:newsroom_article_recover", args=[deleted_story.pk])
    page = client.get(recover)
    assert page.status_code == 200
    data = form_data(page.content.decode(), "form#article_form")
    data["_save"] = ["Save"]
    assert client.post(recover, data).status_code == 302
    article = Article.objects.get(pk=deleted_story.object_id)
    assert article.headline == "Taken down for good"
    assert article.status == Article.Status.UNPUBLISHED
    client.logout()
    assert client.get(article.get_absolute_url()).status_code == 404


def test_a_recovered_story_comes_back_unpublished_under_its_address(client, editor):
    article = ArticleFactory(
        headline="Back from the bin",
        slug="back-from-the-bin",
        # To the second, as the form carries it.
        publish_at=(timezone.now() - timedelta(days=3)).replace(microsecond=0),
    )
    address, published_at = article.get_absolute_url(), article.publish_at
    saved(article, editor)
    version = versions(article)[0]
    article.delete()
    client.force_login(editor)
    recover = reverse("admin:newsroom_article_recover", args=[version.pk])
    data = form_data(client.get(recover).content.decode(), "form#article_form")
    data["_save"] = ["Save"]
    assert client.post(recover, data).status_code == 302
    article = Article.objects.get(pk=version.object_id)
    assert (article.status, article.slug, article.publish_at) == (
        Article.Status.UNPUBLISHED,
        "back-from-the-bin",
        published_at,
    )
    assert article.get_absolute_url() == address
    # The editor finds it at that address as a preview, to publish again on purpose.
    preview = client.get(address)
    assert preview.status_code == 200
    banner = parse(preview).select_one(".preview-banner").get_text()
    assert "unpublished" in banner
    client.logout()
    assert client.get(address).status_code == 404


def test_history_says_what_the_workflow_did(client, editor, writer):
    article = ArticleFactory(
        status=Article.Status.DRAFT,
        publish_at=None,
        created_by=writer,
        contributors=[writer.contributor],
    )
    changelist = reverse("admin:newsroom_article_changelist")

    def act(user, action):
        client.force_login(user)
        response = client.post(
            changelist, {"action": action, "_selected_action": [str(article.pk)]}
        )
        assert response.status_code == 302

    act(writer, "submit_for_review")
    act(editor, "publish")
    act(editor, "unpublish")
    rows = [  # date, user, action (the compare and link columns after them are left out)
        " ".join(
            " ".join(cell.get_text(" ", strip=True) for cell in tr.select("th, td")[:3]).split()
        )
        for tr in parse(client.get(history_url(article))).select("#change-history tbody tr")
    ]
    assert len(rows) == 3
    # Each row: the date, the user, what happened; oldest first, as reversion lists them.
    assert rows[0].endswith(" writer Submitted for review")
    assert rows[1].endswith(" ed Published")
    assert rows[2].endswith(" ed Unpublished")
