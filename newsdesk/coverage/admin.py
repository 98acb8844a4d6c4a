"""The live desk: a newsroom page per article, /admin/coverage/update/live/<article>/, to run its
live coverage (docs/coverage.md, "Newsroom side"). Each write is a CSRF-checked POST through
coverage/services.py: success redirects back with a message; a refusal comes back on the same
page at its status, with its message and the words typed."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.forms import Form, Media
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import re_path, reverse
from django.utils import timezone
from django.utils.html import format_html
from django.views.decorators.http import require_http_methods, require_POST

from newsdesk.coverage import desk_reading, rules, services
from newsdesk.coverage.errors import NoSuchUpdate
from newsdesk.coverage.forms import CloseForm, CorrectionForm, UpdateEditForm, UpdateForm
from newsdesk.coverage.models import MAX_PINNED, Update
from newsdesk.images.markup import square
from newsdesk.newsroom import rules as newsroom_rules
from newsdesk.newsroom.models import Article, Contributor
from newsdesk.site.errors import NewsdeskError

NAME = "coverage_update_live"  # the desk's URL name; its actions are NAME_<action>
TEMPLATES = "admin/coverage/update/"
# The body editor's own styles (toolbar, menus), which follow .field-body as on the article form.
EDITOR_MEDIA = Media(css={"all": ["newsdesk/body_editor.css"]})


def desk_url(article_id: int, action: str = "", update_id: int | None = None) -> str:
    """The address of an article's live desk, or of one of its actions."""
    args = [article_id] if update_id is None else [article_id, update_id]
    return reverse(f"admin:{NAME}{'_' + action if action else ''}", args=args)


def article_tool(request: HttpRequest, article: Article) -> tuple[str, str] | None:
    """The article form's link to its live desk (registered on ArticleAdmin.tool_links by
    CoverageConfig.ready): editors always; the article's own people once coverage started.
    At most one query (newsroom.rules.is_own)."""
    user = request.user
    if rules.can_run(user) or (article.is_live_coverage and rules.can_post(user, article)):
        return "Live coverage", desk_url(article.pk)
    return None


def _when(moment) -> str:
    return f"{timezone.localtime(moment):%H:%M}"


@dataclass(frozen=True)
class Row:
    update: Update
    may_change: bool
    thumbnail: str


