"""The reader's newsletter pages: sign up, confirm, preferences, one-click unsubscribe, the
archive. docs/newsletters.md. Each view is short: forms check, services write."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.cache import add_never_cache_headers
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods

from newsdesk.newsletters import errors, lists, selectors, services, tokens
from newsdesk.newsletters.forms import PreferencesForm, SignupForm, started_token
from newsdesk.site import origin
from newsdesk.site.errors import NewsdeskError, error_response
from newsdesk.site.http import client_network


def _private(response: HttpResponse) -> HttpResponse:
    add_never_cache_headers(response)
    return response


@require_GET
def index(request: HttpRequest) -> HttpResponse:
    """The newsletters, a sign-up form and the archive. Two queries."""
    context = {
        "form": SignupForm(initial={"lists": [lists.BRIEFING]}),
        "started": started_token(),
        "catalogue": lists.catalogue(),
        "archive": selectors.archive(),
    }
    return render(request, "newsletters/index.html", context)


@csrf_exempt  # checked by site.origin, which works on cached pages
@require_http_methods(["POST"])
def signup(request: HttpRequest) -> HttpResponse:
    form = SignupForm(request.POST)
    context = {"form": form, "started": started_token(), "catalogue": lists.catalogue()}
    try:
        if origin.check(request) != "ok":
            raise errors.SignupRefused()
        if not form.is_valid():
            raise errors.BadRequest("Please correct the form below.")
        check = form.automation_check()
        if check == "stale":
            raise errors.BadRequest("This form was open a long time. Please send it again.")
        if check == "bot":
            raise errors.SignupRefused()
        services.signup_request(
            address=form.cleaned_data["email"],
            chosen=form.cleaned_data["lists"],
            network=client_network(request),
        )
    except NewsdeskError as error:
        page = error_response(
            request, error, template_name="newsletters/signup.html", context=context
        )
        return _private(page)
    return _private(render(request, "newsletters/check_inbox.html", {}))


@require_http_methods(["GET", "POST"])
def confirm(request: HttpRequest, token: str) -> HttpResponse:
    """GET shows what the link confirms and a button; POST confirms (a mail scanner that
    follows links confirms nothing)."""
    try:
        address, chosen = tokens.read_confirm(token)
    except tokens.BadToken as bad:
        error = errors.ExpiredLink() if bad.expired else errors.BadLink()
        return _private(error_response(request, error, template_name="newsletters/link.html"))
    names = {item.key: item.name for item in lists.catalogue()}
    if request.method == "POST":
        subscriber = services.signup_confirm(address=address, chosen=chosen)
        context = {"preferences": _preferences_url(subscriber.pk), "lists": _named(chosen, names)}
        return _private(render(request, "newsletters/confirmed.html", context))
    context = {"lists": _named(chosen, names)}
    return _private(render(request, "newsletters/confirm.html", context))


def _named(keys, names) -> list[str]:
    return [names[k] for k in keys if k in names]


def _preferences_url(subscriber_id: int) -> str:
    from django.urls import reverse

    token = tokens.subscriber_token(subscriber_id)
    return reverse("newsletters:preferences", kwargs={"token": token})


def _subscriber_or_error(request: HttpRequest, token: str):
    try:
        subscriber = selectors.subscriber(tokens.read_subscriber(token))
    except tokens.BadToken:
        return None, error_response(
            request, errors.BadLink(), template_name="newsletters/link.html"
        )
    if subscriber is None:
        raise Http404("This subscription no longer exists.")
    return subscriber, None


@require_http_methods(["GET", "POST"])
def preferences(request: HttpRequest, token: str) -> HttpResponse:
    subscriber, refusal = _subscriber_or_error(request, token)
    if refusal is not None:
        return _private(refusal)
    saved = False
    if request.method == "POST":
        form = PreferencesForm(request.POST)
        if form.is_valid():
            services.preferences_set(subscriber=subscriber, chosen=form.cleaned_data["lists"])
            saved = True
            form = PreferencesForm(initial={"lists": sorted(selectors.lists_of(subscriber))})
        else:
            response = render(request, "newsletters/preferences.html", {"form": form}, status=400)
            return _private(response)
    else:
        form = PreferencesForm(initial={"lists": sorted(selectors.lists_of(subscriber))})
    context = {"form": form, "saved": saved, "unsubscribe_token": token}
    return _private(render(request, "newsletters/preferences.html", context))


@csrf_exempt  # RFC 8058: mail providers POST here with no cookie and no token; the link's
# signature is the proof (and unsubscribing is the only thing it can do)
@require_http_methods(["GET", "POST"])
def unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    """GET asks (a link scanner unsubscribes nobody); POST, from the page or a mail
    provider's one-click, leaves every list."""
    try:
        subscriber_id = tokens.read_subscriber(token)
    except tokens.BadToken:
        refusal = error_response(request, errors.BadLink(), template_name="newsletters/link.html")
        return _private(refusal)
    if request.method == "POST":
        if not services.unsubscribe_all(subscriber_id=subscriber_id):
            raise Http404("This subscription no longer exists.")
        context = {"preferences": _preferences_url(subscriber_id)}
        return _private(render(request, "newsletters/unsubscribed.html", context))
    if selectors.subscriber(subscriber_id) is None:
        raise Http404("This subscription no longer exists.")
    return _private(render(request, "newsletters/unsubscribe.html", {}))


@require_GET
def letter(request: HttpRequest, pk: int) -> HttpResponse:
    """A letter that went out, as readers got it (without anyone's own links). Three queries."""
    found = selectors.sent_letter(pk)
    if found is None:
        raise Http404(errors.NoSuchLetter.message)
    from newsdesk.newsletters import mail

    rendered = mail.render_letter(found)
    context = {"letter": found, "stories": rendered.stories, "list_name": rendered.list_name}
    return render(request, "newsletters/letter.html", context)


# A transparent 1x1 GIF.
PIXEL = bytes.fromhex(
    "47494638396101000100800000000000ffffff21f90401000000002c00000000010001000002024401003b"
)


@require_GET
def opened(request: HttpRequest, token: str) -> HttpResponse:
    """Open tracking's picture (only in mail sent with NEWSDESK_OPEN_TRACKING on): records the
    copy's first opening. A forged address is a 400."""
    try:
        letter_id, subscriber_id = tokens.read_open(token)
    except tokens.BadToken:
        return _private(error_response(request, errors.BadLink()))
    services.copy_opened(letter_id=letter_id, subscriber_id=subscriber_id)
    return _private(HttpResponse(PIXEL, content_type="image/gif"))
