from __future__ import annotations

from django.contrib import admin
from django.http import HttpRequest

from meetings.models import SimulatedConnection


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
