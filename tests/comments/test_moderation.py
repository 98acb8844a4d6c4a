"""Moderation, reports, bans, the author's edit window and the optional Akismet check."""

import http.server
import threading
from datetime import timedelta

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from newsdesk.comments import services
from newsdesk.comments.models import BannedReader, Comment
from tests.comments.conftest import post, report
from tests.conftest import parse

pytestmark = pytest.mark.django_db


def test_three_reports_hide_a_comment_pending_review(client, article):
    post(client, article, "Provocative words")
    comment = Comment.objects.get()
    for i in range(2):
        report(client, comment, ip=f"192.0.2.{i}")
    # the same reader twice counts once
    report(client, comment, ip="192.0.2.1")
    comment.refresh_from_db()
    assert (comment.reports, comment.status) == (2, Comment.Status.APPROVED)
    response = report(client, comment, ip="192.0.2.9")
    assert response.status_code == 303
    comment.refresh_from_db()
    assert comment.status == Comment.Status.PENDING
    assert comment.held_reason == "Reported by 3 readers"
    page = parse(client.get(article.get_absolute_url()))
    assert page.find(id=f"comment-{comment.pk}") is None
    assert page.select_one(".comment-count").get_text() == "0"


def test_cross_site_report_is_refused(client, article):
    post(client, article, "Fine words")
    comment = Comment.objects.get()
    response = client.post(f"/comments/report/{comment.pk}/", HTTP_ORIGIN="https://evil.example")
    assert response.status_code == 403


def test_author_edits_within_five_minutes_and_it_is_judged_again(client, article, settings):
    response = post(client, article, "First version")
    comment = Comment.objects.get()
    assert f"nd_c{comment.pk}" in response.cookies
    assert response.cookies[f"nd_c{comment.pk}"]["httponly"]
    form = client.get(f"/comments/edit/{comment.pk}/")
    assert form.status_code == 200
    assert "no-store" in form["Cache-Control"]
    settings.NEWSDESK_COMMENT_MODERATION = "pre"
    edited = client.post(
        f"/comments/edit/{comment.pk}/", {"text": "Second version"}, HTTP_ORIGIN="http://testserver"
    )
    assert edited.status_code == 303
    comment.refresh_from_db()
    assert comment.text == "Second version" and comment.edited_at is not None
    assert comment.status == Comment.Status.PENDING  # through moderation again


def test_edit_after_the_window_gets_403(client, article):
    post(client, article, "Too late to change")
    comment = Comment.objects.get()
    with time_machine.travel(timezone.now() + timedelta(minutes=5, seconds=1)):
        assert client.get(f"/comments/edit/{comment.pk}/").status_code == 403
        response = client.post(
            f"/comments/edit/{comment.pk}/", {"text": "changed"}, HTTP_ORIGIN="http://testserver"
        )
    assert response.status_code == 403
    comment.refresh_from_db()
    assert comment.text == "Too late to change"


def test_someone_else_cannot_edit_or_delete(client, article):
    from django.test import Client

    post(client, article, "Mine")
    comment = Comment.objects.get()
    stranger = Client()
    assert stranger.get(f"/comments/edit/{comment.pk}/").status_code == 403
    stranger.cookies[f"nd_c{comment.pk}"] = "guess"
    response = stranger.post(
        f"/comments/edit/{comment.pk}/", {"delete": "1"}, HTTP_ORIGIN="http://testserver"
    )
    assert response.status_code == 403
    assert Comment.objects.count() == 1


def test_author_deletes_within_the_window(client, article):
    post(client, article, "Regretted")
    comment = Comment.objects.get()
    response = client.post(
        f"/comments/edit/{comment.pk}/", {"delete": "1"}, HTTP_ORIGIN="http://testserver"
    )
    assert response.status_code == 303
    assert Comment.objects.count() == 0


