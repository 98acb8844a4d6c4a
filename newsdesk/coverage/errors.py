"""Live coverage's refusals, in the site's one error vocabulary (newsdesk/site/errors.py)."""

from newsdesk.site.errors import BadRequest, Conflict, Forbidden, NotFound


class NotAllowed(Forbidden):
    code = "coverage_forbidden"
    message = "You may not do that to this live coverage."


class NoSuchUpdate(NotFound):
    code = "coverage_not_found"
    message = "There is no such live coverage or update."


class UpdateRejected(BadRequest):
    code = "update_rejected"
    message = "That update could not be posted: it is empty or too long."


class TooManyPinned(Conflict):
    code = "too_many_pinned"
    message = "Three key events are pinned already: unpin one first."


class CoverageState(Conflict):
    code = "coverage_state"
    message = "The live coverage is not in a state that allows that."
