"""The error vocabulary: each error's status, Retry-After and body, in Django and in WSGI."""

import json

import pytest
from django.test import RequestFactory, override_settings

from newsdesk.audience import errors as audience_errors
from newsdesk.comments import errors as comment_errors
from newsdesk.coverage import errors as coverage_errors
from newsdesk.desk import errors as desk_errors
from newsdesk.newsletters import errors as newsletter_errors
from newsdesk.newsroom import errors as newsroom_errors
from newsdesk.site import errors
from newsdesk.site.errors import NewsdeskError, error_response, wsgi_error

# Every error the site raises: how it is built, then the status, Retry-After and message
# the client gets. A new NewsdeskError without a row here fails test_every_error_is_listed.
VOCABULARY = [
    (errors.BadRequest, (), 400, None, "The request was not understood."),
    (
        desk_errors.AutosaveRejected,
        (),
        400,
        None,
        "That draft could not be kept: it has fields the form does not have, or too much.",
    ),
    (desk_errors.NotYours, (), 403, None, "You may not work on this article."),
    (desk_errors.NoSuchArticle, (), 404, None, "There is no such article."),
    (desk_errors.BudgetRejected, (), 400, None, "That could not be done from the budget."),
    (
        desk_errors.NothingToTakeOver,
        (),
        404,
        None,
        "There are no unsaved words of theirs to take over: they may have saved already.",
    ),
    (desk_errors.StillHere, (), 409, None, "They have the article open now: ask them first."),
    (
        newsroom_errors.NoSuchRevision,
        (),
        404,
        None,
        "There is no such revision of this article.",
    ),
    (
        newsroom_errors.NotADraft,
        (),
        400,
        None,
        "Only a draft revision of a live story can be published from here.",
    ),
    (
        newsroom_errors.NotLive,
        (),
        400,
        None,
        "Only a live story keeps draft revisions: use Save.",
    ),
    (
        newsroom_errors.DraftOutdated,
        (),
        409,
        None,
        "Not published: the story was saved after this draft was made, so publishing it would "
        "undo that save. Nothing was changed; compare the two, bring the draft's words into the "
        "form and save.",
    ),
    (coverage_errors.NotAllowed, (), 403, None, "You may not do that to this live coverage."),
    (coverage_errors.NoSuchUpdate, (), 404, None, "There is no such live coverage or update."),
    (
        coverage_errors.UpdateRejected,
        (),
        400,
        None,
        "That update could not be posted: it is empty or too long.",
    ),
    (
        coverage_errors.TooManyPinned,
        (),
        409,
        None,
        "Three key events are pinned already: unpin one first.",
    ),
    (
        coverage_errors.CoverageState,
        (),
        409,
        None,
        "The live coverage is not in a state that allows that.",
    ),
    (
        errors.BadContentLength,
        (),
        400,
        None,
        "The request's Content-Length is not a number of bytes.",
    ),
    (errors.Forbidden, (), 403, None, "You are not allowed to do that."),
    (errors.NotFound, (), 404, None, "There is nothing here."),
    (errors.Conflict, (), 409, None, "That was done already."),
    (errors.TooManyRequests, (), 429, None, "Too many requests; please wait a moment."),
    (errors.Unavailable, (), 503, None, "This is unavailable for a moment; please try again."),
    (
        errors.DatabaseUnavailable,
        (),
        503,
        "10",
        "Our database is busy for a moment; please try again in a few seconds.",
    ),
    (comment_errors.CommentsClosed, (), 403, None, "Comments on this article are closed."),
    (comment_errors.Banned, (), 403, None, "You can no longer comment on this site."),
    (
        comment_errors.TooSoon,
        ("Please wait 55 seconds before your next comment.", 55),
        429,
        "55",
        "Please wait 55 seconds before your next comment.",
    ),
    (comment_errors.Duplicate, (), 409, None, "You posted this same comment a moment ago."),
    (
        comment_errors.NoOrigin,
        (),
        403,
        None,
        "Your browser did not say which page this came from. Please check your comment "
        "and send it again from this page.",
    ),
    (
        comment_errors.StaleForm,
        (),
        400,
        None,
        "This form is more than a week old. Please send it again.",
    ),
    (comment_errors.InvalidComment, (), 400, None, ""),
    (
        audience_errors.BadBeacon,
        (),
        400,
        None,
        "A view report needs the article's number, e.g. article=123.",
    ),
    (audience_errors.UnknownArticle, (), 404, None, "There is no such article."),
    (
        audience_errors.CrossSiteBeacon,
        (),
        403,
        None,
        "Views can be reported only from this site's own pages.",
    ),
    (
        audience_errors.RateLimited,
        (None, 42),
        429,
        "42",
        "Too many views reported; try again in 42 s.",
    ),
    (
        audience_errors.StoreUnavailable,
        (),
        503,
        "30",
        "View counting is paused for a moment; the view was not counted.",
    ),
    (
        newsletter_errors.ExpiredLink,
        (),
        400,
        None,
        "This confirmation link has expired (links last three days). "
        "Please sign up again and use the new link.",
    ),
    (
        newsletter_errors.BadLink,
        (),
        400,
        None,
        "This link is not valid. Please copy the whole link from the mail.",
    ),
    (
        newsletter_errors.SignupRefused,
        (),
        403,
        None,
        "We could not take this sign-up. Please fill in the form on our page again.",
    ),
    (
        newsletter_errors.TooManySignups,
        (None, 3600),
        429,
        "3600",
        "Too many sign-ups from here just now. Please try again later.",
    ),
    (
        newsletter_errors.AlertAlreadySent,
        (),
        409,
        None,
        "A breaking alert was already sent for this story; a story gets one alert.",
    ),
    (
        newsletter_errors.NotAlertable,
        (),
        409,
        None,
        "Only a published story that readers can see may be sent as a breaking alert.",
    ),
    (
        newsletter_errors.LetterClosed,
        (),
        409,
        None,
        "This letter has already gone out (or was cancelled); it can no longer change.",
    ),
    (newsletter_errors.NoSuchLetter, (), 404, None, "There is no such newsletter."),
    (
        newsletter_errors.NotAnEditor,
        (),
        403,
        None,
        "Only editors send newsletters and alerts.",
    ),
]


