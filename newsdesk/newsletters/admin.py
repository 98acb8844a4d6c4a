"""The newsroom's newsletters: letters (edit a draft, send it now or cancel it, watch it go),
the breaking alert of an article (a confirmation step), and the subscribers (never their whole
address). Writes go through newsletters.services; docs/newsletters.md."""

from __future__ import annotations

from django.conf import settings
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import re_path, reverse
from django.views.decorators.http import require_http_methods, require_POST

from newsdesk.newsletters import lists, selectors, services
from newsdesk.newsletters.models import Letter, LetterArticle, Subscriber
from newsdesk.newsroom import rules
from newsdesk.newsroom.models import Article
from newsdesk.site.errors import NewsdeskError


def alert_url(article_id: int) -> str:
    return reverse("admin:newsletters_letter_alert", args=[article_id])


def article_tool(request: HttpRequest, article: Article) -> tuple[str, str] | None:
    """The article form's "Breaking alert" link (registered on ArticleAdmin.tool_links by
    NewslettersConfig.ready): editors, on a story readers can see. No query."""
    if rules.can_publish(request.user) and article.is_live():
        return "Breaking alert", alert_url(article.pk)
    return None


class LetterArticleInline(admin.TabularInline):
    model = LetterArticle
    fields = ["position", "article"]
    autocomplete_fields = ["article"]
    extra = 1
    verbose_name = "story"
    verbose_name_plural = "stories (in order)"

    # Editors change a draft's stories (newsroom.rules), whatever the model permissions say;
    # the letter's own admin shows no inline once the letter is no longer a draft.
    def has_view_permission(self, request, obj=None):
        return rules.can_publish(request.user)

    has_add_permission = has_change_permission = has_delete_permission = has_view_permission


