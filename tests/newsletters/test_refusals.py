"""Bad input to the newsletter pages: a clear 4xx, nothing stored, nothing sent."""

from __future__ import annotations

import time

import pytest
import time_machine
from django.core import mail, signing

from newsdesk.newsletters import errors, services, tokens
from newsdesk.newsletters.forms import STARTED_SALT
from newsdesk.newsletters.models import Letter, SignupRequest, Subscriber
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db
ORIGIN = {"HTTP_ORIGIN": "http://testserver"}


def post(client, drawn, django_capture_on_commit_callbacks, **fields):
    data = {"email": "reader@example.org", "lists": ["briefing"], "started": drawn, **fields}
    with django_capture_on_commit_callbacks(execute=True):
        return client.post("/newsletters/signup/", data, **ORIGIN)


@pytest.mark.parametrize(
    "address",
    [
        "not an address",
        "reader@",
        "@example.org",
        "reader@example.org\r\nBcc: victim@example.net",
        "reader@example.org\nSubject: hi",
        "reader@exa mple.org",
        "a" * 250 + "@example.org",
        "<script>alert(1)</script>@example.org",
    ],
)
def test_malformed_addresses_are_refused(
    client, started, django_capture_on_commit_callbacks, address
):
    page = post(client, started, django_capture_on_commit_callbacks, email=address)
    assert page.status_code == 400
    assert b"Please correct the form below." in page.content
    assert b"<script>alert(1)" not in page.content
    assert mail.outbox == [] and not SignupRequest.objects.exists()


def test_a_list_we_do_not_offer_is_refused(client, started, django_capture_on_commit_callbacks):
    page = post(client, started, django_capture_on_commit_callbacks, lists=["briefing", "evil"])
    assert page.status_code == 400
    assert b"evil is not one of our newsletters" in page.content
    assert mail.outbox == []


@pytest.mark.parametrize(
    "fields",
    [
        {"website": "http://spam.example"},  # the honeypot
        {"started": "forged"},
        {"started": ""},
        {"started": "now"},  # replaced below by a token of this instant: too fast for a person
    ],
)
def test_bots_are_refused(client, started, django_capture_on_commit_callbacks, fields):
    if fields.get("started") == "now":
        fields = {"started": signing.dumps(int(time.time()), salt=STARTED_SALT)}
    page = post(client, started, django_capture_on_commit_callbacks, **fields)
    assert page.status_code == 403
    assert b"We could not take this sign-up" in page.content
    assert mail.outbox == []


def test_a_post_from_another_site_is_refused(client, started, django_capture_on_commit_callbacks):
    data = {"email": "reader@example.org", "lists": ["briefing"], "started": started}
    with django_capture_on_commit_callbacks(execute=True):
        page = client.post("/newsletters/signup/", data, HTTP_ORIGIN="https://evil.example")
    assert page.status_code == 403 and mail.outbox == []


def test_one_address_is_mailed_three_times_a_day_at_most(
    client, started, django_capture_on_commit_callbacks
):
    for _ in range(3):
        assert post(client, started, django_capture_on_commit_callbacks).status_code == 200
    page = post(client, started, django_capture_on_commit_callbacks, email="READER@example.org")
    assert page.status_code == 429 and page["Retry-After"]
    assert b"several confirmation mails today" in page.content
    assert len(mail.outbox) == 3


def test_one_network_signs_up_twenty_times_an_hour_at_most(
    client, started, django_capture_on_commit_callbacks
):
    for n in range(20):
        page = post(client, started, django_capture_on_commit_callbacks, email=f"r{n}@example.org")
        assert page.status_code == 200
    page = post(client, started, django_capture_on_commit_callbacks, email="r99@example.org")
    assert page.status_code == 429


