"""Reader-looking pages that must not be cached, next to the real site (test-only URLs)."""

import threading
import time

from django.http import HttpResponse
from django.urls import include, path
from django.utils.cache import patch_vary_headers

from newsdesk.pagecache import keys


def _page(text: str) -> HttpResponse:
    return keys.tag(HttpResponse(f"<p>{text}</p>"), "test-page")


def public(request):
    return _page("the same for everyone")


def sets_cookie(request):
    response = _page("hello")
    response.set_cookie("reader", request.headers.get("X-Reader", "nobody"))
    return response


def varies_on_cookie(request):
    response = _page(f"cookie {request.COOKIES.get('reader', '')}")
    patch_vary_headers(response, ["Cookie"])
    return response


def private(request):
    response = _page(f"private for {request.headers.get('X-Reader', '')}")
    response["Cache-Control"] = "private"
    return response


def untagged(request):
    return HttpResponse("<p>no keys</p>")


def server_error(request):
    return keys.tag(HttpResponse("<p>oops</p>", status=503), "test-page")


# Renders of the slow pages, counted across the threads of one test.
renders = {"count": 0}
_renders_lock = threading.Lock()


def _slow(text: str) -> HttpResponse:
    with _renders_lock:
        renders["count"] += 1
    time.sleep(0.3)  # long enough for every concurrent request to arrive during the render
    return _page(text)


def slow(request):
    return _slow("slow and the same for everyone")


def slow_purged_once(request):
    from newsdesk.pagecache import store

    with _renders_lock:
        renders["count"] += 1
        first = renders["count"] == 1
    if first:
        store.mark_purged(["test-page"])  # during its own render: its copy will be stale
    time.sleep(0.3)
    return _page("slow, purged during its first render")


def slow_private(request):
    response = _slow("slow and private")
    response["Cache-Control"] = "private"
    return response


urlpatterns = [
    path("test-pages/slow/", slow),
    path("test-pages/slow-private/", slow_private),
    path("test-pages/slow-purged-once/", slow_purged_once),
    path("test-pages/public/", public),
    path("test-pages/cookie/", sets_cookie),
    path("test-pages/vary/", varies_on_cookie),
    path("test-pages/private/", private),
    path("test-pages/untagged/", untagged),
    path("test-pages/error/", server_error),
    path("", include("newsdesk.urls")),
]
