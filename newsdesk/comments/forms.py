from django import forms

from newsdesk.comments import text
from newsdesk.comments.models import MAX_LENGTH


class CommentForm(forms.Form):
    name = forms.CharField(label="Name", max_length=60)
    email = forms.EmailField(label="E-mail (optional, never shown)", required=False)
    text = forms.CharField(
        label="Comment",
        # maxlength is only a backstop for browsers without the script: it counts UTF-16 units,
        # which is never fewer than code points, so it can stop a reader early but never let
        # through more than the server accepts.
        widget=forms.Textarea(attrs={"maxlength": MAX_LENGTH, "rows": 4}),
        strip=False,
    )

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
