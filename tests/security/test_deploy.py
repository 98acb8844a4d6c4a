"""Production settings: the deployment checks pass; unsafe configurations refuse to start."""

import json
import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

NEWSDESK = str(Path(sys.executable).parent / "newsdesk")
GOOD_KEY = secrets.token_urlsafe(50)


def run(args: list[str], tmp_path, **env_changes) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k not in {"DEBUG", "SECRET_KEY", "ALLOWED_HOSTS"}}
    env.update(
        DJANGO_SETTINGS_MODULE="newsdesk.settings.production",
        NEWSDESK_DATA_DIR=str(tmp_path),
        SECRET_KEY=GOOD_KEY,
        ALLOWED_HOSTS="example.com",
        NEWSDESK_PROXY_COUNT="1",
    )
    for name, value in env_changes.items():
        if value is None:
            env.pop(name, None)
        else:
            env[name] = value
    return subprocess.run(args, env=env, capture_output=True, text=True, timeout=120)


def test_check_deploy_is_clean_at_warning_level(tmp_path):
    result = run([NEWSDESK, "check", "--deploy", "--fail-level", "WARNING"], tmp_path)
    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"DEBUG": "1"}, "DEBUG must be off"),
        ({"SECRET_KEY": None}, "Set SECRET_KEY"),
        ({"SECRET_KEY": ""}, "Set SECRET_KEY"),
        ({"SECRET_KEY": "short-key"}, "Set SECRET_KEY"),
        ({"SECRET_KEY": "django-insecure-" + "x1y2z3" * 10}, "Set SECRET_KEY"),
        ({"SECRET_KEY": "a" * 60}, "Set SECRET_KEY"),
        ({"SECRET_KEY": "test-only-key-not-for-any-deployment-0123456789abcdef"}, "Set SECRET_KEY"),
        ({"ALLOWED_HOSTS": None}, "Set ALLOWED_HOSTS"),
        ({"ALLOWED_HOSTS": " , "}, "Set ALLOWED_HOSTS"),
        # Behind a proxy, 0 would make every reader the proxy: it must be said, not assumed.
        ({"NEWSDESK_PROXY_COUNT": None}, "Set NEWSDESK_PROXY_COUNT"),
        ({"NEWSDESK_PROXY_COUNT": " "}, "Set NEWSDESK_PROXY_COUNT"),
        ({"NEWSDESK_PROXY_COUNT": "one"}, "NEWSDESK_PROXY_COUNT must be a whole number"),
        ({"NEWSDESK_PROXY_COUNT": "-1"}, "NEWSDESK_PROXY_COUNT must be a whole number"),
    ],
)
def test_production_refuses_to_start_unsafe(tmp_path, change, message):
    result = run([NEWSDESK, "check"], tmp_path, **change)
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert message in result.stderr


PRINT_SETTINGS = """
import json, django
django.setup()
from django.conf import settings as s
print(json.dumps({name: getattr(s, name) for name in [
    "SECURE_HSTS_SECONDS", "SECURE_HSTS_INCLUDE_SUBDOMAINS", "SESSION_COOKIE_SECURE",
    "CSRF_COOKIE_SECURE", "SESSION_COOKIE_HTTPONLY", "CSRF_COOKIE_HTTPONLY",
    "SESSION_COOKIE_SAMESITE", "CSRF_COOKIE_SAMESITE", "SECURE_SSL_REDIRECT",
]}))
"""


def test_production_starts_with_an_explicit_proxy_count_of_zero(tmp_path):
    result = run([NEWSDESK, "check"], tmp_path, NEWSDESK_PROXY_COUNT="0")
    assert result.returncode == 0, result.stderr


def test_production_sends_a_year_of_hsts_and_secure_cookies(tmp_path):
    result = run([sys.executable, "-c", PRINT_SETTINGS], tmp_path)
    assert result.returncode == 0, result.stderr
    values = json.loads(result.stdout)
    assert values["SECURE_HSTS_SECONDS"] >= 365 * 24 * 3600
    assert values["SECURE_HSTS_INCLUDE_SUBDOMAINS"] is True
    assert values["SESSION_COOKIE_SECURE"] and values["CSRF_COOKIE_SECURE"]
    assert values["SESSION_COOKIE_HTTPONLY"] and values["CSRF_COOKIE_HTTPONLY"]
    assert values["SESSION_COOKIE_SAMESITE"] == values["CSRF_COOKIE_SAMESITE"] == "Lax"
    assert values["SECURE_SSL_REDIRECT"] is True


def test_hsts_header_reaches_the_browser_over_https(client, settings):
    settings.SECURE_HSTS_SECONDS = 31536000
    settings.SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    response = client.get("/healthz", secure=True)
    assert response["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains"