@admin.register(Update)
class UpdateAdmin(admin.ModelAdmin):
    """Every update, read only, for whoever holds the model's own permissions (superusers);
    the work is done on each article's live desk, whose addresses this admin adds."""

    list_display = ["__str__", "article", "author", "pinned", "desk_link"]
    list_select_related = ["article", "author"]
    list_filter = ["pinned"]

    @admin.display(description="live desk")
    def desk_link(self, obj: Update) -> str:
        return format_html('<a href="{}">Open</a>', desk_url(obj.article_id))

    # Updates are written, changed and removed on the desk, through the services only.
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def get_urls(self):
        def view(function, post_only: bool = False):
            allowed = require_POST if post_only else require_http_methods(["GET", "HEAD", "POST"])
            return self.admin_site.admin_view(allowed(function))

        desk = r"^live/(?P<article_id>\d{1,9})/"
        one = desk + r"(?P<update_id>\d{1,9})/"
        return [
            re_path(desk + "$", view(self.live_desk_view), name=NAME),
            re_path(desk + "start/$", view(self.live_start_view, True), name=f"{NAME}_start"),
            re_path(desk + "post/$", view(self.live_post_view, True), name=f"{NAME}_post"),
            re_path(desk + "close/$", view(self.live_close_view, True), name=f"{NAME}_close"),
            re_path(one + "edit/$", view(self.live_edit_view), name=f"{NAME}_edit"),
            re_path(one + "delete/$", view(self.live_delete_view), name=f"{NAME}_delete"),
            re_path(one + "pin/$", view(self.live_pin_view, True), name=f"{NAME}_pin"),
            re_path(one + "correct/$", view(self.live_correct_view), name=f"{NAME}_correct"),
            *super().get_urls(),
        ]

    # --- what a desk is about, and who may open it --------------------------------------------

    def _article(self, request: HttpRequest, article_id: str) -> Article:
        """The desk's article, if this person may post to it; 403 (not writing or editing,
        or not theirs) or 404 otherwise. Two queries at most (the article, its byline)."""
        if not request.user.has_perm("newsroom.change_article"):
            raise PermissionDenied("The live desk is for writers and editors.")
        article = Article.objects.filter(pk=article_id).first()
        if article is None:
            raise Http404("No such article.")
        if not rules.can_post(request.user, article):
            raise PermissionDenied("You may post only to live coverage you work on.")
        return article

    def _update(self, article: Article, update_id: str) -> Update:
        """One update of this desk's article; 404 for any other. One query."""
        update = Update.objects.filter(pk=update_id, article=article).first()
        if update is None:
            raise Http404(NoSuchUpdate.message)
        update.article = article
        return update

    def _context(self, request: HttpRequest, article: Article, **extra) -> dict:
        return {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "article": article,
            "article_url": reverse("admin:newsroom_article_change", args=[article.pk]),
            "desk_url": desk_url(article.pk),
            **extra,
        }

    def _page(self, request, template: str, context: dict, status: int = 200) -> HttpResponse:
        return TemplateResponse(request, TEMPLATES + template, context, status=status)

    def _done(self, request: HttpRequest, article: Article, message: str, anchor: str = ""):
        """After a write: back to the desk (303, so a reload does not send it again)."""
        messages.success(request, message)
        return HttpResponseRedirect(desk_url(article.pk) + anchor, status=303)

    def _refused(self, request: HttpRequest, error: NewsdeskError) -> int:
        messages.error(request, error.message)
        return error.status

    # --- the desk ------------------------------------------------------------------------------

    def _desk(
        self,
        request: HttpRequest,
        article: Article,
        *,
        status: int = 200,
        compose: Form | None = None,
        close: Form | None = None,
    ) -> HttpResponse:
        """The desk as it stands, with a refused form's words kept. A query budget the same
        for 5 or 500 updates (tests/coverage/test_admin.py)."""
        user = request.user
        running, can_run = article.coverage_running, rules.can_run(user)
        if compose is None and running:
            own = Contributor.objects.filter(user_id=user.pk).first()
            compose = UpdateForm(user=user, initial={"author": own})
        if close is None and running and can_run:
            close = CloseForm()
        page = desk_reading.desk_updates(article=article, number=request.GET.get("page"))
        rows = [
            Row(u, rules.can_change(user, u), square(u.image, 160) if u.image else "")
            for u in page
        ]
        media = EDITOR_MEDIA + compose.media if compose is not None else Media()
        context = self._context(
            request,
            article,
            title=f"Live coverage: {article.headline}",
            can_run=can_run,
            can_correct=user.has_perm("newsroom.add_correction"),
            compose=compose,
            close=close,
            rows=rows,
            page=page,
            pinned=desk_reading.pinned_count(article=article),
            max_pinned=MAX_PINNED,
            reader_url=article.get_absolute_url(),
            reader_link=_reader_link(user, article),
            media=media,
        )
        return self._page(request, "live_desk.html", context, status)

    def live_desk_view(self, request: HttpRequest, article_id: str) -> HttpResponse:
        """The desk: its state, the compose form, the updates, the close form. Flat queries."""
        return self._desk(request, self._article(request, article_id))

    def live_start_view(self, request: HttpRequest, article_id: str) -> HttpResponse:
        """Start live coverage, or start a closed one again."""
        article = self._article(request, article_id)
        again = article.coverage_ended_at is not None
        try:
            article = services.coverage_start(article=article, user=request.user)
        except NewsdeskError as error:
            return self._desk(request, article, status=self._refused(request, error))
        said = "restarted" if again else "started"
        return self._done(request, article, f"Live coverage {said}: post the first update below.")

    def live_post_view(self, request: HttpRequest, article_id: str) -> HttpResponse:
        article = self._article(request, article_id)
        form = UpdateForm(request.POST, user=request.user)
        if not form.is_valid():
            messages.error(request, "The update was not posted: see below.")
            return self._desk(request, article, status=400, compose=form)
        try:
            update = services.update_post(
                article=article,
                user=request.user,
                body=form.cleaned_data["body"],
                image=form.cleaned_data["image"],
                author=form.cleaned_data["author"],
                pinned=form.cleaned_data.get("pinned", False),
            )
        except NewsdeskError as error:
            status = self._refused(request, error)
            return self._desk(request, article, status=status, compose=form)
        seen = "readers see it now" if article.is_live() else "readers see it once it is published"
        message = f"Update posted at {_when(update.published_at)}: {seen}."
        return self._done(request, article, message, f"#{update.anchor}")

    def live_close_view(self, request: HttpRequest, article_id: str) -> HttpResponse:
        article = self._article(request, article_id)
        form = CloseForm(request.POST)
        form.is_valid()  # a textarea: always valid; the service judges the summary
        try:
            services.coverage_close(
                article=article, user=request.user, summary=form.cleaned_data.get("summary", "")
            )
        except NewsdeskError as error:
            return self._desk(request, article, status=self._refused(request, error), close=form)
        return self._done(request, article, "Live coverage closed: readers see your summary.")

    # --- one update ----------------------------------------------------------------------------

    def _changeable(self, request: HttpRequest, article_id: str, update_id: str) -> Update:
        article = self._article(request, article_id)
        update = self._update(article, update_id)
        if not rules.can_change(request.user, update):
            raise PermissionDenied("You may change only your own updates.")
        return update

    def _update_page(self, request, template, update, form=None, status=200) -> HttpResponse:
        media = EDITOR_MEDIA + form.media if form is not None else Media()
        context = self._context(
            request, update.article, update=update, form=form, media=media, title=_title(update)
        )
        return self._page(request, template, context, status)

    def live_edit_view(self, request: HttpRequest, article_id: str, update_id: str):
        """An update's text and picture; the page marks it edited."""
        update = self._changeable(request, article_id, update_id)
        if request.method != "POST":
            form = UpdateEditForm(initial={"body": update.body, "image": update.image_id})
            return self._update_page(request, "live_edit.html", update, form)
        form = UpdateEditForm(request.POST, initial={"image": update.image_id})
        if not form.is_valid():
            messages.error(request, "The update was not changed: see below.")
            return self._update_page(request, "live_edit.html", update, form, 400)
        try:
            services.update_edit(
                update=update,
                user=request.user,
                body=form.cleaned_data["body"],
                image=form.cleaned_data["image"],
            )
        except NewsdeskError as error:
            status = self._refused(request, error)
            return self._update_page(request, "live_edit.html", update, form, status)
        message = f"The update of {_when(update.published_at)} is changed and marked edited."
        return self._done(request, update.article, message, f"#{update.anchor}")

    def live_delete_view(self, request: HttpRequest, article_id: str, update_id: str):
        """Asks first (GET), then removes the update from the page and its feed (POST)."""
        update = self._changeable(request, article_id, update_id)
        if request.method != "POST":
            return self._update_page(request, "live_delete.html", update)
        try:
            services.update_delete(update=update, user=request.user)
        except NewsdeskError as error:
            status = self._refused(request, error)
            return self._update_page(request, "live_delete.html", update, status=status)
        message = f"The update of {_when(update.published_at)} is deleted."
        return self._done(request, update.article, message)

    def live_pin_view(self, request: HttpRequest, article_id: str, update_id: str):
        """pinned=1 pins the update among the key events on top, pinned=0 unpins it."""
        article = self._article(request, article_id)
        update = self._update(article, update_id)
        pinned = request.POST.get("pinned") == "1"
        try:
            services.update_pin(update=update, user=request.user, pinned=pinned)
        except NewsdeskError as error:
            return self._desk(request, article, status=self._refused(request, error))
        said = "pinned as a key event" if pinned else "unpinned"
        message = f"The update of {_when(update.published_at)} is {said}."
        return self._done(request, article, message, f"#{update.anchor}")

    def live_correct_view(self, request: HttpRequest, article_id: str, update_id: str):
        """A correction shown on the update (editors: the correction permission)."""
        article = self._article(request, article_id)
        update = self._update(article, update_id)
        if not request.user.has_perm("newsroom.add_correction"):
            raise PermissionDenied("Only editors can add corrections.")
        if request.method != "POST":
            form = CorrectionForm(initial={"text": update.correction})
            return self._update_page(request, "live_correct.html", update, form)
        form = CorrectionForm(request.POST)
        if not form.is_valid():
            messages.error(request, "The correction was not added: see below.")
            return self._update_page(request, "live_correct.html", update, form, 400)
        try:
            text = form.cleaned_data["text"]
            services.update_correct(update=update, user=request.user, text=text)
        except NewsdeskError as error:
            status = self._refused(request, error)
            return self._update_page(request, "live_correct.html", update, form, status)
        message = f"The correction is shown on the update of {_when(update.published_at)}."
        return self._done(request, article, message, f"#{update.anchor}")


def _title(update: Update) -> str:
    return f"Update of {timezone.localtime(update.published_at):%-d %b %H:%M}"


def _reader_link(user, article: Article) -> str:
    """"View on site" once live, "Preview" for who may see it before, else nothing."""
    if article.is_live():
        return "View on site"
    return "Preview" if newsroom_rules.can_preview(user, article) else ""
