"""Why a comment is refused, in the site's error vocabulary (docs/errors.md).

The comment views show each on the uncached form page, with the reader's text kept
(site.errors.error_response with the form page's template).
"""

from __future__ import annotations

from newsdesk.site.errors import BadRequest, Conflict, Forbidden, TooManyRequests


class CommentsClosed(Forbidden):
    code = "comments_closed"
    message = "Comments on this article are closed."


class Banned(Forbidden):
    code = "banned"
    message = "You can no longer comment on this site."


class TooSoon(TooManyRequests):
    """A rate limit: ``retry_after`` seconds until the reader may post again."""

    code = "too_soon"


class Duplicate(Conflict):
    code = "duplicate"
    message = "You posted this same comment a moment ago."


class NoOrigin(Forbidden):
    """A browser that sent neither Origin nor a valid CSRF token (site.origin)."""

    code = "no_origin"
    message = (
        "Your browser did not say which page this came from. Please check your comment "
        "and send it again from this page."
    )


class StaleForm(BadRequest):
    code = "stale_form"
    message = "This form is more than a week old. Please send it again."


class InvalidComment(BadRequest):
    """The form or the text did not pass; the form itself says why, next to its fields."""

    code = "invalid_comment"
    message = ""
