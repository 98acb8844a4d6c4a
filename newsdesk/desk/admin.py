"""Editorial notes in the admin: a thread beside the article form (registered into the
newsroom's ArticleAdmin by DeskConfig.ready), and a list of the notes addressed to you."""

from __future__ import annotations

from django import forms
from django.contrib import admin
from django.contrib.auth import get_user_model

from newsdesk.desk import services
from newsdesk.desk.models import Note
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
