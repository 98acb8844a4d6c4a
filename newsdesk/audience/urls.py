from django.urls import path

from newsdesk.audience import views

app_name = "audience"

urlpatterns = [
    path("views/", views.beacon, name="beacon"),
    path("views/<int:article_id>/", views.count, name="count"),
    path("dashboard/", views.dashboard, name="dashboard"),
]
