from __future__ import annotations

import time

from django import forms
from django.conf import settings
from django.core import signing

from newsdesk.comments import text
from newsdesk.comments.models import MAX_LENGTH

STARTED_SALT = "newsdesk.comments.started"


def started_token() -> str:
    """When the form was drawn, signed: a bot that posts at once gives itself away."""
    return signing.dumps(int(time.time()), salt=STARTED_SALT)


class CommentForm(forms.Form):
    name = forms.CharField(
        label="Name",
        max_length=60,
        error_messages={"required": "Please give a name to show with your comment."},
    )
    email = forms.EmailField(label="E-mail (optional, never shown)", required=False)
    text = forms.CharField(
        label="Comment", strip=False, error_messages={"required": "The comment is empty."}
    )
    parent = forms.IntegerField(required=False, widget=forms.HiddenInput, min_value=1)
    # Left empty by people (it is hidden from them); filled by form-filling bots.
    website = forms.CharField(required=False, label="Leave this empty")
    started = forms.CharField(required=False, widget=forms.HiddenInput)

    def clean_name(self) -> str:
        name = text.normalize(self.cleaned_data["name"])
        if not name:
            raise forms.ValidationError("Please give a name to show with your comment.")
        return name

    def clean_text(self) -> str:
        value = text.normalize(self.cleaned_data["text"])
        if not value:
            raise forms.ValidationError("The comment is empty.")
        if len(value) > MAX_LENGTH:
            raise forms.ValidationError(
                f"A comment can be at most {MAX_LENGTH} characters; this one has {len(value)}."
            )
        return value

    def automation_check(self) -> str:
        """ "bot" for a filled honeypot, a missing or forged timestamp, or a form sent faster
        than a person can type; "stale" for a form drawn over a week ago; else "ok"."""
        if self.cleaned_data.get("website"):
            return "bot"
        try:
            drawn = signing.loads(
                self.cleaned_data.get("started") or "", salt=STARTED_SALT, max_age=7 * 24 * 3600
            )
        except signing.SignatureExpired:
            return "stale"
        except signing.BadSignature:
            return "bot"
        if time.time() - int(drawn) < settings.NEWSDESK_COMMENT_MIN_SECONDS_TO_SUBMIT:
            return "bot"
        return "ok"


class EditForm(forms.Form):
    text = forms.CharField(
        label="Comment", strip=False, error_messages={"required": "The comment is empty."}
    )

    def clean_text(self) -> str:
        return CommentForm.clean_text(self)  # type: ignore[arg-type]
