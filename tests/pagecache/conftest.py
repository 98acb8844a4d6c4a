import io
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest

from tests.conftest import empty_page_cache


@pytest.fixture(autouse=True)
def _keep_the_test_connection(keep_test_connection):
    """Every test here calls the WSGI layers in front of Django (tests/conftest.py)."""


@pytest.fixture(autouse=True)
def _empty_page_cache():
    empty_page_cache()
    yield
    empty_page_cache()


UA = "Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0"


class Reply:
    def __init__(self, status: int, headers: list[tuple[str, str]], body: bytes) -> None:
        self.status = status
        self.header_list = headers
        self.headers = {k.lower(): v for k, v in headers}
        self.body = body

    @property
    def cache(self) -> str | None:
        return self.headers.get("x-cache")


def call(
    path: str,
    *,
    method: str = "GET",
    query: str = "",
    host: str = "testserver",
    body: bytes = b"",
    **extra,
):
    """One request through newsdesk.wsgi.application, as granian would make it."""
    from newsdesk.wsgi import application

    environ = {
        "PATH_INFO": path,
        "REQUEST_METHOD": method,
        "QUERY_STRING": query,
        "CONTENT_LENGTH": str(len(body)),
        "CONTENT_TYPE": "application/x-www-form-urlencoded",
        "wsgi.input": io.BytesIO(body),
        "HTTP_HOST": host,
        "SERVER_NAME": "testserver",
        "SERVER_PORT": "80",
        "REMOTE_ADDR": "203.0.113.9",
        "HTTP_USER_AGENT": UA,
        "wsgi.url_scheme": "http",
        "wsgi.errors": io.StringIO(),
        **extra,
    }
    seen = {}

    def start_response(status, headers, exc_info=None):
        seen["status"] = int(status.split()[0])
        seen["headers"] = list(headers)

    result = application(environ, start_response)
    try:
        body = b"".join(result)
    finally:
        if hasattr(result, "close"):
            result.close()
    return Reply(seen["status"], seen["headers"], body)


@pytest.fixture
def purge_server():
    """A local stand-in for a CDN's purge API: records each purged path."""
    received: list[str] = []

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self):  # noqa: N802
            received.append(self.path)
            self.send_response(200)
            self.end_headers()

        def log_message(self, *args):
            pass

    server = HTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}", received
    server.shutdown()
    server.server_close()
