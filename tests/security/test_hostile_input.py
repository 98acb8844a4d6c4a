"""Hostile input against every public endpoint: never a 5xx, never a traceback, nothing
reflected unescaped.

Every request goes through ``newsdesk.wsgi.application`` as a WSGI server hands it over
(the page cache first, then the beacon's fast path, then Django), called in-process with an
environ built here: no network, no test client. Each endpoint gets 250 generated requests
in the suite and 1,000 under `make fuzz` (tests/security/hostile.py): paths, query strings,
headers (host, cookies, client address and the others a browser or a proxy sends) and
bodies, with random and known-bad strings, overlong values, control characters and NUL
bytes, bytes that are not UTF-8, broken percent-escapes, right-to-left overrides, huge
numbers, template and SQL syntax.
A quarter of the cases carry a session cookie, which sends them past the page cache to Django
with their whole query, so Django's views see the raw queries too.
"""

from __future__ import annotations

import io
import logging
import time
from dataclasses import dataclass

import pytest
from django.core import signals, signing
from hypothesis import given
from hypothesis import strategies as st

from newsdesk.comments.models import Comment
from tests.factories import ArticleFactory, TagFactory, make_contributor
from tests.security.hostile import (
    KNOWN_BAD,
    MARKERS,
    bodies,
    content_lengths,
    content_types,
    encoded,
    form_body,
    form_value,
    headers,
    hostile_settings,
    odd_text,
    path_info,
    query_string,
    segment,
)

pytestmark = pytest.mark.django_db


@dataclass
class Answer:
    status: int
    headers: list[tuple[str, str]]
    body: bytes

    def header(self, name: str) -> str:
        return next((v for k, v in self.headers if k.lower() == name.lower()), "")


class Server:
    """newsdesk.wsgi.application, called as a WSGI server calls it. Records what Django's
    got_request_exception and any error log say, which no answer may come with."""

    def __init__(self) -> None:
        self.failures: list[str] = []

    def __call__(
        self,
        path: str,
        *,
        method: str = "GET",
        query: str = "",
        environ: dict | None = None,
        body: bytes = b"",
        content_type: str = "application/x-www-form-urlencoded",
        length: str | None = None,
    ) -> Answer:
        from newsdesk.wsgi import application

        request = {
            "REQUEST_METHOD": method,
            "SCRIPT_NAME": "",
            "PATH_INFO": path_info(path),
            "QUERY_STRING": query,
            "SERVER_NAME": "testserver",
            "SERVER_PORT": "80",
            "SERVER_PROTOCOL": "HTTP/1.1",
            "REMOTE_ADDR": "203.0.113.9",
            "HTTP_HOST": "testserver",
            "HTTP_USER_AGENT": "Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Firefox/133.0",
            "CONTENT_TYPE": content_type,
            "CONTENT_LENGTH": str(len(body)) if length is None else length,
            "wsgi.input": io.BytesIO(body),
            "wsgi.errors": io.StringIO(),
            "wsgi.url_scheme": "http",
            "wsgi.version": (1, 0),
            "wsgi.multithread": True,
            "wsgi.multiprocess": True,
            "wsgi.run_once": False,
            **(environ or {}),
        }
        seen: dict = {}

        def start_response(status, response_headers, exc_info=None):
            seen.update(status=status, headers=list(response_headers), exc_info=exc_info)
            return lambda data: None

        result = application(request, start_response)  # an exception here fails the test
        try:
            content = b"".join(result)
        finally:
            if hasattr(result, "close"):
                result.close()
        assert seen.get("exc_info") is None, seen["exc_info"]
        code = seen["status"].split(" ", 1)[0]
        assert len(code) == 3 and code.isdigit(), seen["status"]
        return Answer(int(code), seen["headers"], content)


