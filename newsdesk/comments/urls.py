from django.urls import path

from newsdesk.comments import views

app_name = "comments"

urlpatterns = [
    path("<int:article_id>/", views.post, name="post"),
    path("<int:article_id>/reply/<int:parent_id>/", views.post, name="reply"),
    path("edit/<int:comment_id>/", views.edit, name="edit"),
    path("report/<int:comment_id>/", views.report, name="report"),
]
