from django.urls import path

from meetings.simulated import views
from meetings.zoom import views as zoom_views
from meetings.zoom import webhooks

app_name = "meetings"
urlpatterns = [
    path("room/<str:token>/", views.room_page, name="room"),
    path("room/<str:token>/left/", views.left, name="left"),
    path(
        "room/<str:token>/connections/<uuid:participant>/heartbeat/",
        views.heartbeat,
        name="heartbeat",
    ),
    path("room/<str:token>/connections/<uuid:participant>/leave/", views.leave, name="leave"),
    path("zoom/webhook/", webhooks.receive, name="zoom_webhook"),
    path(
        "staff/events/<slug:slug>/attendance/zoom/in-room/",
        zoom_views.live_room,
        name="zoom_live",
    ),
]