class _Errors(logging.Handler):
    def __init__(self, server: Server) -> None:
        super().__init__(logging.WARNING)
        self.server = server

    def emit(self, record: logging.LogRecord) -> None:
        # django.security logs each refused host or oversized request (a 400), django.request
        # each 4xx below ERROR, both with the exception refused: refusals, not faults.
        if record.name.startswith("django.security"):
            return
        if record.name == "django.request" and record.levelno < logging.ERROR:
            return
        if record.levelno >= logging.ERROR or record.exc_info:
            self.server.failures.append(f"{record.name}: {self.format(record)}")


@pytest.fixture
def server(settings, keep_test_connection, page_cache):
    # As production runs behind its proxy: the client address and scheme come from it.
    settings.NEWSDESK_PROXY_COUNT = 1
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    calls = Server()

    def exception(sender, request=None, **kwargs):
        import traceback

        calls.failures.append("got_request_exception: " + traceback.format_exc())

    handler = _Errors(calls)
    root = logging.getLogger()
    root.addHandler(handler)
    signals.got_request_exception.connect(exception)
    yield calls
    signals.got_request_exception.disconnect(exception)
    root.removeHandler(handler)


@pytest.fixture
def site(db):
    contributor = make_contributor(1, slug="ada")
    article = ArticleFactory(contributors=[contributor], slug="real-story")
    article.tags.add(TagFactory(slug="drones", name="Drones"))
    comment = Comment.objects.create(article=article, name="Reader", text="A real comment.")
    return article, comment


def check(server: Server, answer: Answer, sent: object = "") -> None:
    """Never a server error or a traceback; headers a server can send; an HTML or XML answer
    never holds a hostile marker raw."""
    failures, server.failures[:] = list(server.failures), []
    assert failures == [], (failures, sent)
    assert 100 <= answer.status < 500, (answer.status, sent)
    for name, value in answer.headers:
        assert isinstance(name, str) and isinstance(value, str), (name, value, sent)
        assert not set("\r\n\x00") & set(name + value), (name, value, sent)
        value.encode("latin-1")  # what a server writes to the socket
    assert b"Traceback (most recent call last)" not in answer.body, sent
    content_type = answer.header("Content-Type")
    if "html" in content_type or "xml" in content_type:
        text = answer.body.decode("utf-8", "replace")
        for marker in MARKERS:
            assert marker not in text, (marker, sent)


def page_request(server, path: str, query: str, sent_headers: dict, head: bool) -> Answer:
    answer = server(path, method="HEAD" if head else "GET", query=query, environ=sent_headers)
    check(server, answer, (path, query, sent_headers))
    return answer


# Reader pages (the page cache's own). Each generated request goes to every endpoint of its
# group: each endpoint still gets the full count, and Hypothesis draws each case once.


@hostile_settings
@given(
    query=query_string(["page", "q", "utm_source", "fbclid", "cpage", "corder", "comment"]),
    date=st.one_of(
        st.just(None),
        st.tuples(
            st.from_regex(r"\d{4}", fullmatch=True),
            st.from_regex(r"\d{2}", fullmatch=True),
            st.from_regex(r"\d{2}", fullmatch=True),
        ),
    ),
    slug=st.one_of(st.none(), st.none(), segment),
    sent=headers(),
    head=st.booleans(),
)
def test_reader_pages(server, site, query, date, slug, sent, head):
    """The home page, an article, and a section, contributor and tag page."""
    article, _comment = site
    page_request(server, "/", query, sent, head)
    if date is None:
        path = article.get_absolute_url().replace("real-story", slug or "real-story")
    else:
        path = "/{}/{}/{}/{}/".format(*date, slug or "real-story")
    page_request(server, path, query, sent, head)
    for kind, real in [("section", "land"), ("contributor", "ada"), ("tag", "drones")]:
        page_request(server, f"/{kind}/{slug or real}/", query, sent, head)


METHODS = ["GET", "HEAD", "POST", "PUT", "DELETE", "OPTIONS", "PATCH", "TRACE", "PROPFIND", "get"]