def build(cls, args):
    if not args:
        return cls()
    message, retry_after = args
    if cls is audience_errors.RateLimited:
        return cls(retry_after=retry_after)
    return cls(message, retry_after=retry_after)


IDS = [row[0].__name__ for row in VOCABULARY]


def _all_subclasses(cls):
    for sub in cls.__subclasses__():
        yield sub
        yield from _all_subclasses(sub)


def test_every_error_is_listed_and_has_its_own_code():
    listed = {row[0] for row in VOCABULARY}
    known = {cls for cls in _all_subclasses(NewsdeskError) if cls.__module__.startswith("newsdesk")}
    assert known == listed
    codes = [cls.code for cls in listed]
    assert len(codes) == len(set(codes))


@pytest.mark.parametrize(("cls", "args", "status", "retry_after", "message"), VOCABULARY, ids=IDS)
def test_a_django_view_answers_with_the_errors_status_retry_after_and_message(
    cls, args, status, retry_after, message
):
    response = error_response(None, build(cls, args))
    assert response.status_code == status
    assert response.get("Retry-After") == retry_after
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert response.content.decode() == message


@pytest.mark.parametrize(("cls", "args", "status", "retry_after", "message"), VOCABULARY, ids=IDS)
def test_as_json_the_body_is_the_message_under_error(cls, args, status, retry_after, message):
    response = error_response(None, build(cls, args), as_json=True)
    assert response.status_code == status
    assert response.get("Retry-After") == retry_after
    assert response["Content-Type"] == "application/json"
    assert json.loads(response.content) == {"error": message}


