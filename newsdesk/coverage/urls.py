from django.urls import path

from newsdesk.coverage import views

app_name = "coverage"

urlpatterns = [
    path("<int:article_id>/updates/", views.updates, name="updates"),
]
