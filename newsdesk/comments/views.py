"""Reader comment endpoints: plain form POSTs that work without JavaScript."""

from __future__ import annotations

import secrets
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.utils.cache import add_never_cache_headers
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST

from newsdesk.comments import services
from newsdesk.comments.errors import InvalidComment, NoOrigin, StaleForm
from newsdesk.comments.forms import CommentForm, EditForm, started_token
from newsdesk.comments.models import Comment
from newsdesk.newsroom.models import Article
from newsdesk.site import origin
from newsdesk.site.errors import NewsdeskError, error_response
from newsdesk.site.http import client_ip

COOKIE_PATH = "/comments/"
# The poster's browser: a random secret, sent to the comment endpoints only, whose keyed hash
# is the poster's key for limits, bans and reports (docs/security.md, "Hostile traffic").
POSTER_COOKIE = "nd_poster"
POSTER_COOKIE_DAYS = 365


def _browser(request: HttpRequest) -> str:
    """The poster cookie's secret, or a new one for a browser without a (well-formed) one."""
    if not hasattr(request, "nd_browser"):
        sent = request.COOKIES.get(POSTER_COOKIE, "")
        well_formed = (
            20 <= len(sent) <= 64
            and sent.isascii()
            and sent.replace("-", "a").replace("_", "a").isalnum()
        )
        request.nd_browser = sent if well_formed else secrets.token_urlsafe(24)
    return request.nd_browser


def _poster(request: HttpRequest) -> services.Poster:
    return services.Poster(
        ip=client_ip(request),
        user_agent=request.headers.get("User-Agent", ""),
        browser=_browser(request),
    )


def _keep_browser(request: HttpRequest, response: HttpResponse) -> HttpResponse:
    """Gives a browser that had no poster cookie the one its post or report was keyed on."""
    secret = getattr(request, "nd_browser", None)
    if secret and request.COOKIES.get(POSTER_COOKIE) != secret:
        response.set_cookie(
            POSTER_COOKIE,
            secret,
            max_age=POSTER_COOKIE_DAYS * 24 * 3600,
            path=COOKIE_PATH,
            httponly=True,
            samesite="Lax",
            secure=settings.SESSION_COOKIE_SECURE,
        )
    return response


def _uncached(
    request: HttpRequest,
    template_name: str,
    context: dict[str, Any],
    error: NewsdeskError | None = None,
) -> HttpResponse:
    """The page, or with an error its status, message and Retry-After; never cached, as it
    carries the reader's own token and text."""
    if error is None:
        response = render(request, template_name, context)
    else:
        response = error_response(request, error, template_name=template_name, context=context)
    add_never_cache_headers(response)
    return response


def _form_page(request, article, form, *, parent=None, error: NewsdeskError | None = None):
    """The uncached comment page: the form as sent, why it was not posted, and a fresh token."""
    context = {"article": article, "form": form, "parent": parent, "started": started_token()}
    return _uncached(request, "comments/form_page.html", context, error)


def _see_other(url: str) -> HttpResponseRedirect:
    response = HttpResponseRedirect(url)
    response.status_code = 303
    return response


def _submitted(request: HttpRequest, form: CommentForm) -> dict[str, Any] | None:
    """The form's data if it may go to the service; None for a bot (dropped, told nothing).

    Raises PermissionDenied for a post from another site, and comments.errors for a form
    to be shown again.
    """
    verdict = origin.check(request)
    if verdict == "cross-site":
        raise PermissionDenied("Comments can be sent only from this site's own pages.")
    valid = form.is_valid()  # also before a refusal: the page shows the reader's text again
    if verdict == "no-token":
        raise NoOrigin
    if not valid:
        raise InvalidComment
    check = form.automation_check()
    if check == "stale":
        raise StaleForm
    return None if check == "bot" else form.cleaned_data