def test_moderator_queue_shows_why_and_approves(client, article, moderator):
    article.section.comment_moderation = "pre"
    article.section.save()
    post(client, article, "Please approve me")
    comment = Comment.objects.get()
    client.force_login(moderator)
    queue = client.get(reverse("admin:comments_comment_changelist") + "?queue=held")
    assert queue.status_code == 200
    assert "Pre-moderation" in queue.content.decode()
    client.post(
        reverse("admin:comments_comment_changelist"),
        {"action": "approve", "_selected_action": [comment.pk]},
    )
    comment.refresh_from_db()
    assert comment.status == Comment.Status.APPROVED
    assert comment.moderated_by == moderator
    client.logout()
    assert "Please approve me" in client.get(article.get_absolute_url()).content.decode()


def test_ban_takes_down_and_blocks_the_reader(client, article, moderator):
    post(client, article, "Abuse", ip="203.0.113.99", email="troll@example.org")
    comment = Comment.objects.get()
    services.reader_ban(comment=comment, moderator=moderator)
    comment.refresh_from_db()
    assert comment.status == Comment.Status.REJECTED
    assert BannedReader.objects.count() == 1
    again = post(client, article, "More abuse", ip="203.0.113.99")
    assert again.status_code == 403
    other_ip = post(client, article, "Hiding", email="TROLL@example.org")
    assert other_ip.status_code == 403


def test_editors_and_contributors_cannot_moderate(writer_user, article):
    post_client_comment = Comment.objects.create(article=article, name="x", text="y")
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        services.comment_approve(comment=post_client_comment, moderator=writer_user)


class _Akismet(http.server.BaseHTTPRequestHandler):
    answer = b"false"
    delay = 0.0

    def do_POST(self):  # noqa: N802 - the handler's protocol
        import time

        self.rfile.read(int(self.headers["Content-Length"]))
        time.sleep(self.delay)
        self.send_response(200)
        self.end_headers()
        self.wfile.write(self.answer)

    def log_message(self, *args):
        pass


@pytest.fixture
def akismet(settings):
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Akismet)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    settings.AKISMET_API_KEY = "test-key"
    settings.AKISMET_URL = f"http://127.0.0.1:{server.server_port}/1.1/comment-check"
    settings.AKISMET_TIMEOUT = 0.5
    yield _Akismet
    server.shutdown()
    _Akismet.answer, _Akismet.delay = b"false", 0.0


@pytest.mark.parametrize(
    "answer,delay,status,reason",
    [
        (b"false", 0.0, Comment.Status.APPROVED, ""),
        (b"true", 0.0, Comment.Status.PENDING, "Akismet says this looks like spam"),
        (b"false", 1.0, Comment.Status.PENDING, "The spam check did not answer; held to be safe"),
        (
            b"<html>",
            0.0,
            Comment.Status.PENDING,
            'The spam check gave an unexpected answer: "<html>"',
        ),
    ],
)
def test_akismet_holds_spam_and_failures_never_500(
    client, article, akismet, answer, delay, status, reason
):
    akismet.answer, akismet.delay = answer, delay
    response = post(client, article, "Buy cheap things")
    assert response.status_code == 303
    comment = Comment.objects.get()
    assert (comment.status, comment.held_reason) == (status, reason)


def test_akismet_unreachable_holds(client, article, settings):
    settings.AKISMET_API_KEY = "test-key"
    settings.AKISMET_URL = "http://127.0.0.1:9/closed"
    assert post(client, article, "Hello").status_code == 303
    assert Comment.objects.get().status == Comment.Status.PENDING


def test_banning_a_keyless_comment_takes_down_that_comment_only(article, moderator):
    # Comments stored without a reader key (imported, or from before keys) are not one writer.
    keyless = [
        Comment.objects.create(
            article=article, name=f"Old {n}", text="From the archive.", reader="", status="approved"
        )
        for n in range(3)
    ]
    services.reader_ban(comment=keyless[0], moderator=moderator)
    statuses = [Comment.objects.get(pk=c.pk).status for c in keyless]
    assert statuses == [Comment.Status.REJECTED, Comment.Status.APPROVED, Comment.Status.APPROVED]


def test_a_ban_with_neither_key_nor_address_is_refused(client, db):
    from tests.factories import make_user

    client.force_login(make_user("boss", superuser=True))
    response = client.post(reverse("admin:comments_bannedreader_add"), {"email": "", "reason": ""})
    assert response.status_code == 200
    assert "A ban needs the reader&#x27;s e-mail address" in response.content.decode()
    assert BannedReader.objects.count() == 0
