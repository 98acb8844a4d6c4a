"""Limits, bans and reports stop the poster, not the readers who share their address.

Two readers in one office (or behind one mobile carrier's address) are two browsers: each has
its own poster key (a cookie). The address (an IPv6 /64) only backs them up: a wider limit,
and a hold on comments from a banned reader's network (docs/security.md, "Hostile traffic").
"""

from datetime import timedelta

import pytest
import time_machine
from django.test import Client
from django.utils import timezone

from newsdesk.comments import services
from newsdesk.comments.models import Comment
from tests.comments.conftest import post, report

pytestmark = pytest.mark.django_db

OFFICE = "203.0.113.50"


def reader_post(browser: Client, article, text: str, *, ip: str = OFFICE, **extra):
    """A post from ``browser``, which keeps its own cookies (a second browser at one address)."""
    from tests.comments.conftest import started

    data = {"name": "Reader", "text": text, "started": started(), **extra}
    return browser.post(
        f"/comments/{article.pk}/", data, REMOTE_ADDR=ip, HTTP_ORIGIN="http://testserver"
    )


def test_one_readers_wait_does_not_hold_up_their_colleague(article):
    alice, bob = Client(), Client()
    assert reader_post(alice, article, "First thoughts").status_code == 303
    assert reader_post(bob, article, "A colleague's thoughts").status_code == 303
    too_soon = reader_post(alice, article, "More thoughts at once")
    assert too_soon.status_code == 429
    assert Comment.objects.visible().count() == 2


def test_a_ban_stops_the_poster_and_spares_their_colleague(article, moderator):
    alice, bob = Client(), Client()
    reader_post(bob, article, "Measured words")
    reader_post(alice, article, "Abuse", email="troll@example.org")
    services.reader_ban(comment=Comment.objects.get(text="Abuse"), moderator=moderator)
    assert Comment.objects.get(text="Measured words").status == Comment.Status.APPROVED
    assert reader_post(alice, article, "Still here").status_code == 403
    # The colleague may still post: from a banned reader's network it waits for a moderator.
    with time_machine.travel(timezone.now() + timedelta(minutes=2)):
        again = reader_post(bob, article, "Still measured")
    assert again.status_code == 303
    assert Comment.objects.get(text="Still measured").status == Comment.Status.PENDING


def test_a_banned_reader_in_a_new_browser_within_their_ipv6_64_is_held(article, moderator):
    troll = Client()
    reader_post(troll, article, "Abuse", ip="2001:db8:5:5::1")
    services.reader_ban(comment=Comment.objects.get(), moderator=moderator)
    fresh = Client()  # cookies cleared, another address of the same /64
    assert reader_post(fresh, article, "Abuse again", ip="2001:db8:5:5::beef").status_code == 303
    held = Comment.objects.get(text="Abuse again")
    assert held.status == Comment.Status.PENDING
    assert "banned" in held.held_reason
    assert reader_post(Client(), article, "Elsewhere", ip="2001:db8:5:6::1").status_code == 303
    assert Comment.objects.get(text="Elsewhere").status == Comment.Status.APPROVED


def test_a_flood_of_new_browsers_from_one_address_meets_the_address_limit(article, settings):
    settings.NEWSDESK_COMMENT_POSTERS_PER_ADDRESS = 3
    codes = [reader_post(Client(), article, f"Post number {n}").status_code for n in range(5)]
    assert codes == [303, 303, 303, 429, 429]


def test_a_re_approved_comment_is_hidden_only_by_new_readers(client, article, moderator):
    post(client, article, "Contested words")
    comment = Comment.objects.get()
    for n in range(3):
        report(client, comment, ip=f"192.0.2.{n + 1}")
    comment.refresh_from_db()
    assert comment.status == Comment.Status.PENDING
    services.comment_approve(comment=comment, moderator=moderator)
    report(client, comment, ip="192.0.2.77")  # one new report is not three
    comment.refresh_from_db()
    assert (comment.status, comment.reports) == (Comment.Status.APPROVED, 1)
    for n in range(2):
        report(client, comment, ip=f"198.51.100.{n + 1}")
    comment.refresh_from_db()
    assert comment.status == Comment.Status.PENDING


def test_reports_from_one_address_count_once_towards_hiding(client, article):
    post(client, article, "Contested words")
    comment = Comment.objects.get()
    for _ in range(3):  # three browsers in one office
        Client().post(
            f"/comments/report/{comment.pk}/", REMOTE_ADDR=OFFICE, HTTP_ORIGIN="http://testserver"
        )
    comment.refresh_from_db()
    assert comment.status == Comment.Status.APPROVED
