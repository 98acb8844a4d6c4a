"""Why a view beacon is refused or not counted, in the site's error vocabulary (docs/errors.md).

The Django view and the WSGI fast path answer them alike: site.errors.error_response and
site.errors.wsgi_error.
"""

from __future__ import annotations

from newsdesk.site.errors import BadRequest, Forbidden, NotFound, TooManyRequests, Unavailable


class BadBeacon(BadRequest):
    code = "bad_beacon"
    message = "A view report needs the article's number, e.g. article=123."


class UnknownArticle(NotFound):
    """No such article, or not public (a draft, in review, scheduled, unpublished): a reader
    cannot tell the two apart."""

    code = "unknown_article"
    message = "There is no such article."


class CrossSiteBeacon(Forbidden):
    """The browser says the report comes from another site's page."""

    code = "cross_site_beacon"
    message = "Views can be reported only from this site's own pages."


class RateLimited(TooManyRequests):
    """Past the per-reader or per-address rate: ``retry_after`` seconds until the rate
    window turns."""

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
