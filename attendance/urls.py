from django.urls import path

from attendance import views
from attendance.staff import imports, presenters
from attendance.staff import review_views as reviews
from attendance.staff import set_aside_views as set_aside
from attendance.staff import views as staff

app_name = "attendance"
urlpatterns = [
    path("events/<slug:slug>/attendance/", views.receipt, name="receipt"),
    path("events/<slug:slug>/attendance/dial-in/", views.claim, name="claim_phone"),
    path("staff/events/<slug:slug>/attendance/", staff.page, name="staff_page"),
    path("staff/events/<slug:slug>/attendance.csv", staff.export_csv, name="staff_csv"),
    path(
        "staff/events/<slug:slug>/attendance/schedule/",
        staff.actual_schedule,
        name="staff_schedule",
    ),
    path(
        "staff/events/<slug:slug>/attendance/connections/<int:pk>/assign/",
        staff.assign,
        name="staff_assign",
    ),
    path(
        "staff/events/<slug:slug>/attendance/connections/<int:pk>/undo/",
        staff.unassign,
        name="staff_unassign",
    ),
    path(
        "staff/events/<slug:slug>/attendance/connections/<int:pk>/set-aside/",
        set_aside.set_aside,
        name="staff_set_aside",
    ),
    path(
        "staff/events/<slug:slug>/attendance/connections/<int:pk>/put-back/",
        set_aside.put_back,
        name="staff_put_back",
    ),
    path(
        "staff/events/<slug:slug>/attendance/<int:registration_id>/",
        staff.registrant,
        name="staff_registrant",
    ),
    path(
        "staff/events/<slug:slug>/attendance/<int:registration_id>/review/",
        reviews.resolve_review,
        name="staff_resolve_review",
    ),
    path(
        "staff/events/<slug:slug>/attendance/<int:registration_id>/reassign/",
        reviews.reassign,
        name="staff_reassign",
    ),
    path(
        "staff/events/<slug:slug>/attendance/claims/<int:pk>/place/",
        reviews.place,
        name="staff_place_claim",
    ),
    path(
        "staff/events/<slug:slug>/attendance/claims/<int:pk>/decline/",
        reviews.decline,
        name="staff_decline_claim",
    ),
    path("staff/events/<slug:slug>/attendance/import/", imports.upload, name="staff_upload"),
    path(
        "staff/events/<slug:slug>/attendance/presenters/",
        presenters.credit_presenters,
        name="staff_credit_presenters",
    ),
    path(
        "staff/events/<slug:slug>/attendance/imports/<int:pk>/withdraw/",
        imports.withdraw,
        name="staff_withdraw_import",
    ),
    path(
        "staff/events/<slug:slug>/attendance/collect/",
        imports.collect,
        name="staff_collect",
    ),
    path(
        "staff/events/<slug:slug>/attendance/import/<str:token>/",
        imports.preview,
        name="staff_preview",
    ),
    path(
        "staff/events/<slug:slug>/attendance/import/<str:token>/confirm/",
        imports.confirm,
        name="staff_confirm",
    ),
    path(
        "staff/events/<slug:slug>/attendance/import/<str:token>/discard/",
        imports.discard,
        name="staff_discard",
    ),
]
