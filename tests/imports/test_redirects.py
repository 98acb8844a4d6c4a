"""Old addresses answer 301 with the new one, through the whole WSGI application: page cache,
beacon fast path, the redirect layer, Django."""

import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from newsdesk.imports.admin import RedirectForm
from newsdesk.imports.models import Redirect
from newsdesk.newsroom.models import Article, Contributor, Section
from newsdesk.wsgi import application
from tests.conftest import empty_page_cache

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _keep_the_test_connection(keep_test_connection):
    """These tests call the WSGI layers in front of Django (tests/conftest.py)."""


@pytest.fixture(autouse=True)
def _empty_page_cache():
    empty_page_cache()
    yield
    empty_page_cache()


def call(path: str, *, query: str = "", method: str = "GET"):
    environ = {
        "PATH_INFO": path.encode().decode("latin-1"),
        "QUERY_STRING": query,
        "REQUEST_METHOD": method,
        "HTTP_HOST": "testserver",
        "SERVER_NAME": "testserver",
        "SERVER_PORT": "80",
        "REMOTE_ADDR": "203.0.113.9",
        "wsgi.url_scheme": "http",
        "wsgi.input": io.BytesIO(b""),
        "wsgi.errors": io.StringIO(),
        "CONTENT_LENGTH": "0",
    }
    seen = {}

    def start_response(status, headers, exc_info=None):
        seen["status"] = int(status.split()[0])
        seen["headers"] = dict(headers)

    body = b"".join(application(environ, start_response))
    return seen["status"], seen["headers"], body


def location(path: str, query: str = "") -> str | None:
    status, headers, _body = call(path, query=query)
    return headers["Location"] if status == 301 else None


def test_every_kind_of_old_address_moves_permanently_to_its_new_one(imported):
    boat = Article.objects.get(slug="skarv-joins-patrol").get_absolute_url()
    assert location("/", "p=100") == boat  # WordPress's short address, with its query
    assert location("/skarv-joins-patrol/") == boat
    assert location("/skarv-joins-patrol") == boat  # a permalink without its last slash
    assert location("/category/fleet/patrol-craft/") == "/section/patrol-craft/"
    assert location("/category/town/") == "/section/town/"
    assert location("/category/town/feed/") == "/feeds/section/town/rss/"
    mira = Contributor.objects.get(display_name="Mira Solberg").get_absolute_url()
    assert location("/author/mira/") == mira
    assert location("/feed/") == "/feeds/rss/"


def test_the_new_address_is_the_page_itself_and_never_a_redirect(imported):
    boat = Article.objects.get(slug="skarv-joins-patrol").get_absolute_url()
    assert boat == "/2019/05/12/skarv-joins-patrol/"  # the old permalink, kept as it was
    assert not Redirect.objects.filter(old_path=boat).exists()
    status, _headers, body = call(boat)
    assert status == 200 and b"Skarv joins the harbour patrol" in body
    assert call("/tag/sea-trials/")[0] == 200  # the same address here: the tag page itself


def test_a_redirect_is_a_bodyless_301_that_browsers_keep_a_day(imported):
    status, headers, body = call("/skarv-joins-patrol/")
    assert (status, body) == (301, b"")
    assert headers["Cache-Control"] == "public, max-age=86400"
    status, headers, body = call("/skarv-joins-patrol/", method="HEAD")
    assert (status, body) == (301, b"")
    assert call("/skarv-joins-patrol/", method="POST")[0] != 301


def test_drafts_private_posts_and_unknown_addresses_have_no_redirect(imported):
    assert location("/", "p=102") is None  # a draft never had a public address
    assert location("/2019/03/01/staff-rota/") is None  # private: not for readers
    assert call("/no-such-thing/")[0] == 404
    assert location("/", "p=abc") is None


def test_a_second_request_costs_no_query(imported):
    call("/category/town/")
    with CaptureQueriesContext(connection) as queries:
        assert location("/category/town/") == "/section/town/"
    assert len(queries) == 0


def test_an_editors_change_takes_effect_at_once_and_chains_are_followed(db):
    Section.objects.create(name="Ports", slug="ports")
    Redirect.objects.create(old_path="/old-ports/", new_path="/ports-2020/")
    Redirect.objects.create(old_path="/ports-2020/", new_path="/section/ports/")
    assert location("/old-ports/") == "/section/ports/"  # one hop for the reader
    row = Redirect.objects.get(old_path="/old-ports/")
    row.new_path = "/section/ports/?p=1"
    row.save()
    assert location("/old-ports/") == "/section/ports/?p=1"


def test_a_loop_in_the_table_answers_no_redirect(db):
    Redirect.objects.create(old_path="/a/", new_path="/b/")
    Redirect.objects.create(old_path="/b/", new_path="/a/")
    assert call("/a/")[0] == 404


def test_non_ascii_old_addresses_are_matched_decoded(db):
    Redirect.objects.create(old_path="/항구/", new_path="/section/ports/")
    assert location("/항구/") == "/section/ports/"
    status, headers, _ = call("/section/ports/항구/")
    assert status == 404


@pytest.mark.parametrize(
    ("old", "new", "says"),
    [
        ("/a/", "/a/", "a loop"),
        ("/admin/x/", "/b/", "the site's own"),
        ("/", "/b/", "the site's own"),
        ("/a/", "https://elsewhere.example/", "no other site"),
        ("a/", "/b/", "starting with /"),
        ("/a/", "/b/", "lead back here"),
    ],
)
def test_the_admin_form_refuses_loops_the_sites_own_addresses_and_other_sites(db, old, new, says):
    Redirect.objects.create(old_path="/b/", new_path="/a/")
    form = RedirectForm(data={"old_path": old, "new_path": new, "note": ""})
    assert not form.is_valid()
    assert says in " ".join(message for errors in form.errors.values() for message in errors)


def test_editors_manage_redirects_in_the_admin(client, editor):
    client.force_login(editor)
    response = client.post(
        "/admin/imports/redirect/add/",
        {"old_path": "https://old.example/2018/01/01/gone/", "new_path": "/section/ports/"},
    )
    assert response.status_code == 302
    assert Redirect.objects.get().old_path == "/2018/01/01/gone/"
    assert client.get("/admin/imports/redirect/").status_code == 200
