from django.urls import path

from events.staff import views

# Included by fullcredit/urls.py inside the "staff" namespace, under /staff/.
urlpatterns = [
    path("events/", views.event_list, name="events"),
    path("events/new/", views.event_new, name="event_new"),
    path("events/<slug:slug>/", views.event_manage, name="event_manage"),
    path("events/<slug:slug>/edit/", views.event_edit, name="event_edit"),
    path("events/<slug:slug>/publish/", views.event_publish, name="event_publish"),
    path("events/<slug:slug>/cancel/", views.event_cancel, name="event_cancel"),
    path("events/<slug:slug>/duplicate/", views.event_duplicate, name="event_duplicate"),
    path("events/<slug:slug>/handouts/", views.handout_add, name="event_handout_add"),
    path("events/<slug:slug>/handouts/<int:pk>/", views.handout_download, name="event_handout"),
    path(
        "events/<slug:slug>/handouts/<int:pk>/remove/",
        views.handout_remove,
        name="event_handout_remove",
    ),
    path("events/<slug:slug>/roster/", views.event_roster, name="event_roster"),
    path("events/<slug:slug>/roster.csv", views.event_roster_csv, name="event_roster_csv"),
]
