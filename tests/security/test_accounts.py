"""The admin login: throttling (django-axes), password strength, optional TOTP, role limits."""

from datetime import timedelta

import pytest
import time_machine
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.utils import timezone
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.factories import make_user

pytestmark = pytest.mark.django_db

PASSWORD = "correct horse battery staple 42"


@pytest.fixture
def staffer(django_user_model):
    user = make_user("staffer", role="Editor")
    user.set_password(PASSWORD)
    user.save()
    return user


def login(client, username, password, ip="203.0.113.7", **extra):
    return client.post(
        "/admin/login/",
        {"username": username, "password": password, "next": "/admin/", **extra},
        REMOTE_ADDR=ip,
    )


def fail(client, times, username="staffer", ip="203.0.113.7"):
    """Wrong passwords: the form again, and at the fifth the lockout (429)."""
    for attempt in range(1, times + 1):
        expected = 429 if attempt >= 5 else 200
        assert login(client, username, "wrong password", ip=ip).status_code == expected


def test_five_failures_lock_the_user_from_that_address(client, staffer):
    fail(client, 4)
    assert login(client, "staffer", PASSWORD).status_code == 302  # four are forgiven
    client.logout()
    fail(client, 5)
    locked = login(client, "staffer", PASSWORD)
    assert locked.status_code == 429
    assert "Try again in 15 minutes" in locked.content.decode()
    assert "_auth_user_id" not in client.session


def test_the_lockout_is_per_user_and_address(client, staffer):
    fail(client, 5)
    assert login(client, "staffer", PASSWORD, ip="198.51.100.9").status_code == 302
    client.logout()
    # Another account from the locked address is not locked either.
    other = make_user("colleague", role="Editor")
    other.set_password(PASSWORD)
    other.save()
    assert login(client, "colleague", PASSWORD).status_code == 302


def test_guessing_one_user_name_from_many_addresses_is_throttled_too(client, staffer, settings):
    per_name = settings.NEWSDESK_LOGIN_FAILURES_PER_USERNAME
    for n in range(per_name):  # a few guesses from each of many addresses
        ip = f"198.51.100.{n // 2}"
        assert login(client, "staffer", "wrong password", ip=ip).status_code in {200, 429}
    locked = login(client, "staffer", PASSWORD, ip="192.0.2.200")
    assert locked.status_code == 429
    assert "_auth_user_id" not in client.session
    # Another account is not affected.
    other = make_user("colleague", role="Editor")
    other.set_password(PASSWORD)
    other.save()
    assert login(client, "colleague", PASSWORD, ip="192.0.2.200").status_code == 302


def test_below_the_user_name_limit_other_addresses_still_log_in(client, staffer, settings):
    for n in range(settings.NEWSDESK_LOGIN_FAILURES_PER_USERNAME - 1):
        login(client, "staffer", "wrong password", ip=f"198.51.100.{n}")
    assert login(client, "staffer", PASSWORD, ip="192.0.2.200").status_code == 302


def test_the_addresses_of_one_ipv6_subscriber_are_one_address(client, staffer):
    for n in range(5):  # five addresses of one /64
        login(client, "staffer", "wrong password", ip=f"2001:db8:7:7::{n + 1}")
    assert login(client, "staffer", PASSWORD, ip="2001:db8:7:7::99").status_code == 429
    assert login(client, "staffer", PASSWORD, ip="2001:db8:7:8::1").status_code == 302


def test_a_locked_out_user_recovers_after_the_cool_off(client, staffer):
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        fail(client, 5)
        assert login(client, "staffer", PASSWORD).status_code == 429
    with time_machine.travel(start + timedelta(minutes=16), tick=False):
        assert login(client, "staffer", PASSWORD).status_code == 302


