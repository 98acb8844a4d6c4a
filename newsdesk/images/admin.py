"""The image library in the admin: search and filters with thumbnails, uploads that go
through the checks (services.image_save), rights that expire, where each image is used."""

from __future__ import annotations

from datetime import timedelta

from django import forms
from django.contrib import admin
from django.core.exceptions import PermissionDenied, ValidationError
from django.template.response import TemplateResponse
from django.urls import path
from django.utils import timezone
from django.utils.html import format_html, format_html_join

from newsdesk.images import markup, pixels, selectors, services, usage
from newsdesk.images.models import Image, ImageTag, usable_q

PICKER_SIZE = 30


class ImageForm(forms.ModelForm):
    # A plain file field: what the file is, is decided by pixels.inspect from its content,
    # with its own sentences (Django's ImageField would answer first, and vaguely).
    file = forms.FileField(
        label="File",
        help_text=f"{pixels.ACCEPTED_NAMES}; checked from its content. SVG is not accepted.",
        widget=forms.ClearableFileInput(
            attrs={"accept": "image/jpeg,image/png,image/webp,image/avif,image/gif"}
        ),
    )

    class Meta:
        model = Image
        fields = [
            "file",
            "title",
            "alt_text",
            "caption",
            "credit",
            "source",
            "rights_note",
            "rights_expire_at",
            "focal_x",
            "focal_y",
            "tags",
            "keep_metadata",
        ]
        widgets = {
            "focal_x": forms.NumberInput(attrs={"step": "0.01", "min": "0", "max": "1"}),
            "focal_y": forms.NumberInput(attrs={"step": "0.01", "min": "0", "max": "1"}),
            "rights_note": forms.Textarea(attrs={"rows": 3}),
        }

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if upload and upload is not self.initial.get("file"):
            upload.seek(0)
            data = upload.read()
            try:
                pixels.inspect(data)
            except pixels.ImageRejected as error:
                raise ValidationError(str(error)) from None
            self.uploaded_bytes = data
        return upload


class RightsFilter(admin.SimpleListFilter):
    title = "rights"
    parameter_name = "rights"

    def lookups(self, request, model_admin):
        return [
            ("soon", f"Expire in the next {selectors.EXPIRING_DAYS} days"),
            ("expired", "Expired"),
            ("limited", "Any expiry set"),
            ("open", "No expiry"),
        ]

    def queryset(self, request, queryset):
        now = timezone.now()
        match self.value():
            case "soon":
                return queryset.filter(
                    rights_expire_at__gt=now,
                    rights_expire_at__lte=now + timedelta(days=selectors.EXPIRING_DAYS),
                )
            case "expired":
                return queryset.filter(rights_expire_at__lte=now)
            case "limited":
                return queryset.filter(rights_expire_at__isnull=False)
            case "open":
                return queryset.filter(rights_expire_at__isnull=True)
        return queryset


@admin.register(ImageTag)
class ImageTagAdmin(admin.ModelAdmin):
    search_fields = ["name"]


@admin.register(Image)
class ImageAdmin(admin.ModelAdmin):
    form = ImageForm
    list_display = ["thumbnail", "__str__", "source", "credit", "rights", "uploaded_at"]
    list_display_links = ["thumbnail", "__str__"]
    list_filter = [RightsFilter, "source", "tags", "uploaded_at"]
    search_fields = ["title", "alt_text", "caption", "credit", "rights_note", "tags__name"]
    date_hierarchy = "uploaded_at"
    autocomplete_fields = ["tags"]
    readonly_fields = ["preview", "size", "uploaded_by", "uploaded_at", "used_by"]
    change_list_template = "admin/images/image/change_list.html"
    list_per_page = 50
    fieldsets = [
        (None, {"fields": ["file", "preview", "size", "title", "alt_text", "caption", "credit"]}),
        ("Rights", {"fields": ["source", "rights_note", "rights_expire_at"]}),
        ("Cropping", {"fields": ["focal_x", "focal_y"]}),
        ("Library", {"fields": ["tags", "keep_metadata", "uploaded_by", "uploaded_at", "used_by"]}),
    ]

    class Media:
        js = ["newsdesk/focal_point.js"]

    @admin.display(description="picture")
    def thumbnail(self, obj: Image) -> str:
        return format_html(
            '<img src="{}" alt="" width="80" height="80" loading="lazy" class="library-thumb">',
            markup.square(obj, 160),
        )

    @admin.display(description="preview")
    def preview(self, obj: Image) -> str:
        if not obj.pk:
            return "-"
        return format_html(
            '<img src="{}" alt="{}" width="{}" height="{}" class="focal-preview" '
            'style="max-width:32rem;height:auto;cursor:crosshair">'
            '<p class="help">Click the picture to set the focal point.</p>',
            markup.largest_jpeg(obj).url,
            obj.alt_text,
            obj.width,
            obj.height,
        )

    @admin.display(description="size")
    def size(self, obj: Image) -> str:
        return f"{obj.width} x {obj.height} pixels" if obj.pk else "-"

    @admin.display(description="rights")
    def rights(self, obj: Image) -> str:
        if obj.rights_expire_at is None:
            return "No expiry"
        when = timezone.localtime(obj.rights_expire_at).strftime("%Y-%m-%d %H:%M")
        return f"Expired {when}" if not obj.is_usable() else f"Expire {when}"

    @admin.display(description="used by")
    def used_by(self, obj: Image) -> str:
        uses = usage.uses(obj) if obj.pk else []
        if not uses:
            return "Not used"
        return format_html_join(", ", '<a href="{}">{}</a>', ((url, label) for label, url in uses))

    def get_urls(self):
        picker = self.admin_site.admin_view(self.picker_view)
        return [path("picker/", picker, name="images_image_picker"), *super().get_urls()]

    def picker_view(self, request):
        """The rich-text editor's "Browse..." window: search the library, pick a picture.
        Two queries (the images, the count); only pictures whose rights hold are offered."""
        if not self.has_view_or_change_permission(request):
            raise PermissionDenied
        text = request.GET.get("q", "").strip()[:100]
        found = Image.objects.filter(usable_q())
        if text:  # the library list's own search (search_fields)
            found, duplicates = self.get_search_results(request, found, text)
            if duplicates:
                found = found.distinct()
        context = {
            **self.admin_site.each_context(request),
            "title": "Insert a picture from the library",
            "is_popup": True,
            "query": text,
            "callback": request.GET.get("CKEditorFuncNum", ""),
            "pictures": [(image, markup.largest_jpeg(image)) for image in found[:PICKER_SIZE]],
            "total": found.count(),
            "opts": self.model._meta,
        }
        return TemplateResponse(request, "admin/images/image/picker.html", context)

    def get_list_display(self, request):
        # Who uses an image matters most for what is about to expire: a query a row there.
        if request.GET.get(RightsFilter.parameter_name) in {"soon", "expired"}:
            return [*self.list_display, "used_by"]
        return self.list_display

    def changelist_view(self, request, extra_context=None):
        context = {"expiring_count": selectors.expiring_soon().count(), **(extra_context or {})}
        return super().changelist_view(request, context)

    def save_model(self, request, obj, form, change):
        data = getattr(form, "uploaded_bytes", None)
        upload = form.cleaned_data.get("file")
        services.image_save(
            image=obj, user=request.user, data=data, filename=getattr(upload, "name", "")
        )

    def delete_model(self, request, obj):
        services.image_delete(image=obj)

    def delete_queryset(self, request, queryset):
        for image in queryset:
            services.image_delete(image=image)
