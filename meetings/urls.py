from django.urls import path

from meetings.simulated import views

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
]