def test_an_administrator_unlocks_from_the_admin(client, staffer):
    fail(client, 5)
    assert login(client, "staffer", PASSWORD).status_code == 429
    admin = make_user("root", superuser=True)
    from axes.models import AccessAttempt

    attempt = AccessAttempt.objects.get(username="staffer")
    other = client.__class__()
    other.force_login(admin)
    page = other.get("/admin/axes/accessattempt/")
    assert page.status_code == 200 and "staffer" in page.content.decode()
    response = other.post(f"/admin/axes/accessattempt/{attempt.pk}/delete/", {"post": "yes"})
    assert response.status_code == 302
    assert login(client, "staffer", PASSWORD).status_code == 302


@pytest.mark.parametrize(
    "password",
    ["short1!", "password123456", "123456789012345", "staffer12345", "qwertyuiop123"],
)
def test_weak_passwords_are_refused(staffer, password):
    with pytest.raises(ValidationError):
        validate_password(password, user=staffer)


def test_a_long_unusual_password_is_accepted(staffer):
    validate_password("tank treads under a violet moon", user=staffer)


# Two-factor (django-otp): optional; those who set it up must use it.


@pytest.fixture
def device(staffer):
    return TOTPDevice.objects.create(user=staffer, name="phone", confirmed=True)


def code(device) -> str:
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"


def test_staff_without_a_device_log_in_with_the_password_alone(client, staffer):
    assert login(client, "staffer", PASSWORD).status_code == 302
    assert client.get("/admin/").status_code == 200


def test_staff_with_a_device_are_refused_without_its_code(client, staffer, device):
    assert login(client, "staffer", PASSWORD).status_code == 200
    assert client.get("/admin/").status_code == 302  # still outside
    wrong = f"{(int(code(device)) + 1) % 1000000:06d}"
    assert login(client, "staffer", PASSWORD, otp_token=wrong).status_code == 200
    assert client.get("/admin/").status_code == 302


def test_staff_with_a_device_get_in_with_its_code(client, staffer, device):
    assert login(client, "staffer", PASSWORD, otp_token=code(device)).status_code == 302
    assert client.get("/admin/").status_code == 200


def test_a_session_that_skipped_the_code_reaches_nothing_staff_only(client, staffer, device):
    client.force_login(staffer)  # a password-only session, e.g. from before the device
    response = client.get("/admin/")
    assert response.status_code == 302 and "/admin/login/" in response["Location"]
    assert client.get("/audience/dashboard/").status_code in {302, 403}


def test_the_login_page_offers_the_code_field(client):
    page = client.get("/admin/login/").content.decode()
    assert 'name="otp_token"' in page and 'autocomplete="one-time-code"' in page


# Roles, through the admin as staff use it.


def test_a_contributor_cannot_moderate_comments(client, writer_user):
    client.force_login(writer_user)
    assert client.get("/admin/comments/comment/").status_code == 403


def test_a_contributor_is_not_offered_publishing(client, writer_user):
    from tests.factories import ArticleFactory

    article = ArticleFactory(status="draft", created_by=writer_user)
    client.force_login(writer_user)
    page = client.get("/admin/newsroom/article/")
    assert page.status_code == 200
    assert 'value="publish' not in page.content.decode()
    response = client.post(
        "/admin/newsroom/article/",
        {"action": "publish", "_selected_action": [article.pk]},
    )
    article.refresh_from_db()
    assert article.status == "draft"
    assert response.status_code in {200, 302, 403}


def test_a_moderator_cannot_edit_articles(client, moderator):
    from tests.factories import ArticleFactory

    article = ArticleFactory()
    client.force_login(moderator)
    assert client.get("/admin/newsroom/article/").status_code == 403
    assert client.get(f"/admin/newsroom/article/{article.pk}/change/").status_code == 403


def test_staff_roles_cannot_unlock_accounts_or_manage_devices(client, editor):
    client.force_login(editor)
    assert client.get("/admin/axes/accessattempt/").status_code == 403
    assert client.get("/admin/otp_totp/totpdevice/").status_code == 403
