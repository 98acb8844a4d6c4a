"""Why a view beacon is refused or not counted, in the site's error vocabulary (docs/errors.md).

The Django view and the WSGI fast path answer them alike: site.errors.error_response and
site.errors.wsgi_error.
"""

from __future__ import annotations

from newsdesk.site.errors import BadRequest, NotFound, TooManyRequests, Unavailable


class BadBeacon(BadRequest):
    code = "bad_beacon"
    message = "A view report needs the article's number, e.g. article=123."


class UnknownArticle(NotFound):
    code = "unknown_article"
    message = "There is no such article."


class RateLimited(TooManyRequests):
    """Past the per-reader rate: ``retry_after`` seconds until the rate window turns."""

    code = "rate_limited"

    def __init__(self, retry_after: int) -> None:
        super().__init__(
            f"Too many views reported; try again in {retry_after} s.", retry_after=retry_after
        )


class StoreUnavailable(Unavailable):
    """The view store cannot answer now (Redis or the database): the view is not counted."""

    code = "store_unavailable"
    message = "View counting is paused for a moment; the view was not counted."
    retry_after = 30
