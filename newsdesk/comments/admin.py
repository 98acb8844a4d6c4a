"""The moderators' queue: held comments first, with why they were held; actions call services.

Each comment also carries its own Approve / Reject / Spam / Ban buttons, in the list and on its
page: they post to small admin views that call the same services and come back to the queue
with its filters.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.contrib import admin, messages
from django.contrib.admin.templatetags.admin_urls import add_preserved_filters
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponseRedirect
from django.urls import path, reverse
from django.utils import dateformat, timezone
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.text import Truncator
from django.views.decorators.http import require_POST

from newsdesk.comments import services
from newsdesk.comments.models import BannedReader, Comment


@dataclass(frozen=True)
class Verdict:
    """One moderation button: its words, the service it calls and the permission it needs."""

    label: str
    spoken: str  # completes the label for a screen reader; {who} names the comment
    effect: str  # the button's tooltip
    done: str  # the success message; {pk} is the comment
    service: Callable[..., object]
    permission: str = "comments.change_comment"


VERDICTS = {
    "approve": Verdict(
        "Approve", "{who}", "Show on the site", "Comment {pk} approved.", services.comment_approve
    ),
    "reject": Verdict(
        "Reject", "{who}", "Keep off the site", "Comment {pk} rejected.", services.comment_reject
    ),
    "spam": Verdict(
        "Spam",
        "{who}",
        "Mark as spam: keep off the site",
        "Comment {pk} marked as spam.",
        services.comment_mark_spam,
    ),
    "ban": Verdict(
        "Ban",
        "the author of {who}",
        "Ban the author and take down all their comments",
        "The author of comment {pk} is banned and their comments are taken down.",
        services.reader_ban,
        permission="comments.add_bannedreader",
    ),
}

STATUS_LABELS = {
    Comment.Status.PENDING: "Held",
    Comment.Status.APPROVED: "Approved",
    Comment.Status.REJECTED: "Rejected",
    Comment.Status.SPAM: "Spam",
}


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
    # The verdict buttons are added per request (get_list_display): they carry its filters.
    list_display = [
        "comment_cell",
        "article_cell",
        "status_cell",
        "held_cell",
        "reports",
        "posted_cell",
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
    # The comment and why it was held first, so the verdict buttons below them are in view.
    fieldsets = [
        (
            None,
            {
                "fields": [
                    "text",
                    "name",
                    "article",
                    "parent",
                    "status",
                    "held_reason",
                    "reports",
                    "created_at",
                ]
            },
        ),
        (
            "Record",
            {
                "classes": ["collapse"],
                "fields": ["email", "edited_at", "moderated_at", "moderated_by"],
            },
        ),
    ]
    actions = ["approve", "reject", "mark_spam", "ban_reader"]
    list_per_page = 50
    change_form_template = "admin/comments/comment/change_form.html"

    class Media:
        css = {"all": ["newsdesk/comment_queue.css"]}

    @admin.display(description="comment")
    def comment_cell(self, obj: Comment) -> SafeString:
        text = Truncator(obj.text).chars(80)
        return format_html('{}<span class="comment-author">{}</span>', text, obj.name)

    @admin.display(description="article", ordering="article__headline")
    def article_cell(self, obj: Comment) -> SafeString:
        headline = obj.article.headline
        return format_html('<span title="{}">{}</span>', headline, Truncator(headline).chars(40))

    @admin.display(description="status", ordering="status")
    def status_cell(self, obj: Comment) -> SafeString:
        return format_html(
            '<span class="comment-status-{}">{}</span>', obj.status, STATUS_LABELS[obj.status]
        )

    @admin.display(description="why held", ordering="held_reason")
    def held_cell(self, obj: Comment) -> SafeString | None:
        if not obj.held_reason:
            return None  # the admin's dash
        return format_html(
            '<span title="{}">{}</span>', obj.held_reason, Truncator(obj.held_reason).chars(60)
        )

    @admin.display(description="posted", ordering="created_at")
    def posted_cell(self, obj: Comment) -> SafeString:
        local = timezone.localtime(obj.created_at)
        return format_html(
            '<time datetime="{}">{}<br>{}</time>',
            local.isoformat(timespec="seconds"),
            dateformat.format(local, "j M Y"),
            dateformat.format(local, "H:i"),
        )

    def get_list_display(self, request):
        if not self.has_change_permission(request):
            return self.list_display

        @admin.display(description="moderate")
        def moderate(obj: Comment) -> SafeString:
            return self.verdict_buttons(request, obj)

        return [*self.list_display, moderate]

    def verdict_buttons(self, request, comment: Comment) -> SafeString:
        """The buttons this user may press for one comment.

        They submit the form around them (the list's or the page's, with its CSRF token) to
        the verdict views, keeping the queue's filters in the address.
        """
        query = self.get_preserved_filters(request)
        who = f"comment {comment.pk} by {comment.name}"
        buttons = [
            (
                self._url(verb, comment.pk) + (f"?{query}" if query else ""),
                verb,
                verdict.effect,
                verdict.label,
                verdict.spoken.format(who=who),
            )
            for verb, verdict in VERDICTS.items()
            if request.user.has_perm(verdict.permission)
        ]
        return format_html(
            '<div class="comment-verdicts">{}</div>',
            format_html_join(
                "",
                '<button type="submit" formaction="{}" class="comment-verdict verdict-{}"'
                ' title="{}">{}<span class="visually-hidden"> {}</span></button>',
                buttons,
            ),
        )

    def _url(self, name: str, *args) -> str:
        info = self.admin_site.name, self.opts.app_label, self.opts.model_name, name
        return reverse("{}:{}_{}_{}".format(*info), args=args, current_app=self.admin_site.name)

    def get_urls(self):
        view = self.admin_site.admin_view(require_POST(self.verdict_view))
        verdicts = [
            path(
                f"<path:object_id>/{verb}/",
                view,
                {"verb": verb},
                name=f"{self.opts.app_label}_{self.opts.model_name}_{verb}",
            )
            for verb in VERDICTS
        ]
        return verdicts + super().get_urls()

    def verdict_view(self, request, object_id: str, verb: str):
        """POST only: one verdict on one comment through its service, then back to the queue.

        403 without comments.change_comment (or, for a ban, without the service's own
        permission); 404 for an id that names no comment.
        """
        if not self.has_change_permission(request):
            raise PermissionDenied
        comment = self.get_object(request, unquote(object_id))
        if comment is None:
            raise Http404("No such comment.")
        verdict = VERDICTS[verb]
        verdict.service(comment=comment, moderator=request.user)
        self.message_user(request, verdict.done.format(pk=comment.pk), messages.SUCCESS)
        queue = self._url("changelist")
        context = {"opts": self.opts, "preserved_filters": self.get_preserved_filters(request)}
        return HttpResponseRedirect(add_preserved_filters(context, queue))

    def change_view(self, request, object_id, form_url="", extra_context=None):
        if request.method == "POST":
            # Every field is read-only and the page has no Save: a form sent back is refused,
            # as the admin refuses one from a view-only page.
            raise PermissionDenied
        return super().change_view(request, object_id, form_url, extra_context)

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        context.update(show_save=False, show_save_and_continue=False)
        if obj is not None and self.has_change_permission(request, obj):
            context["verdict_buttons"] = self.verdict_buttons(request, obj)
        return super().render_change_form(request, context, add, change, form_url, obj)

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
