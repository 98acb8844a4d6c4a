from django.urls import path, re_path

from newsdesk.pages import revision_preview, views

# The reader addresses keep the "newsroom:" names (newsroom:article, ...): models build
# their get_absolute_url from them, and every link, feed and sitemap names them so.
app_name = "newsroom"

urlpatterns = [
    path("", views.home, name="home"),
    re_path(
        r"^(?P<year>\d{4})/(?P<month>\d{2})/(?P<day>\d{2})/(?P<slug>[-a-z0-9]+)/$",
        views.article,
        name="article",
    ),
    path("section/<slug:slug>/", views.section, name="section"),
    path("contributor/<slug:slug>/", views.contributor, name="contributor"),
    path("tag/<slug:slug>/", views.tag, name="tag"),
    # An editor's preview link (docs/desk.md): never cached, any token that fails is a 404.
    path("preview/<str:token>/", views.shared_preview, name="shared-preview"),
    # A revision as its page, for staff who may preview it (a draft revision of a live story).
    re_path(
        r"^preview/revision/(?P<version>\d{1,9})/$",
        revision_preview.revision_preview,
        name="revision-preview",
    ),
]
