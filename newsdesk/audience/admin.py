from django.contrib import admin
from django.utils import timezone

from newsdesk.audience.models import MustRead


@admin.register(MustRead)
class MustReadAdmin(admin.ModelAdmin):
    """Editors' Must-Reads: order by position; an expired pin leaves the list by itself."""

    list_display = ["article", "position", "expires_at", "is_active"]
    list_editable = ["position", "expires_at"]
    autocomplete_fields = ["article"]
    fields = ["article", "position", "expires_at"]

    @admin.display(boolean=True, description="on the list")
    def is_active(self, obj: MustRead) -> bool:
        return obj.expires_at is None or obj.expires_at > timezone.now()

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("article")
