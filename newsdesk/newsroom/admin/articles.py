"""Articles in the admin: the form, the workflow actions (which call services), revisions,
recovery and history under the newsroom's rules."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponseRedirect
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html
from reversion.admin import VersionAdmin
from reversion.models import Version

from newsdesk.images import body as body_pictures
from newsdesk.images.markup import square
from newsdesk.newsroom import conflicts, drafts, history, rules, services
from newsdesk.newsroom.admin import revisions, workflow
from newsdesk.newsroom.admin.aids import writing_aids
from newsdesk.newsroom.models import (
    FORM_FIELDS,
    Article,
    Byline,
    Correction,
    live_q,
)


class BylineInline(admin.TabularInline):
    model = Byline
    extra = 1
    autocomplete_fields = ["contributor"]
    fields = ["contributor", "position"]


class CorrectionInline(admin.TabularInline):
    """Corrections are a public record: they can be added, never edited or removed here."""

    model = Correction
    extra = 0
    fields = ["text", "created_at"]
    readonly_fields = ["created_at"]
    can_delete = False

    def has_change_permission(self, request, obj=None):
        return False

    def has_add_permission(self, request, obj=None):
        return obj is not None and request.user.has_perm("newsroom.add_correction")


# The attribute a restore or recovery leaves on its request: the workflow fields to keep.
KEPT_ON_RESTORE = "_newsdesk_kept_on_restore"
# What a restore leaves as it stands: the workflow's state, the address and its settings.
# Everything else (headline, summary, body, section, tags, image, bylines) comes back.
WORKFLOW = [
    "status",
    "publish_at",
    "slug",
    "substantively_updated_at",
    "comments_open",
    "created_by_id",
    "created_at",
    "version",
]


class ArticleForm(forms.ModelForm):
    # The version this form was opened at: a save from an older one is refused (conflicts.py).
    base_version = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=0)
    base_digest = forms.CharField(widget=forms.HiddenInput, required=False, max_length=4000)
    substantive_update = forms.BooleanField(
        required=False,
        label="This is a substantive update",
        help_text="Readers, feeds and sitemaps will show the article as updated now.",
    )

    class Meta:
        model = Article
        fields = FORM_FIELDS

    # Off for a restore or recovery from History: the stored row is the old version then, and
    # bringing it back is the point (ArticleAdmin.get_form).
    check_conflicts = True
    # On for "Save as draft revision": only a live story keeps drafts (newsroom/drafts.py).
    drafting = False

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["base_version"].initial = self.instance.version
            self.fields["base_digest"].initial = conflicts.digest(self.instance)
        self.conflict = None

    def clean(self):
        cleaned = super().clean()
        if self.drafting and not (self.instance.pk and self.instance.is_live()):
            raise ValidationError(drafts.NotLive.message, code="not_live")
        base = cleaned.get("base_version")
        if not self.instance.pk or base is None or not self.check_conflicts:
            return cleaned
        # The admin's change view runs in a transaction: the row stays locked until the save.
        stored = Article.objects.select_for_update().get(pk=self.instance.pk)
        if stored.version == base:
            return cleaned
        labels = {name: str(f.label) for name, f in self.fields.items()}
        self.conflict = conflicts.resolve(
            stored=stored,
            base_digest=cleaned.get("base_digest", ""),
            cleaned=cleaned,
            labels=labels,
        )
        data = self.data.copy()
        data["base_version"] = str(stored.version)  # the next save is based on theirs
        data["base_digest"] = conflicts.digest(stored)
        for changed in self.conflict.fields:
            if changed.taken:
                data[changed.name] = getattr(stored, changed.name)
        self.data = data
        raise ValidationError(self.conflict.message, code="conflict")

    def clean_body(self):
        text = self.cleaned_data.get("body", "")
        if refusals := body_pictures.problems(text):
            raise ValidationError(refusals)
        return text

    def clean_lead_image(self):
        image = self.cleaned_data.get("lead_image")
        attached = image is not None and image.pk != self.initial.get("lead_image")
        if attached and not image.is_usable():
            raise ValidationError(
                "The rights to this image have expired: choose another from the library."
            )
        return image


class NotInDraft:
    """A formset of the article form under "Save as draft revision": a draft keeps the story's
    own fields, so changed rows (bylines, corrections, notes, links) are refused, kept typed."""

    def clean(self):
        super().clean()
        if self.has_changed():
            raise ValidationError(
                "A draft revision keeps the story's own fields only: save these rows with Save, "
                "or undo them to keep a draft."
            )


class StateFilter(admin.SimpleListFilter):
    title = "state"
    parameter_name = "state"

    def lookups(self, request, model_admin):
        return [
            ("draft", "Draft"),
            ("in_review", "In review"),
            ("scheduled", "Scheduled"),
            ("live", "Published"),
            ("unpublished", "Unpublished"),
        ]

    def queryset(self, request, queryset):
        now = timezone.now()
        published = Article.Status.PUBLISHED
        match self.value():
            case "scheduled":
                return queryset.filter(status=published, publish_at__gt=now)
            case "live":
                return queryset.filter(live_q(now=now))
            case None:
                return queryset
            case value:
                return queryset.filter(status=value)


@admin.register(Article)
class ArticleAdmin(VersionAdmin):
    form = ArticleForm
    # The page link is added per request (get_list_display): a preview only for who may see it.
    list_display = ["headline", "section", "state", "publish_at"]
    change_list_template = "admin/newsroom/article/change_list.html"
    list_filter = [StateFilter, "section"]
    list_select_related = ["section"]
    search_fields = ["headline", "summary", "slug"]
    date_hierarchy = "publish_at"
    # No prepopulated_fields: article_form.js fills the slug from the headline by the
    # newsroom's own rule (writing.slug_follows_headline), on the change form too.
    autocomplete_fields = ["tags", "lead_image"]
    change_form_template = "admin/newsroom/article/change_form.html"
    # History with its comparisons and drafts' links (admin/revisions.py).
    object_history_template = "admin/newsroom/article/object_history.html"
    readonly_fields = [
        "state",
        "substantively_updated_at",
        "created_at",
        "modified_at",
        "lead_image_shown",
    ]
    inlines = [BylineInline, CorrectionInline]
    actions = ["submit_for_review", "publish", "unpublish", "return_to_draft"]
    fieldsets = [
        (
            None,
            {
                "fields": [
                    "headline",
                    "slug",
                    "section",
                    "summary",
                    "body",
                    "tags",
                ]
            },
        ),
        (
            "Lead image",
            {
                "fields": ["lead_image", "lead_image_shown", "lead_image_caption"],
                "description": "Choose a picture from the image library, or add one with +.",
            },
        ),
        (
            "Publishing",
            {
                "fields": [
                    "state",
                    "publish_at",
                    "comments_open",
                    "substantive_update",
                    "substantively_updated_at",
                    "created_at",
                    "modified_at",
                ]
            },
        ),
    ]

    @admin.display(description="state")
    def state(self, obj: Article) -> str:
        return obj.workflow_state

    @admin.display(description="picture now")
    def lead_image_shown(self, obj: Article) -> str:
        image = obj.lead_image if obj.pk else None
        if image is None:
            return "No lead image."
        rights = (
            "rights expired: readers do not see it"
            if not image.is_usable()
            else (
                f"rights expire {timezone.localtime(image.rights_expire_at):%Y-%m-%d %H:%M}"
                if image.rights_expire_at
                else "no rights expiry"
            )
        )
        return format_html(
            '<img src="{}" alt="" width="120" height="120"> {} ({}; {})',
            square(image, 160),
            image.credit or "no credit",
            image.get_source_display(),
            rights,
        )

    # Set by the desk app (DeskConfig.ready): its script on the form, the unsaved words to
    # offer back (request, article or None -> fields or None), what to do after a save.
    desk_scripts: list[str] = []
    draft_source: Callable[..., dict | None] | None = None
    after_save: list[Callable[..., None]] = []
    RESTORE = "restore"  # ?restore=autosave on the form's address brings the words back

    # Set by higher apps (CoverageConfig.ready: the live desk): links among the form's tools,
    # each (request, article) -> (label, address), or None for no link for this person.
    tool_links: list[Callable[..., tuple[str, str] | None]] = []

    # Set by the distribution app (DistributionConfig.ready): how the article will look in a
    # search result and on a share card (article -> distribution.appearance.Appearance).
    appearance: Callable[[Article], Any] | None = None

    @property
    def media(self):
        # A media property replaces the Media class (Django's MediaDefiningClass): both here.
        return super().media + forms.Media(
            css={"all": ["newsdesk/article_form.css", "newsdesk/body_editor.css"]},
            js=["newsdesk/article_form.js", *self.desk_scripts],
        )

    def _restored(self, request, article: Article | None) -> dict:
        wanted = request.method == "GET" and request.GET.get(self.RESTORE) == "autosave"
        if not wanted or self.draft_source is None:
            return {}
        return self.draft_source(request, article) or {}

    def get_changeform_initial_data(self, request):
        initial = super().get_changeform_initial_data(request)
        initial.pop(self.RESTORE, None)
        return {**initial, **self._restored(request, None)}

    def get_list_display(self, request):
        @admin.display(description="page")
        def page_link(obj: Article) -> str:
            if obj.is_live():
                return format_html('<a href="{}">View</a>', obj.get_absolute_url())
            if rules.can_preview(request.user, obj):
                return format_html('<a href="{}">Preview</a>', obj.get_absolute_url())
            return "-"

        return [*self.list_display, page_link]

    def changelist_view(self, request, extra_context=None):
        context = {"can_recover": self.has_delete_permission(request), **(extra_context or {})}
        return super().changelist_view(request, context)

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        form = context["adminform"].form
        context["conflict"] = getattr(form, "conflict", None)
        if "headline" in form.fields:  # not for a view-only form: nothing is written there
            context["appearance"] = writing_aids(form, obj, self.appearance)
            context["workflow_steps"] = workflow.buttons(request.user, obj)
            context["workflow_field"] = workflow.FIELD
        response = super().render_change_form(request, context, add, change, form_url, obj)
        if obj is not None:
            # No link this user would be refused: History restores, so it follows editing.
            response.context_data["can_read_history"] = self.has_change_permission(request, obj)
            live = obj.is_live()
            if not live and not rules.can_preview(request.user, obj):
                response.context_data["has_absolute_url"] = False
            # The page itself, in a new tab: its preview before it is live (docs/desk.md).
            response.context_data["page_is_live"] = live
            response.context_data["page_url"] = obj.get_absolute_url()
            response.context_data["tool_links"] = [
                link for hook in self.tool_links if (link := hook(request, obj)) is not None
            ]
        return response

    def get_queryset(self, request: HttpRequest) -> QuerySet[Article]:
        qs = super().get_queryset(request)
        if request.user.has_perm("newsroom.edit_any_article"):
            return qs
        # A contributor works on their own pieces only.
        return (
            qs.filter(created_by=request.user) | qs.filter(bylines__contributor__user=request.user)
        ).distinct()

    # The search box's engine: the search app registers the readers' index here (stemmed
    # words, Korean inside words; any state); without it, the admin's own search_fields.
    search_engine: Callable[..., QuerySet[Article]] | None = None

    def get_search_results(self, request, queryset, search_term):
        if self.search_engine is None:
            return super().get_search_results(request, queryset, search_term)
        return self.search_engine(queryset=queryset, text=search_term), False

    def has_change_permission(self, request, obj=None):
        if not super().has_change_permission(request, obj):
            return False
        return obj is None or rules.can_edit(request.user, obj)

    def has_delete_permission(self, request, obj=None):
        # Deleting and recovering (recoverlist_view, recover_view) ask the one rulebook.
        return rules.can_delete(request.user)

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change, **kwargs)
        if hasattr(request, KEPT_ON_RESTORE):
            return type(form.__name__, (form,), {"check_conflicts": False})
        if workflow.drafting(request):
            return type(form.__name__, (form,), {"drafting": True})
        return form

    # Save as draft revision (newsroom/drafts.py): the form's own fields become a revision of
    # their own; the row readers see, its inline rows and its tags are not written.

    def change_view(self, request, object_id, form_url="", extra_context=None):
        if workflow.drafting(request):
            # Not inside VersionAdmin's revision: the draft is one of its own, made at once.
            return admin.ModelAdmin.change_view(self, request, object_id, form_url, extra_context)
        return super().change_view(request, object_id, form_url, extra_context)

    def get_formsets_with_inlines(self, request, obj=None):
        for formset, inline in super().get_formsets_with_inlines(request, obj):
            if workflow.drafting(request):
                formset = type(formset.__name__, (NotInDraft, formset), {})
            yield formset, inline

    def log_change(self, request, obj, message):
        if workflow.drafting(request):
            message = f"{drafts.DRAFT} kept: {self._changes(request)}"
        return super().log_change(request, obj, message)

    @staticmethod
    def _changes(request) -> str:
        return getattr(request, "_newsdesk_draft_changes", "")

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        if not request.user.has_perm("newsroom.publish_article"):
            fields.append("publish_at")
        return fields

    def save_model(self, request, obj, form, change):
        if workflow.drafting(request):
            request._newsdesk_draft = self._keep_draft(request, obj, form)
            return
        request._newsdesk_publish_at_changed = "publish_at" in form.changed_data
        # A restore or recovery brings back the words; the workflow stays as it stands.
        for name, value in getattr(request, KEPT_ON_RESTORE, {}).items():
            setattr(obj, name, value)
        services.article_save(
            article=obj,
            user=request.user,
            substantive_update=form.cleaned_data.get("substantive_update", False),
        )
        for hook in self.after_save:
            hook(request, obj, added=not change)

    def response_add(self, request, obj, post_url_continue=None):
        return self._workflow_after_save(request, obj) or super().response_add(
            request, obj, post_url_continue
        )

    def response_change(self, request, obj):
        if version := getattr(request, "_newsdesk_draft", None):
            self.message_user(request, workflow.draft_kept(version, obj), messages.SUCCESS)
            return HttpResponseRedirect(reverse("admin:newsroom_article_change", args=[obj.pk]))
        return self._workflow_after_save(request, obj) or super().response_change(request, obj)

    def _keep_draft(self, request, obj: Article, form) -> Version:
        skipped = {"base_version", "base_digest", "substantive_update"}
        labels = [str(form.fields[name].label) for name in form.changed_data if name not in skipped]
        changes = f"Changed {', '.join(labels)}." if labels else "No changes."
        request._newsdesk_draft_changes = changes
        version = drafts.draft_keep(
            article=obj,
            tags=form.cleaned_data.get("tags", []),
            user=request.user,
            substantive_update=form.cleaned_data.get("substantive_update", False),
            changes=changes,
        )
        # The words are kept in the revision: the autosave is spent as by a save.
        for hook in self.after_save:
            hook(request, obj, added=False)
        return version

    def _workflow_after_save(self, request, obj: Article):
        """A workflow button on the form (or a publish time set ahead, which schedules): the
        step is taken once the form and its bylines are saved, and the person stays on the
        form (or goes to the list when they may no longer edit the piece)."""
        step = workflow.requested(request)
        changed = getattr(request, "_newsdesk_publish_at_changed", False)
        scheduling = step is None and workflow.schedules_on_save(request, obj, changed)
        if step is None and not scheduling:
            return None
        done, message = workflow.run(request, obj, step or "publish")
        self.message_user(request, message, messages.SUCCESS if done else messages.WARNING)
        if scheduling:
            return None  # where Save was going, with the message above
        if self.has_change_permission(request, obj):
            return HttpResponseRedirect(reverse("admin:newsroom_article_change", args=[obj.pk]))
        return HttpResponseRedirect(reverse("admin:newsroom_article_changelist"))

    def save_related(self, request, form, formsets, change):
        if workflow.drafting(request):
            # A draft writes no tags and no inline rows (NotInDraft refused changed ones).
            for formset in formsets:
                formset.new_objects, formset.changed_objects, formset.deleted_objects = [], [], []
            return
        super().save_related(request, form, formsets, change)
        # A contributor's new piece carries their own byline unless they named others.
        own = getattr(request.user, "contributor", None)
        if own is not None and not form.instance.bylines.exists():
            Byline.objects.create(article=form.instance, contributor=own, position=0)

    def save_formset(self, request, form, formset, change):
        if formset.model is Correction:
            # Corrections are only ever appended, through the service. The admin's change
            # message (and so the History row) is built from what the formset reports.
            formset.new_objects = [
                services.correction_add(article=form.instance, user=request.user, text=text)
                for inline_form in formset.forms
                if inline_form.instance.pk is None
                and inline_form.has_changed()
                and (text := inline_form.cleaned_data.get("text"))
            ]
            formset.changed_objects, formset.deleted_objects = [], []
            return
        super().save_formset(request, form, formset, change)

    # Revisions, recovery and history: django-reversion's views ask only for model-wide
    # permissions, so each is checked here against the stored row (newsroom.rules).

    def get_object(self, request, object_id, from_field=None):
        obj = super().get_object(request, object_id, from_field)
        if obj is not None:
            for name, value in getattr(request, KEPT_ON_RESTORE, {}).items():
                setattr(obj, name, value)
            # The writer's unsaved words, shown in the form; nothing is saved until they save.
            for name, value in self._restored(request, obj).items():
                setattr(obj, name, value)
        return obj

    def _stored_article(self, request: HttpRequest, object_id: str) -> Article:
        """The article as stored now, if this user may change it; else 404 or 403."""
        if not self.has_view_or_change_permission(request):
            raise PermissionDenied
        pk = unquote(object_id)
        if not (pk.isascii() and pk.isdigit() and len(pk) <= 9):  # "abc" was a 500 here
            raise Http404("No such article.")
        article = self.get_queryset(request).filter(pk=pk).first()
        if article is None:
            raise Http404("No such article.")
        if not self.has_change_permission(request, article):
            raise PermissionDenied
        return article

    def history_view(self, request, object_id, extra_context=None):
        article = self._stored_article(request, object_id)
        context = {"revision_rows": revisions.history_rows(article), **(extra_context or {})}
        return super().history_view(request, object_id, context)

    def get_urls(self):
        own = [
            path(
                "<path:object_id>/revisions/compare/",
                self.admin_site.admin_view(self.compare_view),
                name="newsroom_article_compare",
            ),
            path(
                "<path:object_id>/revisions/<str:version_id>/publish/",
                self.admin_site.admin_view(self.publish_draft_view),
                name="newsroom_article_revision_publish",
            ),
        ]
        return own + super().get_urls()

    def compare_view(self, request, object_id):
        if not (object_id.isascii() and object_id.isdigit() and len(object_id) < 10):
            raise Http404("No such article.")
        return revisions.compare_view(self, request, self._stored_article(request, object_id))

    def publish_draft_view(self, request, object_id, version_id):
        if not (object_id.isascii() and object_id.isdigit() and len(object_id) < 10):
            raise Http404("No such article.")
        article = self._stored_article(request, object_id)
        return revisions.publish_view(self, request, article, version_id)

    def revision_view(self, request, object_id, version_id, extra_context=None):
        article = self._stored_article(request, object_id)
        if not Version.objects.get_for_object(article).filter(pk=version_id).exists():
            raise Http404("No such version of this article.")
        setattr(request, KEPT_ON_RESTORE, {name: getattr(article, name) for name in WORKFLOW})
        return super().revision_view(request, object_id, version_id, extra_context)

    def recoverlist_view(self, request, extra_context=None):
        if not self.has_delete_permission(request):
            raise PermissionDenied
        return super().recoverlist_view(request, extra_context)

    def recover_view(self, request, version_id, extra_context=None):
        # Only those who may delete may bring back; a recovered story is never live at once.
        if not self.has_delete_permission(request):
            raise PermissionDenied
        version = Version.objects.get_deleted(Article).filter(pk=version_id).first()
        if version is None:
            raise Http404("No deleted article with this version.")
        status = version.field_dict["status"]
        if status == Article.Status.PUBLISHED:
            status = Article.Status.UNPUBLISHED
        setattr(request, KEPT_ON_RESTORE, {"status": status})
        return super().recover_view(request, version_id, extra_context)

    def _run(self, request, queryset, service, done: str, note: str) -> None:
        count = 0
        for article in queryset:
            try:
                # Each step of the workflow is a revision of its own, so History says what
                # happened ("Published", "Unpublished", ...).
                history.recorded_step(request.user, article, service, note)
            except (PermissionDenied, ValidationError) as error:
                message = "; ".join(getattr(error, "messages", [str(error)]))
                self.message_user(request, f"{article}: {message}", messages.ERROR)
            else:
                count += 1
        if count:
            self.message_user(request, f"{count} article(s) {done}.", messages.SUCCESS)

    @admin.action(description="Submit for review")
    def submit_for_review(self, request, queryset):
        self._run(
            request,
            queryset,
            services.article_submit,
            "submitted for review",
            "Submitted for review",
        )

    @admin.action(
        description="Publish now, or schedule at the set publish time", permissions=["publish"]
    )
    def publish(self, request, queryset):
        self._run(
            request, queryset, services.article_publish, "published or scheduled", "Published"
        )

    @admin.action(description="Unpublish", permissions=["publish"])
    def unpublish(self, request, queryset):
        self._run(request, queryset, services.article_unpublish, "unpublished", "Unpublished")

    @admin.action(description="Send back to draft", permissions=["publish"])
    def return_to_draft(self, request, queryset):
        self._run(
            request,
            queryset,
            services.article_return_to_draft,
            "sent back to draft",
            "Sent back to draft",
        )

    def has_publish_permission(self, request) -> bool:
        return rules.can_publish(request.user)
