from django.urls import path

from operations import views

# Included by fullcredit/urls.py inside the "staff" namespace, under /staff/.
urlpatterns = [
    path("background/", views.background, name="background"),
    path("background/tasks/<uuid:task_id>/retry/", views.task_retry, name="task_retry"),
    path("background/tasks/<uuid:task_id>/dismiss/", views.task_dismiss, name="task_dismiss"),
    path("background/emails/<int:email_id>/retry/", views.email_retry, name="email_retry"),
]
