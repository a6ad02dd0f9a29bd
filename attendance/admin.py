from django.contrib import admin
from django.http import HttpRequest

from attendance.models import (
    AttendanceImport,
    AttendancePolicy,
    Connection,
    Decision,
    PhoneClaim,
    StaffAlert,
)
from core import audit


@admin.register(AttendancePolicy)
class AttendancePolicyAdmin(admin.ModelAdmin):
    list_display = ["tolerance_seconds", "updated_at"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return not AttendancePolicy.objects.exists()

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def save_model(self, request, obj, form, change) -> None:
        before = (
            AttendancePolicy.objects.filter(pk=obj.pk)
            .values_list("tolerance_seconds", flat=True)
            .first()
        )
        super().save_model(request, obj, form, change)
        # Changing the tolerance changes who earns credit: always on the record.
        audit.record(
            request.user,
            "attendance.tolerance_changed",
            obj,
            before=before,
            after=obj.tolerance_seconds,
        )


@admin.register(AttendanceImport)
class AttendanceImportAdmin(admin.ModelAdmin):
    list_display = ["event", "format", "created_at", "rows_in_files", "rows_added", "time_zone"]
    list_filter = ["format"]
    readonly_fields = [f.name for f in AttendanceImport._meta.fields]


@admin.register(Connection)
class ConnectionAdmin(admin.ModelAdmin):
    list_display = [
        "event",
        "name",
        "email",
        "join",
        "leave",
        "role",
        "registration",
        "match_method",
    ]
    list_filter = ["match_method", "role", "is_phone", "in_waiting_room"]
    search_fields = ["name", "email", "registrant_id"]
    readonly_fields = [f.name for f in Connection._meta.fields]


@admin.register(Decision)
class DecisionAdmin(admin.ModelAdmin):
    list_display = [
        "registration",
        "version",
        "is_current",
        "outcome",
        "attended_seconds",
        "required_seconds",
    ]
    list_filter = ["outcome", "is_current"]
    readonly_fields = [f.name for f in Decision._meta.fields]


admin.site.register(PhoneClaim)


@admin.register(StaffAlert)
class StaffAlertAdmin(admin.ModelAdmin):
    """Alerts are raised and resolved by the attendance services; the admin only shows them."""

    list_display = ["event", "kind", "created_at", "resolved_at"]
    list_filter = ["kind"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: StaffAlert | None = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: StaffAlert | None = None) -> bool:
        return False
