from django.urls import path

from events import views

app_name = "events"
urlpatterns = [
    path("events/", views.catalog, name="catalog"),
    path("events/<slug:slug>/", views.detail, name="detail"),
    path("events/<slug:slug>/register/", views.register, name="register"),
    path("events/<slug:slug>/cancel-registration/", views.cancel, name="cancel"),
    path("events/<slug:slug>/calendar.ics", views.calendar_file, name="calendar"),
    path("events/<slug:slug>/hall/", views.main_hall, name="hall"),
    path("events/<slug:slug>/handouts/<int:pk>/", views.handout, name="handout"),
    path("wallet/events/", views.my_events, name="my_events"),
]
