"""Security headers on every kind of response: pages, errors, the admin, the API, static files."""

import base64
import hashlib
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.db import OperationalError
from django.test import override_settings
from django.urls import path

from tests.conftest import parse
from tests.security.conftest import csp_directives

pytestmark = pytest.mark.django_db


def _boom(request):
    raise RuntimeError("a bug")


def _database_gone(request):
    raise OperationalError("the database system is shutting down")


urlpatterns = [path("boom/", _boom), path("busy/", _database_gone)]


def reader_paths(article) -> list[str]:
    return [
        "/",
        article.get_absolute_url(),
        article.section.get_absolute_url(),
        article.bylines.first().contributor.get_absolute_url(),
        "/tag/drones/",
        "/search/?q=readiness",
        "/no-such-page/",
        "/feeds/rss/",
        "/sitemap.xml",
        "/robots.txt",
        "/api/v1/articles",
        f"/audience/views/{article.pk}/",
        "/admin/login/",
        "/static/newsdesk/site.css",
    ]


def assert_protected(response) -> None:
    policy = csp_directives(response)
    assert policy["script-src"][0] == "'self'"
    assert not {"'unsafe-inline'", "'unsafe-eval'", "*"} & set(policy["script-src"])
    assert not {"'unsafe-inline'", "*"} & set(policy["style-src"])
    assert policy["object-src"] == ["'none'"]
    assert policy["base-uri"] == ["'none'"]
    assert policy["frame-ancestors"] == ["'none'"]
    assert policy["form-action"] == ["'self'"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response["X-Frame-Options"] == "DENY"
    assert "camera=()" in response["Permissions-Policy"]
    assert "geolocation=()" in response["Permissions-Policy"]


def test_every_reader_response_carries_the_security_headers(client, article):
    for url in reader_paths(article):
        response = client.get(url)
        assert response.status_code < 500, url
        assert_protected(response)


def test_beacon_answered_by_django_carries_them_too(client, article):
    response = client.post("/audience/views/", {"article": "nope"})
    assert response.status_code == 400
    assert_protected(response)


@override_settings(ROOT_URLCONF=__name__)
def test_the_500_page_carries_them_and_its_inline_style_is_allowed_by_hash(client):
    client.raise_request_exception = False
    response = client.get("/boom/")
    assert response.status_code == 500
    assert_protected(response)
    style = parse(response).find("style").string
    digest = base64.b64encode(hashlib.sha256(style.encode()).digest()).decode()
    assert f"'sha256-{digest}'" in csp_directives(response)["style-src"]


@override_settings(ROOT_URLCONF=__name__)
def test_a_database_that_cannot_answer_is_a_503_with_a_message(client):
    response = client.get("/busy/")
    assert response.status_code == 503
    assert response["Retry-After"] == "10"
    assert "try again" in parse(response).find("main").get_text()
    assert_protected(response)
    style = parse(response).find("style").string
    digest = base64.b64encode(hashlib.sha256(style.encode()).digest()).decode()
    assert f"'sha256-{digest}'" in csp_directives(response)["style-src"]


def test_no_template_has_inline_script_or_event_handler():
    """script-src 'self' would block them; JSON-LD data blocks are not scripts."""
    inline_script = re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*application/ld\+json)[^>]*>")
    handler = re.compile(r"\son[a-z]+\s*=", re.IGNORECASE)
    style_attribute = re.compile(r"\sstyle\s*=")
    found = []
    for template in Path(settings.BASE_DIR, "templates").rglob("*.html"):
        text = template.read_text()
        if template.name in {"500.html", "503.html"}:  # <style> allowed by hash, tested above
            text = re.sub(r"<style>.*?</style>", "", text, flags=re.DOTALL)
        for pattern in (inline_script, handler, style_attribute):
            found += [f"{template}: {m.group(0)}" for m in pattern.finditer(text)]
    assert found == []


def test_the_admin_allows_exactly_the_prose_editor_import_map(admin_client, article):
    response = admin_client.get(f"/admin/newsroom/article/{article.pk}/change/")
    assert response.status_code == 200
    assert_protected(response)
    importmap = parse(response).find("script", type="importmap")
    assert importmap is not None
    digest = base64.b64encode(hashlib.sha256(importmap.string.encode()).digest()).decode()
    script_src = csp_directives(response)["script-src"]
    assert script_src == ["'self'", f"'sha256-{digest}'"]
    # Reader pages allow no inline script at all.
    assert csp_directives(admin_client.get("/"))["script-src"] == ["'self'"]


def test_session_and_csrf_cookies_are_httponly_and_samesite_lax(client, django_user_model):
    django_user_model.objects.create_user("staffer", password="a-long-pass-phrase-9", is_staff=True)
    login = client.get("/admin/login/")
    csrf = login.cookies["csrftoken"]
    assert csrf["httponly"] and csrf["samesite"] == "Lax"
    response = client.post(
        "/admin/login/",
        {"username": "staffer", "password": "a-long-pass-phrase-9", "next": "/admin/"},
    )
    assert response.status_code == 302
    session = response.cookies[settings.SESSION_COOKIE_NAME]
    assert session["httponly"] and session["samesite"] == "Lax"