@csrf_exempt  # checked by origin.check, which works on cached pages (see site.origin)
@require_http_methods(["GET", "POST"])
def post(request: HttpRequest, article_id: int, parent_id: int | None = None) -> HttpResponse:
    article = get_object_or_404(Article.objects.live().select_related("section"), pk=article_id)
    parent = None
    if parent_id is not None:
        parent = get_object_or_404(
            Comment.objects.visible(), pk=parent_id, article=article, parent__isnull=True
        )
    if request.method == "GET":  # the reply form, or the form on its own page
        form = CommentForm(initial={"parent": parent_id})
        return _form_page(request, article, form, parent=parent)
    form = CommentForm(request.POST)
    try:
        data = _submitted(request, form)
        if data is None:
            return _see_other(article.get_absolute_url())  # a bot: dropped, and told nothing
        if data.get("parent") and parent is None:
            parent = Comment.objects.visible().filter(pk=data["parent"], article=article).first()
        comment, token = services.comment_post(
            article=article,
            poster=_poster(request),
            name=data["name"],
            text=data["text"],
            email=data.get("email") or "",
            parent=parent,
        )
    except NewsdeskError as error:
        return _form_page(request, article, form, parent=parent, error=error)
    except ValidationError as error:
        form.add_error(None, error)
        return _form_page(request, article, form, parent=parent, error=InvalidComment())
    return _keep_browser(request, _posted(request, article, comment, token))


def _posted(request: HttpRequest, article: Article, comment: Comment, token: str) -> HttpResponse:
    """Back to the article, with the cookies that let this browser edit the comment."""
    if comment.status == Comment.Status.APPROVED:
        response = _see_other(f"{article.get_absolute_url()}#comment-{comment.pk}")
    else:
        response = _see_other(f"{article.get_absolute_url()}?comment=held#comments")
    minutes = settings.NEWSDESK_COMMENT_EDIT_MINUTES
    response.set_cookie(
        f"nd_c{comment.pk}",
        token,
        max_age=minutes * 60,
        path=COOKIE_PATH,
        httponly=True,
        samesite="Lax",
        secure=settings.SESSION_COOKIE_SECURE,
    )
    # Not secret: which comments are this browser's, so the page's script can offer "Edit"
    # on a page that is the same (and cached) for everyone.
    mine = [i for i in request.COOKIES.get("nd_mine", "").split(".") if i.isdigit()][-9:]
    response.set_cookie(
        "nd_mine",
        ".".join([*mine, str(comment.pk)]),
        max_age=minutes * 60,
        samesite="Lax",
        secure=settings.SESSION_COOKIE_SECURE,
    )
    return response


def _editable(request: HttpRequest, comment_id: int) -> tuple[Comment, str]:
    comment = get_object_or_404(Comment.objects.select_related("article"), pk=comment_id)
    return comment, request.COOKIES.get(f"nd_c{comment.pk}", "")


@csrf_exempt  # checked by origin.check
@require_http_methods(["GET", "POST"])
def edit(request: HttpRequest, comment_id: int) -> HttpResponse:
    comment, token = _editable(request, comment_id)
    if request.method == "POST" and origin.check(request) != "ok":
        raise PermissionDenied("Edits can be sent only from this site's own pages.")
    if request.method == "POST" and "delete" in request.POST:
        services.comment_delete(comment=comment, token=token)
        return _see_other(f"{comment.article.get_absolute_url()}#comments")
    form = EditForm(request.POST or None, initial={"text": comment.text})
    if request.method == "POST" and form.is_valid():
        services.comment_edit(
            comment=comment, token=token, text=form.cleaned_data["text"], poster=_poster(request)
        )
        anchor = (
            f"#comment-{comment.pk}"
            if comment.status == Comment.Status.APPROVED
            else ("?comment=held#comments")
        )
        return _see_other(comment.article.get_absolute_url() + anchor)
    if request.method == "GET":
        services.check_owner(comment=comment, token=token)
    error = InvalidComment() if request.method == "POST" else None  # the form did not pass
    return _uncached(request, "comments/edit.html", {"comment": comment, "form": form}, error)


@csrf_exempt  # checked by origin.check
@require_POST
def report(request: HttpRequest, comment_id: int) -> HttpResponse:
    comment = get_object_or_404(Comment.objects.visible().select_related("article"), pk=comment_id)
    if origin.check(request) != "ok":
        raise PermissionDenied("Reports can be sent only from this site's own pages.")
    services.comment_report(comment=comment, reporter=_poster(request))
    response = _see_other(f"{comment.article.get_absolute_url()}?comment=reported#comments")
    return _keep_browser(request, response)