def test_expired_and_forged_confirmation_links(client):
    token = tokens.confirm_token("reader@example.org", ["briefing"])
    forged = token[:-3] + ("aaa" if not token.endswith("aaa") else "bbb")
    page = client.get(f"/newsletters/confirm/{forged}/")
    assert page.status_code == 400 and b"This link is not valid" in page.content
    with time_machine.travel(time.time() + tokens.CONFIRM_MAX_AGE + 60):
        page = client.post(f"/newsletters/confirm/{token}/")
    assert page.status_code == 400 and b"has expired" in page.content
    assert not Subscriber.objects.exists()
    # A subscriber's token is no confirmation token (another salt).
    page = client.post(f"/newsletters/confirm/{tokens.subscriber_token(1)}/")
    assert page.status_code == 400


def test_forged_preference_and_unsubscribe_links(client):
    subscriber = services.signup_confirm(address="reader@example.org", chosen=["briefing"])
    good = tokens.subscriber_token(subscriber.pk)
    other = tokens.subscriber_token(subscriber.pk + 1)
    forged = good.rsplit(":", 1)[0] + ":" + "A" * 43
    for path in ("preferences", "unsubscribe"):
        assert client.post(f"/newsletters/{path}/{forged}/").status_code == 400
        assert client.get(f"/newsletters/{path}/{other}/").status_code == 404
    assert subscriber.subscriptions.count() == 1


def test_drafts_are_not_in_the_archive(client, editor):
    letter = services.briefing_compose(force=True)
    assert client.get(f"/newsletters/{letter.pk}/").status_code == 404
    services.letter_cancel(letter=letter, user=editor)
    assert client.get(f"/newsletters/{letter.pk}/").status_code == 404


def test_a_subject_with_a_line_break_is_refused(editor):
    letter = services.briefing_compose(force=True)
    with pytest.raises(errors.BadRequest):
        services.letter_edit(
            letter=letter,
            user=editor,
            subject="Hi\r\nBcc: all@example.org",
            intro="",
            article_ids=[],
        )
    letter.refresh_from_db()
    assert "\n" not in letter.subject and "Bcc" not in letter.subject


def test_the_admin_refuses_a_subject_with_a_line_break(client, editor):
    letter = services.briefing_compose(force=True)
    client.force_login(editor)
    url = f"/admin/newsletters/letter/{letter.pk}/change/"
    form = client.get(url)
    assert form.status_code == 200
    data = {
        "subject": "Morning\r\nBcc: everyone@example.org",
        "intro": "",
        "letterarticle_set-TOTAL_FORMS": "0",
        "letterarticle_set-INITIAL_FORMS": "0",
        "letterarticle_set-MIN_NUM_FORMS": "0",
        "letterarticle_set-MAX_NUM_FORMS": "1000",
    }
    page = client.post(url, data, follow=True)
    assert page.status_code == 200
    assert b"The subject must be one line." in page.content
    letter.refresh_from_db()
    assert "Bcc" not in letter.subject


def test_an_editor_changes_a_draft_and_a_sent_letter_is_closed(client, editor):
    first, second = ArticleFactory(headline="First"), ArticleFactory(headline="Second")
    letter = services.briefing_compose(force=True)
    client.force_login(editor)
    url = f"/admin/newsletters/letter/{letter.pk}/change/"
    data = {
        "subject": "Tuesday's briefing",
        "intro": "Good morning.",
        "letterarticle_set-TOTAL_FORMS": "2",
        "letterarticle_set-INITIAL_FORMS": "0",
        "letterarticle_set-MIN_NUM_FORMS": "0",
        "letterarticle_set-MAX_NUM_FORMS": "1000",
        "letterarticle_set-0-position": "2",
        "letterarticle_set-0-article": str(first.pk),
        "letterarticle_set-1-position": "1",
        "letterarticle_set-1-article": str(second.pk),
    }
    assert client.post(url, data).status_code == 302
    letter.refresh_from_db()
    assert letter.subject == "Tuesday's briefing" and letter.intro == "Good morning."
    order = list(letter.letterarticle_set.values_list("article__headline", flat=True))
    assert order == ["Second", "First"]
    services.letter_release(letter=letter)
    assert client.post(url, data).status_code == 403
    assert Letter.objects.get().subject == "Tuesday's briefing"
