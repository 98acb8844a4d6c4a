from django.urls import path, re_path

from newsdesk.newsletters import views

app_name = "newsletters"

SIGNED = r"(?P<token>[A-Za-z0-9_.:\-]{1,400})"

urlpatterns = [
    path("", views.index, name="index"),
    path("signup/", views.signup, name="signup"),
    re_path(rf"^confirm/{SIGNED}/$", views.confirm, name="confirm"),
    re_path(rf"^preferences/{SIGNED}/$", views.preferences, name="preferences"),
    re_path(rf"^unsubscribe/{SIGNED}/$", views.unsubscribe, name="unsubscribe"),
    path("<int:pk>/", views.letter, name="letter"),
    re_path(rf"^opened/{SIGNED}\.gif$", views.opened, name="opened"),
]