@hostile_settings
@given(
    segments=st.lists(segment, min_size=1, max_size=5),
    slash=st.booleans(),
    query=query_string([]),
    sent=headers(),
    method=st.sampled_from(METHODS),
    body=bodies,
)
def test_odd_paths(server, site, segments, slash, query, sent, method, body):
    path = "/" + "/".join(segments) + ("/" if slash else "")
    if path.startswith(("/admin", "//")):
        path = "/x" + path  # the admin is not public; a scheme-relative path is not a path
    answer = server(path, method=method, query=query, environ=sent, body=body)
    check(server, answer, (method, path, query, sent))


@pytest.mark.parametrize("prefix", ["/media/", "/static/", "/", "/section/", "/feeds/"])
@pytest.mark.parametrize(
    "name", ["x" * 5000, "a/" * 600, "%00", "..%2f..%2fetc%2fpasswd", "\u202eexe.txt"]
)
def test_file_names_the_file_system_refuses(server, site, prefix, name):
    """Found by test_odd_paths: a media name longer than the file system allows was a 500."""
    answer = server(prefix + name)
    check(server, answer, prefix + name)
    assert answer.status in {301, 302, 400, 404}


@pytest.mark.parametrize("length", ["x", "-5", "1e3", "١"])
@pytest.mark.parametrize(
    ("method", "path", "cookie"),
    [
        ("POST", "/audience/views/", "sessionid=x"),  # Django's beacon view read it with int()
        ("POST", "/audience/views/", ""),
        ("POST", "/comments/1/", ""),
        ("GET", "/", ""),
    ],
)
def test_a_content_length_that_is_no_number_is_refused(server, site, method, path, cookie, length):
    """Found by test_view_beacon: Django's beacon view answered CONTENT_LENGTH "x" with a 500.
    The page cache, the outermost layer, refuses it for every request."""
    sent = {"HTTP_COOKIE": cookie, "HTTP_ORIGIN": "http://testserver"}
    answer = server(path, method=method, body=b"article=1", length=length, environ=sent)
    check(server, answer, (method, path, length))
    assert answer.status == 400
    assert answer.body == b"The request's Content-Length is not a number of bytes."
    assert answer.header("X-Content-Type-Options") == "nosniff"


# Search, feeds, sitemaps, the read API, and the small endpoints.


@hostile_settings
@given(
    query=query_string(["q", "section", "contributor", "date_from", "date_to", "page"]),
    sent=headers(),
    head=st.booleans(),
)
def test_search(server, site, query, sent, head):
    page_request(server, "/search/", query, sent, head)


FEEDS = ["", "section/land/", "contributor/ada/", "tag/drones/"]


@hostile_settings
@given(slug=st.one_of(st.none(), st.none(), segment), query=query_string(["page"]), sent=headers())
def test_feeds(server, site, slug, query, sent):
    """The site's, a section's, a contributor's and a tag's RSS and Atom feeds."""
    for kind in FEEDS:
        if slug is not None and kind:
            kind = kind.split("/")[0] + f"/{slug}/"
        for format in ("rss", "atom"):
            page_request(server, f"/feeds/{kind}{format}/", query, sent, head=False)


@hostile_settings
@given(
    other=st.one_of(st.none(), st.none(), segment.map(lambda s: f"sitemap-{s}.xml")),
    query=query_string(["p", "page"]),
    sent=headers(),
)
def test_sitemaps(server, site, other, query, sent):
    """The sitemap index, the news sitemap, a section's sitemap, robots.txt."""
    for name in ["sitemap.xml", "sitemap-news.xml", other or "sitemap-land.xml", "robots.txt"]:
        page_request(server, "/" + name, query, sent, head=False)


API_PATHS = [
    "articles",
    "articles/real-story",
    "sections",
    "sections/land",
    "contributors",
    "contributors/ada",
    "lists/just-in",
    "lists/latest-stories",
    "lists/popular-now",
    "lists/must-reads",
    "openapi.json",
]


