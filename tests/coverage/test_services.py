"""Live coverage's services: who may do what, and what each refuses."""

import pytest

from newsdesk.coverage import services
from newsdesk.coverage.errors import CoverageState, NotAllowed, TooManyPinned, UpdateRejected
from newsdesk.coverage.models import Update
from tests.factories import ArticleFactory, make_contributor

pytestmark = pytest.mark.django_db


@pytest.fixture
def live(editor):
    article = ArticleFactory()
    return services.coverage_start(article=article, user=editor)


def test_an_editor_starts_coverage_and_posts_a_sanitized_update(editor, live):
    assert live.coverage_running
    update = services.update_post(
        article=live,
        user=editor,
        body="<p>Launch <script>alert(1)</script><strong>seen</strong></p>",
    )
    update.refresh_from_db()
    assert "<script" not in update.body and "<strong>seen</strong>" in update.body


def test_an_update_needs_running_coverage(editor):
    article = ArticleFactory()
    with pytest.raises(CoverageState):
        services.update_post(article=article, user=editor, body="<p>Too early.</p>")


@pytest.mark.parametrize("body", ["", "<p> </p>", "<p><script>x</script></p>", "x" * 20_001])
def test_an_empty_or_huge_update_is_refused(editor, live, body):
    with pytest.raises(UpdateRejected):
        services.update_post(article=live, user=editor, body=body)
    assert not Update.objects.exists()


def test_a_contributor_posts_to_own_coverage_only(editor, writer_user, live):
    with pytest.raises(NotAllowed):
        services.update_post(article=live, user=writer_user, body="<p>Not mine.</p>")
    contributor = make_contributor(user=writer_user)
    mine = ArticleFactory(contributors=[contributor])
    services.coverage_start(article=mine, user=editor)
    update = services.update_post(article=mine, user=writer_user, body="<p>Mine.</p>")
    assert update.author == contributor
    with pytest.raises(NotAllowed):
        services.coverage_close(article=mine, user=writer_user, summary="Over.")
    with pytest.raises(NotAllowed):
        services.update_pin(update=update, user=writer_user, pinned=True)


def test_three_key_events_at_most(editor, live):
    for n in range(3):
        services.update_post(article=live, user=editor, body=f"<p>{n}</p>", pinned=True)
    fourth = services.update_post(article=live, user=editor, body="<p>4</p>")
    with pytest.raises(TooManyPinned):
        services.update_pin(update=fourth, user=editor, pinned=True)
    assert Update.objects.filter(pinned=True).count() == 3


def test_closing_needs_a_summary_and_stops_updates(editor, live):
    with pytest.raises(UpdateRejected):
        services.coverage_close(article=live, user=editor, summary="  ")
    closed = services.coverage_close(article=live, user=editor, summary="It is over.")
    assert closed.coverage_ended_at and not closed.coverage_running
    with pytest.raises(CoverageState):
        services.update_post(article=closed, user=editor, body="<p>Late.</p>")


def test_an_edit_is_marked_and_a_correction_kept(editor, live):
    update = services.update_post(article=live, user=editor, body="<p>Two missiles.</p>")
    services.update_edit(update=update, user=editor, body="<p>Three missiles.</p>")
    services.update_correct(update=update, user=editor, text="An earlier version said two.")
    update.refresh_from_db()
    assert update.edited_at and update.correction == "An earlier version said two."


def test_a_contributor_posts_under_their_own_name_only(editor, writer_user):
    mine = make_contributor(user=writer_user)
    other = make_contributor()
    article = ArticleFactory(contributors=[mine, other])
    services.coverage_start(article=article, user=editor)
    with pytest.raises(NotAllowed):
        services.update_post(article=article, user=writer_user, body="<p>x</p>", author=other)
    by_editor = services.update_post(article=article, user=editor, body="<p>y</p>", author=other)
    assert by_editor.author == other


def test_a_picture_whose_rights_expired_is_refused(editor, live):
    from datetime import timedelta

    from django.utils import timezone

    from tests.factories import make_image

    expired = make_image(rights_expire_at=timezone.now() - timedelta(minutes=1))
    with pytest.raises(UpdateRejected):
        services.update_post(article=live, user=editor, body="<p>z</p>", image=expired)
    assert not Update.objects.exists()
