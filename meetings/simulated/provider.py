"""The simulated meeting provider: a webinar room served by FullCredit itself.

Each registrant's personal join link opens their own room page, which records connections in
the shape of Zoom's participant report, so the whole attendance pipeline can run on one machine.
"""

from __future__ import annotations

from django.urls import reverse

from events.models import Event, Registration
from meetings.providers import (
    CollectedAttendance,
    ImportedCounts,
    NotCollected,
    ProviderMeeting,
    ProviderRegistrant,
    RowShape,
    StaffPanel,
)
from meetings.simulated.rows import participant_rows


class SimulatedProvider:
    name = "simulated"
    registers_instantly = True

    def create_webinar(self, event: Event) -> ProviderMeeting:
        return ProviderMeeting(meeting_id=f"sim-{event.pk}", data={"topic": event.title})

    def update_webinar(self, event: Event) -> None:
        event.provider_data = {**event.provider_data, "topic": event.title}
        event.save(update_fields=["provider_data"])

    def cancel_webinar(self, event: Event) -> None:
        event.provider_data = {**event.provider_data, "cancelled": True}
        event.save(update_fields=["provider_data"])

    def register(self, registration: Registration) -> ProviderRegistrant:
        # A path, not an absolute URL: Registration.join_link prefixes today's SITE_URL when the
        # link is shown, so a SITE_URL corrected later mends links already given out.
        return ProviderRegistrant(
            registrant_id=f"sim-{registration.join_token[:16]}",
            join_url=reverse("meetings:room", args=[registration.join_token]),
        )

    def cancel_registration(self, registration: Registration) -> None:
        """Nothing to undo: the room refuses a cancelled registration by itself."""

    def collect_attendance(self, event: Event) -> CollectedAttendance:
        """The room's finished connections; always ready, since the room keeps them itself."""
        return CollectedAttendance(
            source="the simulated room",
            rows=tuple(participant_rows(event)),
            row_shape=RowShape.SIMULATED_ROOM,
        )

    def attendance_imported(self, event: Event, counts: ImportedCounts) -> str:
        return f"{counts.new_rows} new rows"

    def attendance_not_imported(self, event: Event, reason: str) -> NotCollected:
        # The rows are in the database: the next run (or staff pressing the button) reads them.
        return NotCollected(reason)

    def staff_panel(self, event: Event) -> StaffPanel:
        return StaffPanel(
            heading="From the simulated room",
            text="This event runs in the built-in simulated webinar room: import its finished "
            "connections directly.",
            button="Import from the simulated room",
        )