@hostile_settings
@given(
    slug=st.one_of(st.none(), st.none(), segment),
    query=query_string(["cursor", "limit", "section", "contributor", "tag", "since", "until"]),
    sent=headers(),
    head=st.booleans(),
)
def test_read_api(server, site, slug, query, sent, head):
    for endpoint in API_PATHS:
        if slug is not None and "/" in endpoint and not endpoint.startswith("lists"):
            endpoint = endpoint.split("/")[0] + "/" + slug
        page_request(server, f"/api/v1/{endpoint}", query, sent, head)


@hostile_settings
@given(query=query_string(["days", "section"]), sent=headers(), method=st.sampled_from(METHODS))
def test_small_endpoints(server, site, query, sent, method):
    for path in ["/healthz", "/favicon.ico", "/audience/dashboard/"]:
        answer = server(path, method=method, query=query, environ=sent)
        check(server, answer, (method, path, query, sent))


# The view beacon (fast path and Django) and its count.


@hostile_settings
@given(
    body=st.one_of(
        bodies,
        st.builds(lambda v: b"article=" + v.encode("utf-8", "surrogatepass"), encoded | odd_text),
        st.just(b"article=real"),
    ),
    content_type=content_types,
    length=content_lengths,
    sent=headers(),
)
def test_view_beacon(server, site, body, content_type, length, sent):
    article, _comment = site
    body = body.replace(b"article=real", b"article=%d" % article.pk)
    answer = server(
        "/audience/views/",
        method="POST",
        body=body,
        content_type=content_type,
        length=length,
        environ=sent,
    )
    check(server, answer, (body[:200], sent))


@hostile_settings
@given(
    number=st.one_of(st.integers(min_value=0), st.integers(min_value=0).map(lambda n: n * 10**20)),
    tail=st.one_of(st.just(""), encoded),
    sent=headers(),
)
def test_view_count(server, site, number, tail, sent):
    answer = server(f"/audience/views/{number}/{tail}", environ=sent)
    check(server, answer, (number, tail, sent))


# Comments: posting, replying, the form pages, editing and reporting.


def _started() -> str:
    from newsdesk.comments.forms import STARTED_SALT

    return signing.dumps(int(time.time()) - 30, salt=STARTED_SALT)


comment_fields = st.fixed_dictionaries(
    {},
    optional={
        "name": form_value(),
        "email": form_value(),
        "text": form_value(),
        "parent": form_value(),
        "website": form_value(),
        "delete": form_value(),
        "started": st.one_of(odd_text, st.just("fresh")),
    },
)
origins = st.sampled_from(
    ["http://testserver", "https://testserver", "https://evil.example", "null"]
)


def comment_request(server, site, path, method, fields, origin, sent, raw):
    article, comment = site
    path = path.replace("ARTICLE", str(article.pk)).replace("COMMENT", str(comment.pk))
    data = {k: (_started() if v == "fresh" else v) for k, v in fields.items()}
    environ = dict(sent)
    if origin is not None:
        environ["HTTP_ORIGIN"] = origin
    body = raw if raw is not None else form_body(data)
    answer = server(path, method=method, body=body, environ=environ)
    check(server, answer, (method, path, repr(data)[:200], environ))


COMMENT_PATHS = {
    "post": "/comments/ARTICLE/",
    "reply": "/comments/ARTICLE/reply/COMMENT/",
    "edit": "/comments/edit/COMMENT/",
    "report": "/comments/report/COMMENT/",
}


@hostile_settings
@given(
    target=st.one_of(st.none(), st.none(), st.none(), st.integers(min_value=0).map(str), segment),
    method=st.sampled_from(["POST", "POST", "POST", "GET", "HEAD", "PUT"]),
    fields=comment_fields,
    origin=st.one_of(st.none(), origins, origins),
    sent=headers(),
    raw=st.one_of(st.none(), st.none(), st.none(), bodies),
)
def test_comment_endpoints(server, site, target, method, fields, origin, sent, raw):
    """Posting, replying, editing and reporting."""
    for path in COMMENT_PATHS.values():
        if target is not None:
            path = path.replace("COMMENT" if "COMMENT" in path else "ARTICLE", target)
        comment_request(server, site, path, method, fields, origin, sent, raw)


