from __future__ import annotations

import time

from django import forms
from django.conf import settings
from django.core import signing

from newsdesk.newsletters import lists

STARTED_SALT = "newsdesk.newsletters.started"


def started_token() -> str:
    """When the form was drawn, signed: the same for every reader of a cached page."""
    return signing.dumps(int(time.time()), salt=STARTED_SALT)


class ListsField(forms.MultipleChoiceField):
    widget = forms.CheckboxSelectMultiple


def _choices() -> list[tuple[str, str]]:
    return [(item.key, item.name) for item in lists.catalogue()]


class SignupForm(forms.Form):
    email = forms.EmailField(
        label="Your e-mail address",
        max_length=254,
        error_messages={
            "required": "Please give the e-mail address the newsletters should go to.",
            "invalid": "This does not look like an e-mail address (name@example.com).",
        },
    )
    lists = ListsField(
        label="Newsletters",
        choices=_choices,
        error_messages={
            "required": "Please choose at least one newsletter.",
            "invalid_choice": "%(value)s is not one of our newsletters.",
        },
    )
    # Left empty by people (it is hidden from them); filled by form-filling bots.
    website = forms.CharField(required=False, label="Leave this empty")
    started = forms.CharField(required=False, widget=forms.HiddenInput)

    def automation_check(self) -> str:
        """ "bot" for a filled honeypot, a missing or forged timestamp, or a form sent faster
        than a person types; "stale" for a form drawn over a week ago; else "ok"."""
        if self.data.get("website"):
            return "bot"
        try:
            drawn = signing.loads(
                self.data.get("started") or "", salt=STARTED_SALT, max_age=7 * 24 * 3600
            )
        except signing.SignatureExpired:
            return "stale"
        except signing.BadSignature:
            return "bot"
        if not isinstance(drawn, int) or time.time() - drawn < settings.NEWSDESK_SIGNUP_MIN_SECONDS:
            return "bot"
        return "ok"


class PreferencesForm(forms.Form):
    lists = ListsField(label="Your newsletters", choices=_choices, required=False)
