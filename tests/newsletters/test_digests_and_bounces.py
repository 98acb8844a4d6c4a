"""The weekly digests composed on Saturdays, and bounces and complaints from the provider's
webhook (django-anymail, Postmark's format) stopping mail to an address."""

from __future__ import annotations

import base64
import json
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine

from newsdesk.newsletters import services
from newsdesk.newsletters.models import Letter, Subscriber
from tests.factories import ArticleFactory, SectionFactory

pytestmark = pytest.mark.django_db
SATURDAY_6 = datetime(2026, 12, 12, 6, 0, tzinfo=ZoneInfo("UTC"))  # half an hour before


def test_saturday_brings_each_wanted_sections_digest(settings):
    settings.TIME_ZONE = "UTC"
    land, sea, air = (SectionFactory(slug=s, name=s.title()) for s in ("land", "sea", "air"))
    with time_machine.travel(SATURDAY_6 - timedelta(days=2), tick=False):
        old = ArticleFactory(
            section=land, headline="Old news", publish_at=SATURDAY_6 - timedelta(days=9)
        )
        fresh = [ArticleFactory(section=land, headline=f"Land {n}") for n in range(3)]
        ArticleFactory(section=sea, headline="Sea story")
        ArticleFactory(section=air, headline="Air story")
    services.signup_confirm(address="land@example.org", chosen=["digest:land"])
    services.signup_confirm(address="sea@example.org", chosen=["digest:sea", "briefing"])
    # Friday: nothing. Saturday before the window: nothing.
    assert services.digests_compose(now=SATURDAY_6 - timedelta(days=1)) == []
    assert services.digests_compose(now=SATURDAY_6 - timedelta(hours=2)) == []
    letters = services.digests_compose(now=SATURDAY_6)
    assert sorted(letter.list_key for letter in letters) == ["digest:land", "digest:sea"]
    land_letter = next(x for x in letters if x.list_key == "digest:land")
    stories = list(land_letter.letterarticle_set.values_list("article_id", flat=True))
    assert set(stories) == {a.pk for a in fresh} and old.pk not in stories
    assert land_letter.subject == "Land this week, 12 December 2026"
    assert land_letter.send_at == SATURDAY_6 + timedelta(minutes=60)
    assert services.digests_compose(now=SATURDAY_6 + timedelta(minutes=5)) == []  # once a week
    assert Letter.objects.filter(kind="digest").count() == 2


def _postmark(client, payload, pair="newsdesk-test:webhook-secret"):
    auth = base64.b64encode(pair.encode()).decode()
    return client.post(
        "/anymail/postmark/tracking/",
        json.dumps(payload),
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Basic {auth}",
    )


BOUNCE = {
    "RecordType": "Bounce",
    "Type": "HardBounce",
    "ID": 4323372036,
    "Email": "Gone@Example.org",
    "BouncedAt": "2026-12-07T10:00:00Z",
    "Description": "The server was unable to deliver your message.",
}


def test_a_hard_bounce_suppresses_the_address(client, editor):
    services.signup_confirm(address="gone@example.org", chosen=["alerts"])
    answer = _postmark(client, BOUNCE)
    assert answer.status_code == 200
    subscriber = Subscriber.objects.get()
    assert subscriber.suppressed_at is not None and subscriber.suppressed_reason == "bounced"
    letter = services.alert_create(article=ArticleFactory(), user=editor)
    assert letter.recipients == 0


def test_a_complaint_suppresses_the_address(client):
    services.signup_confirm(address="angry@example.org", chosen=["briefing"])
    complaint = {
        **BOUNCE,
        "RecordType": "SpamComplaint",
        "Type": "SpamComplaint",
        "Email": "angry@example.org",
    }
    assert _postmark(client, complaint).status_code == 200
    assert Subscriber.objects.get().suppressed_reason == "complained"


def test_a_webhook_without_the_secret_changes_nothing(client):
    services.signup_confirm(address="gone@example.org", chosen=["alerts"])
    answer = _postmark(client, BOUNCE, pair="someone:else")
    assert answer.status_code == 400
    assert Subscriber.objects.get().suppressed_at is None


def test_a_soft_event_changes_nothing(client):
    services.signup_confirm(address="gone@example.org", chosen=["alerts"])
    delivered = {
        "RecordType": "Delivery",
        "Recipient": "gone@example.org",
        "DeliveredAt": "2026-12-07T10:00:00Z",
        "MessageID": "x",
    }
    assert _postmark(client, delivered).status_code == 200
    assert Subscriber.objects.get().suppressed_at is None
