from django.urls import path

from core import views

urlpatterns = [
    path("dev/outbox/", views.outbox, name="outbox"),
    path("dev/outbox/<int:pk>/", views.outbox_message, name="outbox_message"),
]
