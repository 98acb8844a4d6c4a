from django.conf import settings
from django.contrib import admin
from django.urls import include, path, re_path

from newsdesk.distribution.api.views import api
from newsdesk.images.renditions import ROOT as RENDITIONS_ROOT
from newsdesk.site import views as site_views

urlpatterns = [
    path("admin/", admin.site.urls),
    path("healthz", site_views.health, name="health"),
    path("favicon.ico", site_views.favicon, name="favicon"),
    path("comments/", include("newsdesk.comments.urls")),
    path("audience/", include("newsdesk.audience.urls")),
    path("search/", include("newsdesk.search.urls")),
    path("desk/", include("newsdesk.desk.urls")),
    path("live/", include("newsdesk.coverage.urls")),
    path("newsletters/", include("newsdesk.newsletters.urls")),
    path("api/v1/", api.urls),
    # django-anymail's webhooks (bounces, complaints), only with their secret set.
    *([path("anymail/", include("anymail.urls"))] if settings.ANYMAIL["WEBHOOK_SECRET"] else []),
    path("", include("newsdesk.distribution.urls")),
    path("", include("newsdesk.pages.urls")),
]

if settings.NEWSDESK_SERVE_MEDIA:
    media = settings.MEDIA_URL.lstrip("/")
    urlpatterns.append(
        re_path(
            rf"^{media}(?P<path>.*)$",
            site_views.media,
            {
                "document_root": settings.MEDIA_ROOT,
                "immutable_prefixes": (RENDITIONS_ROOT + "/",),
            },
        )
    )

handler400 = site_views.bad_request
handler403 = site_views.permission_denied
handler404 = site_views.page_not_found
handler500 = site_views.server_error
