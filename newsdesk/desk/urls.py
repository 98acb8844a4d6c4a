from django.urls import re_path

from newsdesk.desk import views

app_name = "desk"

urlpatterns = [
    re_path(r"^articles/(?P<article>new|\d{1,9})/autosave/$", views.autosave, name="autosave"),
    re_path(
        r"^articles/(?P<article>new|\d{1,9})/autosave/discard/$",
        views.autosave_discard,
        name="autosave-discard",
    ),
    re_path(r"^articles/(?P<article>\d{1,9})/presence/$", views.presence, name="presence"),
    re_path(r"^articles/(?P<article>\d{1,9})/takeover/$", views.take_over, name="take-over"),
]

urlpatterns += [
    re_path(r"^budget/$", views.budget, name="budget"),
    re_path(
        r"^budget/(?P<article>\d{1,9})/(?P<action>publish|reschedule)/$",
        views.budget_action,
        name="budget-action",
    ),
]
