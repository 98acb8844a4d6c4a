"""The live desk's forms (coverage/admin.py): what the newsroom types, before the services.

The forms only read what was typed, with the fields and widgets the article form uses; every
refusal of the text (empty, too long, a summary missing, a fourth key event) is the services'
own (coverage/services.py), so the desk and any other caller say the same thing.
"""

from __future__ import annotations

from django import forms
from django.contrib import admin
from django.contrib.admin.widgets import AdminTextareaWidget, AutocompleteSelect
from django.core.exceptions import ValidationError

from newsdesk.coverage import rules
from newsdesk.coverage.models import Update
from newsdesk.images.models import Image


def _field(name: str, **kwargs) -> forms.Field:
    field = Update._meta.get_field(name)
    if field.is_relation:
        # The library's (and the contributors') own autocomplete, as the article form's lead
        # image and bylines use: it searches the admin's search_fields.
        kwargs["widget"] = AutocompleteSelect(field, admin.site)
    return field.formfield(required=False, **kwargs)


class UpdateEditForm(forms.Form):
    """An update's text (the admin's prose editor with UPDATE_EXTENSIONS) and picture."""

    # The admin's textarea makes it the admin's prose editor, as on the article form.
    body = _field("body", widget=AdminTextareaWidget)
    image = _field("image")

    def clean_image(self) -> Image | None:
        image = self.cleaned_data.get("image")
        attached = image is not None and image.pk != self.initial.get("image")
        if attached and not image.is_usable():
            raise ValidationError(
                "The rights to this image have expired: choose another from the library."
            )
        return image


class UpdateForm(UpdateEditForm):
    """A new update: also its author, and (editors only) whether it is a key event."""

    author = _field("author", help_text="Leave empty for your own byline.")
    pinned = forms.BooleanField(
        label="Key event", required=False, help_text="Pinned on top of the page (three at most)."
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        if not rules.can_run(user):
            del self.fields["pinned"]


class CorrectionForm(forms.Form):
    text = forms.CharField(
        label="Correction",
        required=False,
        strip=False,
        widget=forms.Textarea(attrs={"rows": 3, "cols": 60}),
        help_text="Shown on the update with its time: what was wrong, and what is right.",
    )


class CloseForm(forms.Form):
    summary = forms.CharField(
        label="Summary for readers",
        required=False,
        strip=False,
        widget=forms.Textarea(attrs={"rows": 4, "cols": 60}),
        help_text="Shown above the updates once the coverage is closed.",
    )
