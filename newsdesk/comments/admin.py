"""The moderators' queue: held comments first, with why they were held; actions call services."""

from __future__ import annotations

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied

from newsdesk.comments import services
from newsdesk.comments.models import BannedReader, Comment


class NeedsAttention(admin.SimpleListFilter):
    title = "queue"
    parameter_name = "queue"

    def lookups(self, request, model_admin):
        return [
            ("held", "Held for moderation"),
            ("review", "Published, not yet reviewed"),
            ("reported", "Reported"),
        ]

    def queryset(self, request, queryset):
        match self.value():
            case "held":
                return queryset.filter(status=Comment.Status.PENDING)
            case "review":
                return queryset.filter(status=Comment.Status.APPROVED, needs_review=True)
            case "reported":
                return queryset.filter(reports__gt=0)
        return queryset


@admin.register(Comment)
class CommentAdmin(admin.ModelAdmin):
    list_display = [
        "short_text",
        "name",
        "article",
        "status",
        "held_reason",
        "reports",
        "created_at",
    ]
    list_filter = [NeedsAttention, "status", "article__section"]
    list_select_related = ["article"]
    search_fields = ["text", "name", "email"]
    date_hierarchy = "created_at"
    readonly_fields = [
        "article",
        "parent",
        "name",
        "email",
        "text",
        "status",
        "held_reason",
        "reports",
        "created_at",
        "edited_at",
        "moderated_at",
        "moderated_by",
    ]
    fields = readonly_fields
    actions = ["approve", "reject", "mark_spam", "ban_reader"]
    list_per_page = 50

    @admin.display(description="comment")
    def short_text(self, obj: Comment) -> str:
        return obj.text if len(obj.text) <= 80 else obj.text[:79] + "…"

    def has_add_permission(self, request):
        return False  # readers write comments; moderators judge them

    def _run(self, request, queryset, service, done: str) -> None:
        count = 0
        for comment in queryset:
            try:
                service(comment=comment, moderator=request.user)
            except PermissionDenied as error:
                self.message_user(request, str(error), messages.ERROR)
                return
            count += 1
        self.message_user(request, f"{count} comment(s) {done}.", messages.SUCCESS)

    @admin.action(description="Approve: show on the site", permissions=["change"])
    def approve(self, request, queryset):
        self._run(request, queryset, services.comment_approve, "approved")

    @admin.action(description="Reject: keep off the site", permissions=["change"])
    def reject(self, request, queryset):
        self._run(request, queryset, services.comment_reject, "rejected")

    @admin.action(description="Mark as spam", permissions=["change"])
    def mark_spam(self, request, queryset):
        self._run(request, queryset, services.comment_mark_spam, "marked as spam")

    @admin.action(description="Ban the author and take down their comments", permissions=["change"])
    def ban_reader(self, request, queryset):
        self._run(request, queryset, services.reader_ban, "authors banned")


@admin.register(BannedReader)
class BannedReaderAdmin(admin.ModelAdmin):
    list_display = ["__str__", "reason", "created_at", "created_by"]
    search_fields = ["email", "reason"]
    readonly_fields = ["reader", "created_at", "created_by"]
