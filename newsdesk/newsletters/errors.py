"""Why a newsletter request is refused, in the site's error vocabulary (docs/errors.md)."""

from __future__ import annotations

from newsdesk.site.errors import BadRequest, Conflict, Forbidden, NotFound, TooManyRequests


class ExpiredLink(BadRequest):
    code = "link_expired"
    message = (
        "This confirmation link has expired (links last three days). "
        "Please sign up again and use the new link."
    )


class BadLink(BadRequest):
    code = "link_invalid"
    message = "This link is not valid. Please copy the whole link from the mail."


class SignupRefused(Forbidden):
    """A filled honeypot, a form sent faster than a person types, or a foreign origin."""

    code = "signup_refused"
    message = "We could not take this sign-up. Please fill in the form on our page again."


class TooManySignups(TooManyRequests):
    code = "too_many_signups"
    message = "Too many sign-ups from here just now. Please try again later."


class AlertAlreadySent(Conflict):
    code = "alert_exists"
    message = "A breaking alert was already sent for this story; a story gets one alert."


class NotAlertable(Conflict):
    code = "not_alertable"
    message = "Only a published story that readers can see may be sent as a breaking alert."


class LetterClosed(Conflict):
    code = "letter_closed"
    message = "This letter has already gone out (or was cancelled); it can no longer change."


class NoSuchLetter(NotFound):
    code = "no_such_letter"
    message = "There is no such newsletter."


class NotAnEditor(Forbidden):
    code = "not_an_editor"
    message = "Only editors send newsletters and alerts."
