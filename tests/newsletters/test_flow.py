"""The reader's whole way through newsletters, in process, mail through a real SMTP server:
sign up, confirm by the mailed link, get a briefing with both parts and the unsubscribe
headers, unsubscribe in one click, get nothing after; a breaking alert, once a story."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import pytest

from newsdesk.newsletters import errors, services
from newsdesk.newsletters.models import Delivery, Letter, Subscriber, Subscription
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db
ORIGIN = {"HTTP_ORIGIN": "http://testserver"}


def signup(client, started, address, lists=("briefing", "alerts"), **extra):
    data = {"email": address, "lists": list(lists), "started": started, **extra}
    return client.post("/newsletters/signup/", data, **ORIGIN)


def link(text: str, kind: str) -> str:
    url = re.search(rf"http://testserver(/newsletters/{kind}/\S+/)", text)
    assert url, text
    return url.group(1)


def subscribe(client, smtp, started, address, capture, lists=("briefing", "alerts")):
    with capture(execute=True):
        assert signup(client, started, address, lists).status_code == 200
    mail = smtp.wait_for(lambda m: len([x for x in m if address in x.recipients]) >= 1)
    confirm = link([m for m in mail if address in m.recipients][-1].part("text/plain"), "confirm")
    assert client.get(confirm).status_code == 200
    page = client.post(confirm)
    assert page.status_code == 200 and b"You are subscribed" in page.content
    return Subscriber.objects.get(address_key=address.casefold())


def test_subscribe_confirm_briefing_unsubscribe(
    client, smtp, started, editor, django_capture_on_commit_callbacks
):
    ArticleFactory(headline="Drills resume on the western front")
    signup_page = None
    with django_capture_on_commit_callbacks(execute=True):
        signup_page = signup(client, started, "Reader.One@Example.org")
    assert b"Check your inbox" in signup_page.content
    assert Subscriber.objects.count() == 0  # nothing stored before the reader confirms
    [confirmation] = smtp.wait_for(lambda m: len(m) == 1)
    assert confirmation.recipients == ["Reader.One@Example.org"]
    assert "Confirm my subscription" in confirmation.part("text/html")
    confirm = link(confirmation.part("text/plain"), "confirm")
    assert client.get(confirm).status_code == 200
    assert Subscriber.objects.count() == 0  # a GET (a mail scanner) confirms nothing
    assert b"You are subscribed" in client.post(confirm).content
    subscriber = Subscriber.objects.get()
    assert {s.list_key for s in subscriber.subscriptions.all()} == {"briefing", "alerts"}

    with django_capture_on_commit_callbacks(execute=True):
        letter = services.briefing_compose(force=True)
        services.letter_send_now(letter=letter, user=editor)
    messages = smtp.wait_for(lambda m: len(m) == 2)
    briefing = messages[-1]
    assert briefing.subject == letter.subject
    text, html = briefing.part("text/plain"), briefing.part("text/html")
    assert "Drills resume on the western front" in text and "Drills resume" in html
    assert '<html lang="en"' in html and 'style="' in html and "<style" not in html
    assert "/newsletters/opened/" not in html  # no tracking picture unless the newsroom asks
    unsubscribe_header = briefing.message["List-Unsubscribe"]
    https_url = re.search(r"<(http[^>]+)>", unsubscribe_header).group(1)
    assert "<mailto:" in unsubscribe_header
    assert briefing.message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert urlsplit(https_url).path in text  # the same link in the mail's own footer
    letter.refresh_from_db()
    assert letter.status == Letter.Status.SENT
    assert Delivery.objects.get().state == Delivery.State.SENT

    # One click, as a mail provider does it: no cookie, no CSRF token, just the body.
    answer = client.post(
        urlsplit(https_url).path,
        "List-Unsubscribe=One-Click",
        content_type="application/x-www-form-urlencoded",
    )
    assert answer.status_code == 200
    assert Subscription.objects.count() == 0

    article = ArticleFactory(headline="Launch detected")
    with django_capture_on_commit_callbacks(execute=True):
        services.alert_create(article=article, user=editor)
    assert len(smtp.messages) == 2  # nothing after unsubscribing


def test_breaking_alert_once_per_story(
    client, smtp, started, editor, django_capture_on_commit_callbacks
):
    subscriber = subscribe(
        client, smtp, started, "alerts@example.org", django_capture_on_commit_callbacks
    )
    article = ArticleFactory(headline="Border incident near the DMZ")
    with django_capture_on_commit_callbacks(execute=True):
        letter = services.alert_create(article=article, user=editor)
    alerts = smtp.wait_for(lambda m: any(x.subject.startswith("Breaking:") for x in m))
    [alert] = [m for m in alerts if m.subject.startswith("Breaking:")]
    assert alert.subject == "Breaking: Border incident near the DMZ"
    assert alert.message["Message-ID"] == f"<letter-{letter.pk}.reader-{subscriber.pk}@testserver>"
    with pytest.raises(errors.AlertAlreadySent):
        services.alert_create(article=article, user=editor)
    assert Letter.objects.filter(kind="alert").count() == 1


def test_only_editors_send_alerts(writer_user):
    article = ArticleFactory()
    with pytest.raises(errors.NotAnEditor):
        services.alert_create(article=article, user=writer_user)
    assert not Letter.objects.exists()


def test_an_unpublished_story_is_not_alerted(editor):
    article = ArticleFactory(status="draft")
    with pytest.raises(errors.NotAlertable):
        services.alert_create(article=article, user=editor)


def test_addresses_are_stored_once_whatever_their_case(
    client, smtp, started, django_capture_on_commit_callbacks
):
    subscribe(
        client,
        smtp,
        started,
        "Same@Example.org",
        django_capture_on_commit_callbacks,
        lists=("briefing",),
    )
    subscribe(
        client,
        smtp,
        started,
        "same@EXAMPLE.org",
        django_capture_on_commit_callbacks,
        lists=("alerts",),
    )
    subscriber = Subscriber.objects.get()
    assert {s.list_key for s in subscriber.subscriptions.all()} == {"briefing", "alerts"}


def test_a_suppressed_address_gets_nothing(
    client, smtp, started, editor, django_capture_on_commit_callbacks
):
    subscribe(client, smtp, started, "bounced@example.org", django_capture_on_commit_callbacks)
    assert services.address_suppress(address="BOUNCED@example.org", reason="bounce") == 1
    before = len(smtp.messages)
    with django_capture_on_commit_callbacks(execute=True):
        letter = services.alert_create(article=ArticleFactory(), user=editor)
    letter.refresh_from_db()
    assert letter.recipients == 0 and letter.status == Letter.Status.SENT
    assert len(smtp.messages) == before


def test_open_tracking_when_the_newsroom_turns_it_on(
    client, smtp, started, editor, settings, django_capture_on_commit_callbacks
):
    settings.NEWSDESK_OPEN_TRACKING = True
    subscriber = subscribe(
        client, smtp, started, "opens@example.org", django_capture_on_commit_callbacks
    )
    with django_capture_on_commit_callbacks(execute=True):
        services.alert_create(article=ArticleFactory(), user=editor)
    [alert] = smtp.wait_for(lambda m: any(x.subject.startswith("Breaking:") for x in m))[-1:]
    picture = re.search(r'<img src="http://testserver(/newsletters/opened/[^"]+\.gif)"',
                        alert.part("text/html"))
    assert picture, alert.part("text/html")
    delivery = Delivery.objects.get(subscriber=subscriber)
    assert delivery.opened_at is None
    answer = client.get(picture.group(1))
    assert answer.status_code == 200 and answer["Content-Type"] == "image/gif"
    assert "no-store" in answer["Cache-Control"] or "max-age=0" in answer["Cache-Control"]
    delivery.refresh_from_db()
    first = delivery.opened_at
    assert first is not None
    client.get(picture.group(1))
    delivery.refresh_from_db()
    assert delivery.opened_at == first  # the first opening only
    forged = picture.group(1).replace(".gif", "x.gif")
    assert client.get(forged).status_code == 400