@pytest.mark.parametrize(("cls", "args", "status", "retry_after", "message"), VOCABULARY, ids=IDS)
def test_a_wsgi_layer_answers_the_same_after_its_own_headers(
    cls, args, status, retry_after, message
):
    seen = {}

    def start_response(status_line, headers, exc_info=None):
        seen.update(status_line=status_line, headers=headers)

    own = [("X-Content-Type-Options", "nosniff"), ("Cache-Control", "no-store")]
    body = b"".join(wsgi_error(build(cls, args), start_response, headers=own))
    assert int(seen["status_line"].split()[0]) == status
    assert body == message.encode()
    expected = list(own)
    if message:
        expected += [
            ("Content-Type", "text/plain; charset=utf-8"),
            ("Content-Length", str(len(message.encode()))),
        ]
    if retry_after is not None:
        expected.append(("Retry-After", retry_after))
    assert seen["headers"] == expected


def test_the_wsgi_status_line_carries_the_reason_phrase():
    lines = []
    for error in (audience_errors.RateLimited(3), audience_errors.StoreUnavailable()):
        wsgi_error(error, lambda status, headers: lines.append(status))
    assert lines == ["429 Too Many Requests", "503 Service Unavailable"]


def test_a_retry_after_of_zero_or_less_is_sent_as_one_second():
    assert comment_errors.TooSoon("Wait.", retry_after=0).retry_after == 1
    assert (
        error_response(None, comment_errors.TooSoon("Wait.", retry_after=-5))["Retry-After"] == "1"
    )


def test_a_message_given_when_raised_replaces_the_class_one_and_is_str():
    error = audience_errors.BadBeacon("A view report needs the article's number.")
    assert str(error) == error.message == "A view report needs the article's number."
    assert audience_errors.BadBeacon.message.endswith("e.g. article=123.")
    assert str(comment_errors.Banned()) == "You can no longer comment on this site."


def test_an_error_is_still_the_exception_callers_catch():
    with pytest.raises(audience_errors.StoreUnavailable):
        raise audience_errors.StoreUnavailable
    assert issubclass(comment_errors.TooSoon, errors.TooManyRequests)
    assert issubclass(audience_errors.StoreUnavailable, errors.Unavailable)


PAGE = {
    "page.html": "{{ message }}|{{ error.code }}|{{ heading }}|{{ request.path|default:'none' }}",
}
LOCMEM = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "OPTIONS": {
            "loaders": [("django.template.loaders.locmem.Loader", PAGE)],
            "context_processors": ["django.template.context_processors.request"],
        },
    }
]


@override_settings(TEMPLATES=LOCMEM)
def test_a_page_is_rendered_with_the_message_the_error_and_the_callers_context():
    request = RequestFactory().post("/comments/1/")
    error = comment_errors.TooSoon("Please wait 5 seconds.", retry_after=5)
    response = error_response(request, error, template_name="page.html", context={"heading": "H"})
    assert response.status_code == 429
    assert response["Retry-After"] == "5"
    assert response["Content-Type"] == "text/html; charset=utf-8"
    assert response.content.decode() == "Please wait 5 seconds.|too_soon|H|/comments/1/"


@override_settings(TEMPLATES=LOCMEM)
def test_without_a_request_a_page_renders_without_context_processors():
    response = error_response(None, errors.DatabaseUnavailable(), template_name="page.html")
    assert response.status_code == 503
    assert response["Retry-After"] == "10"
    assert response.content.decode().endswith("|database_unavailable||none")


def test_the_503_page_for_a_database_that_is_down_needs_no_database():
    # No django_db mark: any query would fail the test.
    response = error_response(None, errors.DatabaseUnavailable(), template_name="503.html")
    assert response.status_code == 503
    assert response["Retry-After"] == "10"
    assert "please try again in a few seconds" in response.content.decode()
