"""Editorial notes in the admin: a thread beside the article form (registered into the
newsroom's ArticleAdmin by DeskConfig.ready), and a list of the notes addressed to you."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html

from newsdesk.desk import previews, services
from newsdesk.desk.models import Note, PreviewLink
from newsdesk.newsroom import rules


class NoteInline(admin.TabularInline):
    model = Note
    extra = 1
    fields = ["text", "addressed_to", "author", "created_at", "resolved"]
    readonly_fields = ["author", "created_at"]
    can_delete = False  # a note is a record: resolve it instead
    verbose_name = "editorial note (newsroom only)"
    verbose_name_plural = "editorial notes (newsroom only: never shown to readers)"

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.name == "addressed_to":
            # The newsroom's people: a short list, not an autocomplete (that would need the
            # right to browse every user account).
            kwargs["queryset"] = (
                get_user_model().objects.filter(is_staff=True, is_active=True).order_by("username")
            )
            # Boxes, each labelled with a name: the admin gives a multiple select a help text
            # that a table cell does not show, and a reference to it that would dangle.
            kwargs["widget"] = forms.CheckboxSelectMultiple
            kwargs["help_text"] = ""
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        formset.form.base_fields["text"].widget = forms.Textarea(
            attrs={"rows": 2, "cols": 60, "aria-label": "Note"}
        )

        class Notes(formset):
            def save_new(self, form, commit=True):
                # A new note goes through the service: its writer is who is signed in.
                return services.note_add(
                    user=request.user,
                    article=self.instance,
                    text=form.cleaned_data["text"],
                    addressed_to=form.cleaned_data.get("addressed_to") or (),
                )

            def save_m2m(self):  # the service has set the addressees
                return None

        return Notes

    # Whoever may work on the article may read and write its notes (newsroom.rules).
    def has_view_permission(self, request, obj=None):
        return obj is None or rules.can_edit(request.user, obj)

    has_add_permission = has_view_permission

    def has_change_permission(self, request, obj=None):
        return self.has_view_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Note)
class NoteAdmin(admin.ModelAdmin):
    """Notes addressed to you, unresolved first: where the top bar's count leads."""

    list_display = ["text", "article", "author", "created_at", "resolved"]
    list_filter = ["resolved"]
    list_select_related = ["article", "author"]
    readonly_fields = ["article", "author", "created_at", "text"]
    fields = ["article", "author", "created_at", "text", "resolved"]

    def get_queryset(self, request):
        return super().get_queryset(request).filter(addressed_to=request.user)

    def has_module_permission(self, request):
        return request.user.is_staff and request.user.has_perm("newsroom.change_article")

    def has_view_permission(self, request, obj=None):
        return self.has_module_permission(request)

    has_change_permission = has_view_permission

    def has_add_permission(self, request):
        return False  # notes are written on their article's form

    def has_delete_permission(self, request, obj=None):
        return False


class PreviewLinkForm(forms.ModelForm):
    """A new link: for whom, and for how long. A saved one: only its "revoked" box."""

    valid_for = forms.TypedChoiceField(
        label="valid for", choices=previews.LIFETIMES, coerce=int, initial=previews.DEFAULT_DAYS
    )
    revoke = forms.BooleanField(label="revoked", required=False)

    class Meta:
        model = PreviewLink
        fields = ["shared_with"]
        widgets = {"shared_with": forms.TextInput(attrs={"size": 24, "aria-label": "For"})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        link = self.instance
        self.fields["valid_for"].widget.attrs["aria-label"] = "Valid for"
        self.fields["revoke"].widget.attrs["aria-label"] = "Revoked"
        # A table cell shows no help text, and the admin's reference to one would dangle.
        self.fields["shared_with"].help_text = ""
        self.fields["shared_with"].widget.attrs["placeholder"] = "a fact-checker, a source"
        if link.pk is None:
            self.fields["revoke"].disabled = True  # nothing to revoke before it exists
            return
        days = max(1, round((link.expires_at - link.created_at).total_seconds() / 86400))
        self.fields["valid_for"].choices = [(days, f"{days} day{'s' if days != 1 else ''}")]
        self.fields["valid_for"].initial = days
        self.fields["revoke"].initial = link.revoked_at is not None
        self.fields["shared_with"].disabled = True
        self.fields["valid_for"].disabled = True
        self.fields["revoke"].disabled = link.revoked_at is not None  # revoked for good


class PreviewLinkInline(admin.TabularInline):
    """Preview links beside the article form, for editors (previews.can_share): made and
    revoked through the services; a revoked or expired link stays listed as a record."""

    model = PreviewLink
    form = PreviewLinkForm
    extra = 0
    fields = ["shared_with", "valid_for", "address", "created_by", "expires_at", "revoke"]
    readonly_fields = ["address", "created_by", "expires_at"]
    can_delete = False
    verbose_name = "preview link"
    verbose_name_plural = "preview links (anyone with a link sees this article as a preview)"

    @admin.display(description="address")
    def address(self, link: PreviewLink) -> str:
        if link.pk is None:
            return "Shown once saved"
        if link.revoked_at is not None:
            return f"Revoked {_when(link.revoked_at)}"
        if not link.is_open():
            return f"Expired {_when(link.expires_at)}"
        url = settings.SITE_URL + link.get_absolute_url()
        return format_html('<a class="preview-link-url" href="{0}" rel="noreferrer">{0}</a>', url)

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)

        class Links(formset):
            def save_new(self, form, commit=True):
                return services.preview_link_create(
                    user=request.user,
                    article=self.instance,
                    shared_with=form.cleaned_data["shared_with"],
                    days=form.cleaned_data["valid_for"],
                )

            def save_existing(self, form, obj, commit=True):
                if form.cleaned_data.get("revoke"):
                    return services.preview_link_revoke(user=request.user, link=obj)
                return obj

        return Links

    def has_view_permission(self, request, obj=None):
        # Without an article (the inline's own queryset, a new piece): whether they are an editor.
        if obj is None:
            return rules.can_publish(request.user)
        return previews.can_share(request.user, obj)

    has_add_permission = has_view_permission

    def has_change_permission(self, request, obj=None):
        return self.has_view_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return False


def _when(moment) -> str:
    return date_format(timezone.localtime(moment), "j F Y, H:i")
