"""The newsroom in the Django admin. Workflow changes are admin actions that call services."""

from __future__ import annotations

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils import timezone
from django.utils.html import format_html
from reversion.admin import VersionAdmin

from newsdesk.newsroom import services
from newsdesk.newsroom.models import Article, Byline, Contributor, Correction, Section, Tag
from newsdesk.search.selectors import admin_article_search


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


class ArticleForm(forms.ModelForm):
    substantive_update = forms.BooleanField(
        required=False,
        label="This is a substantive update",
        help_text="Readers, feeds and sitemaps will show the article as updated now.",
    )

    class Meta:
        model = Article
        fields = [
            "headline",
            "slug",
            "section",
            "summary",
            "body",
            "tags",
            "lead_image",
            "lead_image_alt",
            "lead_image_caption",
            "lead_image_credit",
            "publish_at",
        ]


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
                return queryset.filter(status=published, publish_at__lte=now)
            case None:
                return queryset
            case value:
                return queryset.filter(status=value)


@admin.register(Article)
class ArticleAdmin(VersionAdmin):
    form = ArticleForm
    list_display = ["headline", "section", "state", "publish_at", "view_on_site_link"]
    list_filter = [StateFilter, "section"]
    list_select_related = ["section"]
    search_fields = ["headline", "summary", "slug"]
    date_hierarchy = "publish_at"
    prepopulated_fields = {"slug": ["headline"]}
    autocomplete_fields = ["tags"]
    readonly_fields = ["status", "substantively_updated_at", "created_at", "modified_at"]
    inlines = [BylineInline, CorrectionInline]
    actions = ["submit_for_review", "publish", "unpublish", "return_to_draft"]
    fieldsets = [
        (None, {"fields": ["headline", "slug", "section", "summary", "body", "tags"]}),
        (
            "Lead image",
            {
                "fields": [
                    "lead_image",
                    "lead_image_alt",
                    "lead_image_caption",
                    "lead_image_credit",
                ]
            },
        ),
        (
            "Publishing",
            {
                "fields": [
                    "status",
                    "publish_at",
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

    @admin.display(description="page")
    def view_on_site_link(self, obj: Article) -> str:
        label = "View" if obj.is_live() else "Preview"
        return format_html('<a href="{}">{}</a>', obj.get_absolute_url(), label)

    def get_queryset(self, request: HttpRequest) -> QuerySet[Article]:
        qs = super().get_queryset(request)
        if request.user.has_perm("newsroom.edit_any_article"):
            return qs
        # A contributor works on their own pieces only.
        return (
            qs.filter(created_by=request.user) | qs.filter(bylines__contributor__user=request.user)
        ).distinct()

    def get_search_results(self, request, queryset, search_term):
        # The readers' search index (any state here): stemmed words, Korean inside words.
        return admin_article_search(queryset=queryset, text=search_term), False

    def has_change_permission(self, request, obj=None):
        if not super().has_change_permission(request, obj):
            return False
        return obj is None or services.can_edit(request.user, obj)

    def has_delete_permission(self, request, obj=None):
        if not super().has_delete_permission(request, obj):
            return False
        return obj is None or request.user.has_perm("newsroom.edit_any_article")

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        if not request.user.has_perm("newsroom.publish_article"):
            fields.append("publish_at")
        return fields

    def save_model(self, request, obj, form, change):
        services.article_save(
            article=obj,
            user=request.user,
            substantive_update=form.cleaned_data.get("substantive_update", False),
        )

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        # A contributor's new piece carries their own byline unless they named others.
        own = getattr(request.user, "contributor", None)
        if own is not None and not form.instance.bylines.exists():
            Byline.objects.create(article=form.instance, contributor=own, position=0)

    def save_formset(self, request, form, formset, change):
        if formset.model is Correction:
            for inline_form in formset.forms:
                text = inline_form.cleaned_data.get("text") if inline_form.has_changed() else None
                if text and inline_form.instance.pk is None:
                    services.correction_add(article=form.instance, user=request.user, text=text)
            return
        super().save_formset(request, form, formset, change)

    def _run(self, request, queryset, service, done: str) -> None:
        count = 0
        for article in queryset:
            try:
                service(article=article, user=request.user)
            except (PermissionDenied, ValidationError) as error:
                message = "; ".join(getattr(error, "messages", [str(error)]))
                self.message_user(request, f"{article}: {message}", messages.ERROR)
            else:
                count += 1
        if count:
            self.message_user(request, f"{count} article(s) {done}.", messages.SUCCESS)

    @admin.action(description="Submit for review")
    def submit_for_review(self, request, queryset):
        self._run(request, queryset, services.article_submit, "submitted for review")

    @admin.action(
        description="Publish now, or schedule at the set publish time", permissions=["publish"]
    )
    def publish(self, request, queryset):
        self._run(request, queryset, services.article_publish, "published or scheduled")

    @admin.action(description="Unpublish", permissions=["publish"])
    def unpublish(self, request, queryset):
        self._run(request, queryset, services.article_unpublish, "unpublished")

    @admin.action(description="Send back to draft", permissions=["publish"])
    def return_to_draft(self, request, queryset):
        self._run(request, queryset, services.article_return_to_draft, "sent back to draft")

    def has_publish_permission(self, request) -> bool:
        return services.can_publish(request.user)
