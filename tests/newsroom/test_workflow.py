"""Editorial workflow: roles, scheduling without a job, unpublishing, revisions, previews."""

from datetime import timedelta

import pytest
import reversion
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone
from reversion.models import Version

from newsdesk.newsroom import services
from newsdesk.newsroom.models import Article
from tests.conftest import parse
from tests.factories import ArticleFactory, make_contributor

pytestmark = pytest.mark.django_db


@pytest.fixture
def draft(writer_user):
    contributor = make_contributor(user=writer_user)
    article = Article(headline="Draft on artillery", slug="draft-on-artillery", section_id=None)
    from tests.factories import SectionFactory

    article.section = SectionFactory()
    article.body = "<p>Body</p>"
    services.article_save(article=article, user=writer_user, contributors=[contributor])
    return article


def test_contributor_cannot_publish(draft, writer_user):
    with pytest.raises(PermissionDenied):
        services.article_publish(article=draft, user=writer_user)
    draft.refresh_from_db()
    assert draft.status == Article.Status.DRAFT


def test_contributor_submits_own_draft_then_can_no_longer_edit_it(draft, writer_user):
    assert services.can_edit(writer_user, draft)
    services.article_submit(article=draft, user=writer_user)
    draft.refresh_from_db()
    assert draft.status == Article.Status.IN_REVIEW
    assert not services.can_edit(writer_user, draft)
    with pytest.raises(PermissionDenied):
        services.article_save(article=draft, user=writer_user)


def test_contributor_cannot_edit_someone_elses_draft(draft, db):
    from tests.factories import make_user

    other = make_user("other", role="Contributor")
    assert not services.can_edit(other, draft)


def test_moderator_cannot_edit_articles(draft, moderator):
    assert not services.can_edit(moderator, draft)
    with pytest.raises(PermissionDenied):
        services.article_publish(article=draft, user=moderator)


def test_editor_publishes_and_the_page_answers(draft, editor, client):
    services.article_publish(article=draft, user=editor)
    assert client.get(draft.get_absolute_url()).status_code == 200


def test_publish_needs_a_byline(editor):
    article = ArticleFactory(status=Article.Status.DRAFT, publish_at=None)
    with pytest.raises(ValidationError):
        services.article_publish(article=article, user=editor)


def test_scheduled_article_appears_at_publish_time_without_any_job(draft, editor, client):
    at = (timezone.now() + timedelta(days=1)).replace(microsecond=0)
    services.article_publish(article=draft, user=editor, publish_at=at)
    url = draft.get_absolute_url()
    with time_machine.travel(at - timedelta(seconds=1), tick=False):
        assert client.get(url).status_code == 404
        assert not Article.objects.live().filter(pk=draft.pk).exists()
        assert draft.headline not in client.get("/").content.decode()
    with time_machine.travel(at + timedelta(seconds=1), tick=False):
        assert client.get(url).status_code == 200
        assert draft.headline in client.get("/").content.decode()


def test_unpublished_article_answers_404_with_the_site_page(draft, editor, client):
    services.article_publish(article=draft, user=editor)
    services.article_unpublish(article=draft, user=editor)
    response = client.get(draft.get_absolute_url())
    assert response.status_code == 404
    assert parse(response).find("h1").get_text(strip=True) == "We could not find that page"


def test_republishing_keeps_the_first_address(draft, editor):
    services.article_publish(
        article=draft, user=editor, publish_at=timezone.now() - timedelta(days=3)
    )
    url = draft.get_absolute_url()
    services.article_unpublish(article=draft, user=editor)
    services.article_publish(article=draft, user=editor)
    assert draft.get_absolute_url() == url


def test_staff_preview_a_draft_at_its_future_url_readers_get_404(draft, editor, client):
    url = draft.get_absolute_url()
    assert client.get(url).status_code == 404
    client.force_login(editor)
    response = client.get(url)
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    soup = parse(response)
    assert "Preview" in soup.select_one(".preview-banner").get_text()
    assert soup.find("meta", attrs={"name": "robots"})["content"] == "noindex"


def test_restoring_a_revision_shows_the_old_text(draft, editor, client):
    services.article_publish(article=draft, user=editor)
    with reversion.create_revision():
        draft.headline = "First headline"
        services.article_save(article=draft, user=editor)
    with reversion.create_revision():
        draft.headline = "Second headline"
        services.article_save(article=draft, user=editor)
    assert parse(client.get(draft.get_absolute_url())).h1.get_text() == "Second headline"
    versions = Version.objects.get_for_object(draft)
    assert len(versions) == 2
    versions[1].revision.revert()  # the older revision
    assert parse(client.get(draft.get_absolute_url())).h1.get_text() == "First headline"


def test_restore_through_the_admin_history(draft, editor, client):
    services.article_publish(article=draft, user=editor)
    client.force_login(editor)
    change = reverse("admin:newsroom_article_change", args=[draft.pk])
    page = client.get(change)
    assert page.status_code == 200
    with reversion.create_revision():
        draft.headline = "Kept headline"
        services.article_save(article=draft, user=editor)
    with reversion.create_revision():
        draft.headline = "Regretted headline"
        services.article_save(article=draft, user=editor)
    old = Version.objects.get_for_object(draft)[1]
    url = reverse("admin:newsroom_article_revision", args=[draft.pk, old.pk])
    form = client.get(url)
    assert form.status_code == 200
    data = {k: v for k, v in form.context["adminform"].form.initial.items() if v is not None}
    assert data["headline"] == "Kept headline"


def test_corrections_keep_their_time_and_update_the_article(draft, editor):
    services.article_publish(article=draft, user=editor)
    correction = services.correction_add(article=draft, user=editor, text="Fixed a date.")
    draft.refresh_from_db()
    assert draft.substantively_updated_at == correction.created_at


def test_contributor_cannot_add_corrections(draft, writer_user):
    with pytest.raises(PermissionDenied):
        services.correction_add(article=draft, user=writer_user, text="Sneaky.")


def test_body_html_is_sanitized_on_save(draft, writer_user):
    draft.body = (
        '<p onclick="x()">Hi<script>alert(1)</script></p><a href="javascript:alert(1)">x</a>'
    )
    services.article_save(article=draft, user=writer_user)
    draft.refresh_from_db()
    assert "script" not in draft.body
    assert "onclick" not in draft.body
    assert "javascript:" not in draft.body
    assert "<p>Hi</p>" in draft.body


def test_admin_offers_publish_action_to_editors_only(draft, writer_user, editor, client):
    url = reverse("admin:newsroom_article_changelist")
    client.force_login(writer_user)
    actions = [o["value"] for o in parse(client.get(url)).select("select[name=action] option")]
    assert "submit_for_review" in actions  # the writer does see their own draft's actions
    assert "publish" not in actions
    client.force_login(editor)
    actions = parse(client.get(url)).select("select[name=action] option")
    assert "publish" in [o["value"] for o in actions]


def test_admin_publish_action_by_editor(draft, editor, client):
    client.force_login(editor)
    client.post(
        reverse("admin:newsroom_article_changelist"),
        {"action": "publish", "_selected_action": [draft.pk]},
    )
    draft.refresh_from_db()
    assert draft.is_live()
