"""Redirects in the admin: editors add, change and remove old addresses (imports.redirects)."""

from __future__ import annotations

from urllib.parse import urlsplit

from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError

from newsdesk.imports import redirects
from newsdesk.imports.models import Redirect


class RedirectForm(forms.ModelForm):
    class Meta:
        model = Redirect
        fields = ["old_path", "new_path", "note"]

    def clean_old_path(self) -> str:
        given = self.cleaned_data["old_path"].strip()
        parts = urlsplit(given)
        if parts.scheme in {"http", "https"}:  # a link pasted from the old site
            given = parts.path + (f"?{parts.query}" if parts.query else "")
        old = redirects.normalize(given)
        if not old:
            raise ValidationError("Give a path on this site, starting with /.")
        if redirects.reserved(old):
            raise ValidationError("That address is the site's own (home page, admin, feeds...).")
        return old

    def clean_new_path(self) -> str:
        new = redirects.normalize(self.cleaned_data["new_path"])
        if not new:
            raise ValidationError("Give a path on this site, starting with /: no other site.")
        return new

    def clean(self):
        data = super().clean()
        old, new = data.get("old_path"), data.get("new_path")
        if old and new:
            if old == new:
                raise ValidationError("The new address is the old one: that would be a loop.")
            others = Redirect.objects.exclude(pk=self.instance.pk)
            seen, current = {old}, new
            for _ in range(redirects.MAX_HOPS):
                current = others.filter(old_path=current).values_list("new_path", flat=True).first()
                if current is None:
                    break
                if current in seen:
                    raise ValidationError("Other redirects lead back here from there: a loop.")
                seen.add(current)
        return data


@admin.register(Redirect)
class RedirectAdmin(admin.ModelAdmin):
    form = RedirectForm
    list_display = ["old_path", "new_path", "note", "created_at"]
    search_fields = ["old_path", "new_path", "note"]
    list_per_page = 100
