from __future__ import annotations

from django.contrib import admin
from django.http import HttpRequest

from meetings.models import SimulatedConnection, ZoomReportPull, ZoomWebhookEvent


@admin.register(SimulatedConnection)
class SimulatedConnectionAdmin(admin.ModelAdmin):
    """Read-only: connections are evidence of attendance, written only by the room itself."""

    list_display = [
        "registration",
        "device_label",
        "joined_at",
        "last_seen_at",
        "left_at",
        "left_how_display",
    ]
    list_filter = ["registration__event"]
    search_fields = ["registration__name", "registration__email", "participant_uuid"]
    list_select_related = ["registration__event"]
    readonly_fields = [
        "registration",
        "device_label",
        "participant_uuid",
        "joined_at",
        "last_seen_at",
        "left_at",
        "left_how_display",
        "counted_until",
    ]
    date_hierarchy = "joined_at"

    @admin.display(description="left how")
    def left_how_display(self, obj: SimulatedConnection) -> str:
        return obj.left_how or "still connected"

    @admin.display(description="counts as present until")
    def counted_until(self, obj: SimulatedConnection) -> str:
        return obj.counted_until().isoformat(timespec="seconds")

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False


class ReadOnlyAdmin(admin.ModelAdmin):
    """Records of what Zoom sent and how pulls went: evidence, never edited by hand."""

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False


@admin.register(ZoomWebhookEvent)
class ZoomWebhookEventAdmin(ReadOnlyAdmin):
    list_display = ["event_name", "received_at", "processed_at", "outcome"]
    list_filter = ["event_name"]
    date_hierarchy = "received_at"


@admin.register(ZoomReportPull)
class ZoomReportPullAdmin(ReadOnlyAdmin):
    list_display = ["event", "status", "attempts", "last_attempt_at", "next_attempt_at"]
    list_filter = ["status"]
    list_select_related = ["event"]
