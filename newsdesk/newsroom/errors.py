"""The newsroom's refusals, in the site's one error vocabulary (newsdesk/site/errors.py).

So far those of draft revisions of live stories (newsroom/drafts.py, docs/desk.md).
"""

from newsdesk.site.errors import BadRequest, Conflict, NotFound


class NoSuchRevision(NotFound):
    code = "no_such_revision"
    message = "There is no such revision of this article."


class NotADraft(BadRequest):
    code = "not_a_draft"
    message = "Only a draft revision of a live story can be published from here."


class NotLive(BadRequest):
    code = "not_live"
    message = "Only a live story keeps draft revisions: use Save."


class DraftOutdated(Conflict):
    code = "draft_outdated"
    message = (
        "Not published: the story was saved after this draft was made, so publishing it would "
        "undo that save. Nothing was changed; compare the two, bring the draft's words into the "
        "form and save."
    )
