"""The site's own error pages. The 500 page renders without a database or context processors."""

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.templatetags.static import static as static_url
from django.views import defaults, static


def bad_request(request: HttpRequest, exception: Exception) -> HttpResponse:
    return defaults.bad_request(request, exception, template_name="400.html")


def permission_denied(request: HttpRequest, exception: Exception) -> HttpResponse:
    return defaults.permission_denied(request, exception, template_name="403.html")


def page_not_found(request: HttpRequest, exception: Exception) -> HttpResponse:
    return defaults.page_not_found(request, exception, template_name="404.html")


def server_error(request: HttpRequest) -> HttpResponse:
    # Django renders it with no context and no request, so it works with a broken database.
    return defaults.server_error(request, template_name="500.html")


def favicon(request: HttpRequest) -> HttpResponse:
    """Browsers ask for /favicon.ico on their own: send them to the static icon (hashed name)."""
    return redirect(static_url("newsdesk/favicon.ico"), permanent=True)


def health(request: HttpRequest) -> HttpResponse:
    """For load balancers and uptime checks: the process answers. Touches no database."""
    return HttpResponse(status=204)


# A year: files whose name changes whenever their content does (image renditions).
IMMUTABLE = "public, max-age=31536000, immutable"
MEDIA_MAX_AGE = "public, max-age=86400"


def media(
    request: HttpRequest, path: str, document_root: str, immutable_prefixes: tuple[str, ...] = ()
) -> HttpResponse:
    """Uploaded media, for the embedded setup (Django's static.serve).

    Files under ``immutable_prefixes`` are cached for a year, the rest for a day. A name the
    file system refuses (too long, NUL bytes) is a file that is not there: 404, where
    Django's view would let the OSError out as a 500.
    """
    try:
        response = static.serve(request, path, document_root=document_root)
    except (OSError, ValueError) as error:
        raise Http404("No such file.") from error
    response["Cache-Control"] = IMMUTABLE if path.startswith(immutable_prefixes) else MEDIA_MAX_AGE
    return response