@hostile_settings
@given(query=query_string(["parent", "page"]), sent=headers(), head=st.booleans())
def test_comment_form_pages(server, site, query, sent, head):
    """The comment form and the reply form on their own pages."""
    article, comment = site
    for path in (f"/comments/{article.pk}/", f"/comments/{article.pk}/reply/{comment.pk}/"):
        page_request(server, path, query, sent, head)


def test_hostile_comments_are_shown_escaped(server, site):
    article, _comment = site
    for number, text in enumerate(KNOWN_BAD[:5]):
        server(
            f"/comments/{article.pk}/",
            method="POST",
            body=form_body({"name": text[:40], "text": text, "started": _started()}),
            environ={
                "HTTP_X_FORWARDED_FOR": f"198.51.100.{number + 1}",
                "HTTP_ORIGIN": "http://testserver",
            },
        )
    shown = Comment.objects.filter(article=article).count()
    assert shown > 1  # some were posted
    check(server, server(article.get_absolute_url()))


def test_the_checks_catch_what_they_look_for(server):
    """The property above can fail: a 5xx, a traceback, a header a server cannot send, a
    marker come back raw, or an exception Django caught are caught."""
    html = [("Content-Type", "text/html")]
    for broken in [
        Answer(500, [], b""),
        Answer(200, html, b"<p>You searched for <x-hostile></p>"),
        Answer(200, [], b"Traceback (most recent call last):\n"),
        Answer(302, [("Location", "/\r\nSet-Cookie: x=1")], b""),
        Answer(200, [("X", "\u2603")], b""),
    ]:
        with pytest.raises((AssertionError, UnicodeEncodeError)):
            check(server, broken)
    server.failures.append("got_request_exception: ...")
    with pytest.raises(AssertionError):
        check(server, Answer(200, [], b""))
    check(server, Answer(200, html, b"<p>You searched for &lt;x-hostile&gt;</p>"))


def _signup_started() -> str:
    from newsdesk.newsletters.forms import STARTED_SALT

    return signing.dumps(int(time.time()) - 30, salt=STARTED_SALT)


newsletter_fields = st.fixed_dictionaries(
    {},
    optional={
        "email": st.one_of(form_value(), st.just("reader@example.org")),
        "lists": st.one_of(form_value(), st.sampled_from(["briefing", "alerts", "digest:x"])),
        "website": form_value(),
        "started": st.one_of(odd_text, st.just("fresh")),
        "List-Unsubscribe": st.just("One-Click"),
    },
)


@hostile_settings
@given(
    token=st.one_of(segment, st.just("MQ:1xaacp:forged"), st.integers().map(str)),
    method=st.sampled_from(["POST", "POST", "GET", "HEAD", "PUT"]),
    fields=newsletter_fields,
    origin=st.one_of(st.none(), origins),
    sent=headers(),
    raw=st.one_of(st.none(), st.none(), st.none(), bodies),
)
def test_newsletter_endpoints(server, site, token, method, fields, origin, sent, raw):
    """Signing up, confirming, preferences, one-click unsubscribe and the archive."""
    data = {k: (_signup_started() if v == "fresh" else v) for k, v in fields.items()}
    environ = dict(sent)
    if origin is not None:
        environ["HTTP_ORIGIN"] = origin
    body = raw if raw is not None else form_body(data)
    for path in (
        "/newsletters/",
        "/newsletters/signup/",
        f"/newsletters/confirm/{token}/",
        f"/newsletters/preferences/{token}/",
        f"/newsletters/unsubscribe/{token}/",
        f"/newsletters/{token}/",
        f"/newsletters/opened/{token}.gif",
        "/anymail/postmark/tracking/",
    ):
        answer = server(path, method=method, body=body, environ=environ)
        check(server, answer, (method, path, repr(data)[:200], environ))
