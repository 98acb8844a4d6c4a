"""Nothing per-reader or staff-only is ever served from the cache to someone else."""

import pytest

from newsdesk.newsroom.models import Article
from tests.factories import ArticleFactory, make_contributor
from tests.pagecache.conftest import call

pytestmark = pytest.mark.django_db


@pytest.fixture
def article():
    return ArticleFactory(contributors=[make_contributor()])


@pytest.fixture
def session(client, editor):
    client.force_login(editor)
    return f"sessionid={client.cookies['sessionid'].value}"


@pytest.fixture
def test_pages(settings):
    settings.ROOT_URLCONF = "tests.pagecache.urls"


def test_a_staff_preview_is_never_cached_nor_shown_to_readers(session):
    draft = ArticleFactory(status=Article.Status.DRAFT, headline="Secret draft plans")
    url = draft.get_absolute_url()
    preview = call(url, HTTP_COOKIE=session)
    assert preview.status == 200
    assert b"Secret draft plans" in preview.body
    assert preview.cache is None
    assert "private" in preview.headers["cache-control"]
    for _ in range(2):
        reader = call(url)
        assert reader.status == 404
        assert b"Secret draft plans" not in reader.body


def test_a_signed_in_editor_bypasses_the_cache_both_ways(article, session):
    url = article.get_absolute_url()
    editor_page = call(url, HTTP_COOKIE=session)
    assert editor_page.cache is None
    assert call(url).cache == "MISS"  # the editor's page was not stored
    assert call(url).cache == "HIT"
    assert call(url, HTTP_COOKIE=session).cache is None  # nor is the readers' page served back


def test_an_unparsable_cookie_header_goes_to_django(article):
    url = article.get_absolute_url()
    call(url)
    assert call(url, HTTP_COOKIE='sessionid="broken').cache is None


def test_a_reader_with_other_cookies_never_gets_anothers_page(article):
    url = article.get_absolute_url()
    call(url)
    reply = call(url, HTTP_COOKIE="nd_mine=41.42")
    assert reply.status == 200
    assert b"41.42" not in reply.body
    assert "set-cookie" not in reply.headers
    # The page is stored for cookie-less readers only, and stays so.
    assert call(url).cache == "HIT"


@pytest.mark.usefixtures("test_pages")
def test_a_page_that_does_not_vary_is_shared_with_readers_holding_other_cookies():
    call("/test-pages/public/")
    assert call("/test-pages/public/", HTTP_COOKIE="nd_mine=41.42").cache == "HIT"


def test_an_authorization_header_goes_to_django(article):
    url = article.get_absolute_url()
    call(url)
    assert call(url, HTTP_AUTHORIZATION="Basic eDp5").cache is None


@pytest.mark.usefixtures("test_pages")
def test_a_response_that_sets_a_cookie_is_not_stored():
    first = call("/test-pages/cookie/", HTTP_X_READER="alice")
    assert "alice" in first.headers["set-cookie"]
    assert first.cache is None
    second = call("/test-pages/cookie/", HTTP_X_READER="alice")
    assert second.cache is None
    assert "set-cookie" in second.headers


@pytest.mark.usefixtures("test_pages")
def test_a_response_that_varies_on_cookie_is_kept_only_as_the_cookieless_variant():
    alice = call("/test-pages/vary/", HTTP_COOKIE="reader=alice")
    assert (alice.cache, b"alice" in alice.body) == (None, True)
    assert call("/test-pages/vary/").cache == "MISS"  # alice's page was not stored
    assert call("/test-pages/vary/").cache == "HIT"
    bob = call("/test-pages/vary/", HTTP_COOKIE="reader=bob")
    assert bob.cache is None
    assert b"bob" in bob.body
    assert call("/test-pages/vary/").headers["vary"] == "Cookie"  # the CDN keys on it too


@pytest.mark.usefixtures("test_pages")
def test_private_and_untagged_and_error_responses_are_not_stored():
    call("/test-pages/private/", HTTP_X_READER="alice")
    assert call("/test-pages/private/", HTTP_X_READER="alice").cache is None
    call("/test-pages/untagged/")
    assert call("/test-pages/untagged/").cache is None
    call("/test-pages/error/")
    error = call("/test-pages/error/")
    assert (error.status, error.cache) == (503, None)


@pytest.mark.usefixtures("test_pages")
def test_the_same_page_without_those_traits_is_stored():
    assert call("/test-pages/public/").cache == "MISS"
    assert call("/test-pages/public/").cache == "HIT"


def test_a_comment_form_error_page_is_never_cached_nor_leaks(article):
    from tests.comments.conftest import started

    url = article.get_absolute_url()
    call(url)
    body = f"name=Alice&text={'x' * 301}&started={started()}".encode()
    for _ in range(2):
        error = call(
            f"/comments/{article.pk}/",
            method="POST",
            body=body,
            HTTP_ORIGIN="http://testserver",
        )
        assert error.status == 400
        assert error.cache is None
        assert "no-store" in error.headers["cache-control"]
    form_page = call(f"/comments/{article.pk}/")
    assert form_page.cache is None
    page = call(url)
    assert page.cache == "HIT"
    assert b"Alice" not in page.body
    assert b"xxxxxxxxxx" not in page.body


def test_http_and_https_copies_are_kept_apart(article, settings):
    """Behind a TLS proxy the header says which scheme a request came in by, as for Django."""
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    url = article.get_absolute_url()
    secure = call(url, HTTP_X_FORWARDED_PROTO="https")
    assert secure.cache == "MISS"
    assert call(url, HTTP_X_FORWARDED_PROTO="https").cache == "HIT"
    assert call(url, HTTP_X_FORWARDED_PROTO="http").cache == "MISS"
    assert call(url, HTTP_X_FORWARDED_PROTO="http").cache == "HIT"


def test_with_ssl_redirect_a_plain_http_request_goes_to_django(article, settings):
    """Django's SecurityMiddleware answers it with the redirect to https (production)."""
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    settings.SECURE_SSL_REDIRECT = True
    url = article.get_absolute_url()
    call(url, HTTP_X_FORWARDED_PROTO="https")
    assert call(url, HTTP_X_FORWARDED_PROTO="https").cache == "HIT"
    assert call(url, HTTP_X_FORWARDED_PROTO="http").cache is None  # not from the cache