@admin.register(Letter)
class LetterAdmin(admin.ModelAdmin):
    list_display = ["subject", "kind", "status", "send_at", "progress_line"]
    list_filter = ["kind", "status"]
    date_hierarchy = "send_at"
    fields = ["subject", "intro", "kind", "list_key", "send_at", "status", "progress_line"]
    readonly_fields = ["kind", "list_key", "send_at", "status", "progress_line"]
    inlines = [LetterArticleInline]
    change_form_template = "admin/newsletters/letter/change_form.html"
    view_on_site = False  # the template links a sent letter's public page; drafts have none

    @admin.display(description="progress")
    def progress_line(self, obj: Letter) -> str:
        if obj.status in (Letter.Status.DRAFT, Letter.Status.CANCELLED):
            return "—"
        p = selectors.progress(obj)
        line = (
            f"{p['sent']} sent, {p['failed']} failed, {p['in_doubt']} in doubt, "
            f"{p['skipped']} skipped, {p['left']} left of {obj.recipients}"
        )
        return line + (f"; {p['opened']} opened" if settings.NEWSDESK_OPEN_TRACKING else "")

    def has_add_permission(self, request):
        return False  # briefings are composed at their time (or by send_briefing), alerts
        # from the article

    def has_delete_permission(self, request, obj=None):
        return False  # a letter that went out is part of the archive; a draft is cancelled

    def has_change_permission(self, request, obj=None):
        # A letter that went out (or was cancelled) is a read-only page (has_view_permission).
        if obj is not None and obj.status != Letter.Status.DRAFT:
            return False
        return rules.can_publish(request.user) or super().has_change_permission(request, obj)

    def has_view_permission(self, request, obj=None):
        return rules.can_publish(request.user) or super().has_view_permission(request, obj)

    def has_module_permission(self, request):
        return rules.can_publish(request.user) or super().has_module_permission(request)

    def get_inline_instances(self, request, obj=None):
        if obj is not None and obj.status != Letter.Status.DRAFT:
            return []
        return super().get_inline_instances(request, obj)

    def save_model(self, request, obj, form, change):
        pass  # the service writes, with the stories, in save_related

    def save_related(self, request, form, formsets, change):
        rows = []
        for formset in formsets:
            for row in formset.cleaned_data:
                if row and not row.get("DELETE") and row.get("article"):
                    rows.append((row.get("position") or 0, row["article"].pk))
        rows.sort(key=lambda pair: pair[0])
        services.letter_edit(
            letter=form.instance,
            user=request.user,
            subject=form.cleaned_data["subject"],
            intro=form.cleaned_data.get("intro", ""),
            article_ids=[pk for _, pk in rows],
        )

    def construct_change_message(self, request, form, formsets, add=False):
        # The service saved the stories (save_related), not the formsets: name the fields only.
        return [{"changed": {"fields": [*form.changed_data, "stories"]}}]

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except NewsdeskError as error:
            messages.error(request, error.message)
            return HttpResponseRedirect(request.path, status=303)

    def get_urls(self):
        def view(function, post_only: bool = False):
            allowed = require_POST if post_only else require_http_methods(["GET", "HEAD", "POST"])
            return self.admin_site.admin_view(allowed(function))

        return [
            re_path(
                r"^alert/(?P<article_id>\d{1,9})/$",
                view(self.alert_view),
                name="newsletters_letter_alert",
            ),
            re_path(
                r"^(?P<letter_id>\d{1,9})/send/$",
                view(self.send_view, True),
                name="newsletters_letter_send",
            ),
            re_path(
                r"^(?P<letter_id>\d{1,9})/cancel/$",
                view(self.cancel_view, True),
                name="newsletters_letter_cancel",
            ),
            *super().get_urls(),
        ]

    def _letter(self, request, letter_id: str) -> Letter:
        if not rules.can_publish(request.user):
            raise PermissionDenied("Only editors send newsletters.")
        letter = Letter.objects.filter(pk=letter_id).first()
        if letter is None:
            raise Http404("No such letter.")
        return letter

    def _back(self, letter: Letter) -> HttpResponseRedirect:
        url = reverse("admin:newsletters_letter_change", args=[letter.pk])
        return HttpResponseRedirect(url, status=303)

    def send_view(self, request: HttpRequest, letter_id: str) -> HttpResponse:
        letter = self._letter(request, letter_id)
        try:
            started = services.letter_send_now(letter=letter, user=request.user)
        except NewsdeskError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, f"Sending to {readers(started.recipients)}.")
        return self._back(letter)

    def cancel_view(self, request: HttpRequest, letter_id: str) -> HttpResponse:
        letter = self._letter(request, letter_id)
        try:
            services.letter_cancel(letter=letter, user=request.user)
        except NewsdeskError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, "Cancelled: this letter will not go out.")
        return self._back(letter)

    def alert_view(self, request: HttpRequest, article_id: str) -> HttpResponse:
        """GET: what the alert will be, who gets it, and a confirmation button; POST sends.
        Editors only; one alert a story."""
        if not rules.can_publish(request.user):
            raise PermissionDenied("Only editors send breaking alerts.")
        article = Article.objects.select_related("section").filter(pk=article_id).first()
        if article is None:
            raise Http404("No such article.")
        sent = Letter.objects.filter(alert_article=article).first()
        status = 200
        if request.method == "POST" and sent is None:
            try:
                letter = services.alert_create(article=article, user=request.user)
            except NewsdeskError as error:
                messages.error(request, error.message)
                status = error.status
            else:
                messages.success(
                    request, f"Breaking alert on its way to {readers(letter.recipients)}."
                )
                return self._back(letter)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": "Send a breaking alert",
            "article": article,
            "article_url": reverse("admin:newsroom_article_change", args=[article.pk]),
            "sent": sent,
            "sent_url": reverse("admin:newsletters_letter_change", args=[sent.pk]) if sent else "",
            "readers": lists_count(lists.ALERTS),
            "subject": f"Breaking: {article.headline}",
        }
        return TemplateResponse(
            request, "admin/newsletters/letter/alert.html", context, status=status
        )


def readers(count: int) -> str:
    return f"{count} reader" if count == 1 else f"{count} readers"


def lists_count(key: str) -> int:
    return Subscriber.objects.filter(subscriptions__list_key=key, suppressed_at=None).count()


@admin.register(Subscriber)
class SubscriberAdmin(admin.ModelAdmin):
    """Who subscribed, never their whole address: find one by typing it exactly."""

    list_display = ["__str__", "confirmed_at", "lists_line", "suppressed_reason"]
    list_filter = ["suppressed_reason"]
    search_help_text = "Type a whole address to find it."
    fields = ["masked_address", "confirmed_at", "lists_line", "suppressed_at", "suppressed_reason"]
    readonly_fields = fields

    def get_search_results(self, request, queryset, search_term):
        if not search_term:
            return queryset, False
        return queryset.filter(address_key=services.address_key(search_term)), False

    search_fields = ["address_key"]  # only to show the box; the search is exact (above)

    @admin.display(description="address")
    def masked_address(self, obj: Subscriber) -> str:
        return str(obj)

    @admin.display(description="lists")
    def lists_line(self, obj: Subscriber) -> str:
        names = [lists.name_of(k) for k in sorted(selectors.lists_of(obj))]
        return ", ".join(names) or "none"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
