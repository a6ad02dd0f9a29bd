from django.contrib import admin
from django.urls import include, path

from events.staff.urls import urlpatterns as event_staff_urls
from fullcredit.views import home
from licensing.urls import staff_urlpatterns as licensing_staff_urls
from operations.dashboard import staff_dashboard
from operations.urls import urlpatterns as operations_staff_urls

admin.site.site_header = "FullCredit administration"
admin.site.site_title = "FullCredit admin"

staff_patterns = [
    path("", staff_dashboard, name="dashboard"),
    *licensing_staff_urls,
    *event_staff_urls,
    *operations_staff_urls,
]

urlpatterns = [
    path("", home, name="home"),
    path("", include("core.urls")),
    path("accounts/", include("allauth.urls")),
    path("settings/", include("accounts.urls")),
    path("wallet/licenses/", include("licensing.urls")),
    path("wallet/tracker/", include("tracker.urls")),
    path("", include("events.urls")),
    path("", include("meetings.urls")),
    path("", include("attendance.urls")),
    path("", include("evaluations.urls")),
    path("", include("certificates.bulk.urls")),
    path("", include("certificates.corrections.urls")),
    path("", include("certificates.urls")),
    path("staff/", include((staff_patterns, "staff"))),
    path("", include("api.urls")),
    path("admin/", admin.site.urls),
]

handler400 = "core.views.bad_request"
handler403 = "core.views.permission_denied"
handler404 = "core.views.page_not_found"
# 500 is rendered by Django's default handler from templates/500.html, which needs no context:
# when the server is failing, the page must not depend on the database or the session.
# Uploaded files are never served from MEDIA_URL: each download goes through a view that checks
# who is asking (handouts for registrants, and so on).
