from django.urls import path

from evaluations.staff import result_views, views

# Included by evaluations/urls.py under /staff/, in the "evaluations" namespace.
urlpatterns = [
    path("evaluations/templates/", views.template_list, name="staff_templates"),
    path("evaluations/templates/new/", views.template_new, name="staff_template_new"),
    path("evaluations/templates/<int:pk>/", views.template_edit, name="staff_template_edit"),
    path(
        "evaluations/templates/<int:pk>/default/",
        views.template_make_default,
        name="staff_template_default",
    ),
    path("evaluations/results/", result_views.results_overview, name="staff_results"),
    path("events/<slug:slug>/evaluation/", views.event_evaluation, name="staff_event"),
    path("events/<slug:slug>/evaluation/settings/", views.event_setup, name="staff_event_setup"),
    path(
        "events/<slug:slug>/evaluation/<int:pk>/reopen/",
        views.evaluation_reopen,
        name="staff_reopen",
    ),
    path(
        "events/<slug:slug>/evaluation/results/",
        result_views.event_results_page,
        name="staff_event_results",
    ),
    path(
        "events/<slug:slug>/evaluation/results.csv",
        result_views.event_results_csv,
        name="staff_event_results_csv",
    ),
]
