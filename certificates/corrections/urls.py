from django.urls import path

from certificates import branding_views
from certificates.corrections import views

# Included by fullcredit/urls.py at the root.
app_name = "certificate_corrections"
urlpatterns = [
    path(
        "wallet/certificates/<str:number>/correction/",
        views.request_correction,
        name="request",
    ),
    path("staff/certificates/", views.staff_list, name="staff_list"),
    path("staff/certificates/branding/", branding_views.branding_page, name="branding"),
    path("staff/certificates/<str:number>/", views.staff_detail, name="staff_detail"),
    path(
        "staff/certificates/corrections/<int:pk>/approve/",
        views.approve,
        name="approve",
    ),
    path(
        "staff/certificates/corrections/<int:pk>/decline/",
        views.decline,
        name="decline",
    ),
    path("staff/certificates/<str:number>/correct/", views.correct, name="correct"),
    path("staff/certificates/<str:number>/revoke/", views.revoke, name="revoke"),
]
