"""The API's OpenAPI schema is valid, and a property-based run against it finds no 5xx.

Schemathesis generates requests from the schema (valid and invalid parameters alike), sends them
to the app in-process through WSGI, and checks each answer: never a server error, a documented
status, and a body that matches the documented shape.
"""

from __future__ import annotations

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from openapi_spec_validator import validate
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

pytestmark = pytest.mark.django_db

CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]


def test_the_openapi_schema_is_valid(client):
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    document = response.json()
    validate(document)
    operations = {
        f"{method.upper()} {path}" for path, item in document["paths"].items() for method in item
    }
    assert operations == {
        "GET /api/v1/articles",
        "GET /api/v1/articles/{slug}",
        "GET /api/v1/sections",
        "GET /api/v1/sections/{slug}",
        "GET /api/v1/contributors",
        "GET /api/v1/contributors/{slug}",
        "GET /api/v1/lists/just-in",
        "GET /api/v1/lists/latest-stories",
        "GET /api/v1/lists/popular-now",
        "GET /api/v1/lists/must-reads",
    }


@pytest.fixture
def in_test_transaction():
    """Keeps the app on the test's database connection, as Django's own test client does.

    A WSGI request normally ends by closing connections that are "obsolete", and a connection
    inside the test's transaction looks so to PostgreSQL's health check.
    """
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


# Loaded from the app itself at collection; the schema endpoint needs no database.
schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", get_wsgi_application())


@schema.parametrize()
@settings(
    max_examples=25,
    deadline=None,
    derandomize=True,  # the same cases on every run: CI stays reproducible
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
def test_no_request_the_schema_allows_gets_a_server_error(case, newsroom, in_test_transaction):
    case.call_and_validate(checks=CHECKS)


def test_the_schema_is_built_once_per_process(client, monkeypatch):
    """openapi.json is the same for every request; building it per request cost tens of ms."""
    import ninja.main

    from newsdesk.distribution.api.views import api

    api.__dict__.pop("_schemas", None)
    built = []
    real = ninja.main.get_schema
    monkeypatch.setattr(ninja.main, "get_schema", lambda **kw: built.append(1) or real(**kw))
    first = client.get("/api/v1/openapi.json")
    second = client.get("/api/v1/openapi.json")
    assert first.status_code == second.status_code == 200
    assert first.content == second.content and len(built) == 1
