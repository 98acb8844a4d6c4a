"""The desk's refusals, in the site's one error vocabulary (newsdesk/site/errors.py)."""

from newsdesk.site.errors import BadRequest, Conflict, Forbidden, NotFound


class AutosaveRejected(BadRequest):
    code = "autosave_rejected"
    message = "That draft could not be kept: it has fields the form does not have, or too much."


class NotYours(Forbidden):
    code = "desk_forbidden"
    message = "You may not work on this article."


class NoSuchArticle(NotFound):
    code = "desk_not_found"
    message = "There is no such article."


class BudgetRejected(BadRequest):
    code = "budget_rejected"
    message = "That could not be done from the budget."


class NothingToTakeOver(NotFound):
    code = "nothing_to_take_over"
    message = "There are no unsaved words of theirs to take over: they may have saved already."


class StillHere(Conflict):
    code = "still_here"
    message = "They have the article open now: ask them first."
