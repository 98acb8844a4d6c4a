"""The newsroom's people and places in the admin: sections, tags, contributors."""

from __future__ import annotations

from django.contrib import admin

from newsdesk.newsroom import services
from newsdesk.newsroom.models import Contributor, Section, Tag


@admin.register(Section)
class SectionAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "position"]
    list_editable = ["position"]
    prepopulated_fields = {"slug": ["name"]}
    search_fields = ["name"]


@admin.register(Tag)
class TagAdmin(admin.ModelAdmin):
    list_display = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    search_fields = ["name"]


@admin.register(Contributor)
class ContributorAdmin(admin.ModelAdmin):
    list_display = ["display_name", "public_id", "contact_email", "user"]
    search_fields = ["display_name", "public_id", "contact_email"]
    readonly_fields = ["public_id", "created_at"]
    autocomplete_fields = ["photo"]
    prepopulated_fields = {"slug": ["display_name"]}
    fields = [
        "display_name",
        "slug",
        "public_id",
        "contact_email",
        "bio",
        "photo",
        "user",
        "created_at",
    ]

    def save_model(self, request, obj, form, change):
        if change:
            super().save_model(request, obj, form, change)
            return
        created = services.contributor_create(
            display_name=obj.display_name,
            slug=obj.slug,
            contact_email=obj.contact_email,
            bio=obj.bio,
            user=obj.user,
        )
        if obj.photo:
            created.photo = obj.photo
            created.save(update_fields=["photo"])
        obj.pk, obj.public_id = created.pk, created.public_id
