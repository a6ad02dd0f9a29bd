"""Zoom webinars as FullCredit's meeting provider.

Every call goes over the network and can fail or be rate-limited, so `registers_instantly` is
False: the meeting services and registration call these from retried background tasks.
"""

from __future__ import annotations

import datetime as dt
import math
from typing import Any
from urllib.parse import quote

from django.conf import settings

from events.models import Event, Registration
from meetings.providers import (
    CollectedAttendance,
    ImportedCounts,
    NotCollected,
    ProviderError,
    ProviderMeeting,
    ProviderRegistrant,
    StaffPanel,
)
from meetings.zoom import reports
from meetings.zoom.client import ZoomClient, ZoomError
from meetings.zoom.views import staff_context

SCHEDULED_WEBINAR = 5  # Zoom's webinar "type" for a one-time scheduled webinar
AUTOMATIC_APPROVAL = 0  # settings.approval_type: registrants are approved at once
REGISTER_ONCE = 1  # settings.registration_type: one registration for the webinar
AGENDA_LIMIT = 2000  # Zoom refuses longer agendas
TOPIC_LIMIT = 200
WEBINAR_DOES_NOT_EXIST = 3001


def webinar_body(event: Event) -> dict[str, Any]:
    minutes = math.ceil((event.end - event.start).total_seconds() / 60)
    return {
        "topic": event.title[:TOPIC_LIMIT],
        "type": SCHEDULED_WEBINAR,
        # UTC with a "Z": Zoom then ignores `timezone` for the instant and uses it for display.
        "start_time": event.start.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "duration": minutes,
        "timezone": event.time_zone,
        "agenda": (event.summary or event.description)[:AGENDA_LIMIT],
        "settings": {
            "approval_type": AUTOMATIC_APPROVAL,
            "registration_type": REGISTER_ONCE,
        },
    }


def _names(registration: Registration) -> tuple[str, str]:
    user = registration.user
    if user is not None and user.legal_first_name and user.legal_last_name:
        return user.legal_first_name, user.legal_last_name
    first, _, last = registration.name.partition(" ")
    return first or registration.email, last


def _webinar_id(event: Event) -> str:
    if not event.provider_meeting_id:
        raise ProviderError("The Zoom webinar for this event has not been created yet.")
    return event.provider_meeting_id


class ZoomProvider:
    name = "zoom"
    registers_instantly = False

    def __init__(self, client: ZoomClient | None = None) -> None:
        self.client = client or ZoomClient()

    def create_webinar(self, event: Event) -> ProviderMeeting:
        host = quote(settings.ZOOM_WEBINAR_HOST, safe="@")
        response = self.client.request(
            "POST", f"/users/{host}/webinars", json=webinar_body(event)
        ).json()
        # start_url is a host credential; it is never stored.
        data = {
            key: response[key]
            for key in ("uuid", "join_url", "registration_url", "host_id", "topic")
            if key in response
        }
        return ProviderMeeting(meeting_id=str(response["id"]), data=data)

    def update_webinar(self, event: Event) -> None:
        self.client.request("PATCH", f"/webinars/{_webinar_id(event)}", json=webinar_body(event))

    def cancel_webinar(self, event: Event) -> None:
        try:
            self.client.request("DELETE", f"/webinars/{_webinar_id(event)}")
        except ZoomError as exc:
            # Already deleted in Zoom (by a person, or by an earlier run of this task).
            if exc.status != 404 and exc.code != WEBINAR_DOES_NOT_EXIST:
                raise
        event.provider_data = {**event.provider_data, "cancelled": True}
        event.save(update_fields=["provider_data"])

    def register(self, registration: Registration) -> ProviderRegistrant:
        first, last = _names(registration)
        response = self.client.request(
            "POST",
            f"/webinars/{_webinar_id(registration.event)}/registrants",
            json={"email": registration.email, "first_name": first, "last_name": last},
        ).json()
        return ProviderRegistrant(
            registrant_id=str(response["registrant_id"]), join_url=response["join_url"]
        )

    def cancel_registration(self, registration: Registration) -> None:
        """Zoom's "cancel" action, not "deny": a denied person could not register again."""
        if not registration.provider_registrant_id:
            return
        self.client.request(
            "PUT",
            f"/webinars/{_webinar_id(registration.event)}/registrants/status",
            json={
                "action": "cancel",
                "registrants": [
                    {"id": registration.provider_registrant_id, "email": registration.email}
                ],
            },
        )

    def collect_attendance(self, event: Event) -> CollectedAttendance | NotCollected:
        return reports.collect(event, client=self.client)

    def attendance_imported(self, event: Event, counts: ImportedCounts) -> str:
        return reports.record_imported(event, counts)

    def attendance_not_imported(self, event: Event, reason: str) -> NotCollected:
        return reports.record_not_imported(event, reason)

    def staff_panel(self, event: Event) -> StaffPanel:
        return StaffPanel(
            heading="From Zoom",
            button="Pull the reports from Zoom now",
            status_template="meetings/zoom/staff_status.html",
            details_template="meetings/zoom/staff_details.html",
            context=staff_context(event),
        )
