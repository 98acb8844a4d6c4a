"""The filters of a reader's search. The query itself is not a form field: any text is a
query (see ``analysis.parse_query``), while a filter that is not valid is shown as an error
and left out."""

from __future__ import annotations

from django import forms
from django.utils.html import format_html_join
from django.utils.safestring import SafeString, mark_safe

from newsdesk.newsroom.models import Section
from newsdesk.search.selectors import Choice

SELECTED = mark_safe(" selected")


class SearchFilters(forms.Form):
    section = forms.SlugField(label="Section", required=False)
    contributor = forms.SlugField(label="Contributor", required=False)
    date_from = forms.DateField(label="From", required=False)
    date_to = forms.DateField(label="To", required=False)

    def __init__(self, data, *, sections: list[Section], contributors: list[Choice]):
        super().__init__(data)
        self.sections = {s.slug: s for s in sections}
        self.contributors = {c.slug: c for c in contributors}

    def clean_section(self) -> str:
        slug = self.cleaned_data["section"]
        if slug and slug not in self.sections:
            raise forms.ValidationError("There is no such section.")
        return slug

    def clean_contributor(self) -> str:
        slug = self.cleaned_data["contributor"]
        if slug and slug not in self.contributors:
            raise forms.ValidationError("There is no such contributor.")
        return slug

    # The options are written here in one pass: a template or widget per option would cost
    # milliseconds for a newsroom with hundreds of contributors.
    def section_options(self) -> SafeString:
        chosen = self["section"].value()
        return format_html_join(
            "",
            '<option value="{}"{}>{}</option>',
            (
                (s.slug, SELECTED if s.slug == chosen else "", s.name)
                for s in self.sections.values()
            ),
        )

    def contributor_options(self) -> SafeString:
        chosen = self["contributor"].value()
        return format_html_join(
            "",
            '<option value="{}"{}>{}</option>',
            (
                (c.slug, SELECTED if c.slug == chosen else "", c.display_name)
                for c in self.contributors.values()
            ),
        )

    @property
    def date_fields(self) -> list[forms.BoundField]:
        return [self["date_from"], self["date_to"]]

    def filters(self) -> dict:
        """The valid filters, as the search scope takes them."""
        self.is_valid()
        data = self.cleaned_data
        return {
            "section": self.sections.get(data.get("section") or ""),
            "contributor": self.contributors.get(data.get("contributor") or ""),
            "date_from": data.get("date_from"),
            "date_to": data.get("date_to"),
        }
