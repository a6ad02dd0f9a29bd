"""The simulated meeting provider: a webinar room served by FullCredit itself.

Each registrant's personal join link opens their own room page, which records connections in
the shape of Zoom's participant report, so the whole attendance pipeline can run on one machine.
"""

from __future__ import annotations

from django.conf import settings
from django.urls import reverse

from events.models import Event, Registration
from meetings.providers import ProviderMeeting, ProviderRegistrant


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
        path = reverse("meetings:room", args=[registration.join_token])
        return ProviderRegistrant(
            registrant_id=f"sim-{registration.join_token[:16]}",
            join_url=f"{settings.SITE_URL}{path}",
        )

    def cancel_registration(self, registration: Registration) -> None:
        """Nothing to undo: the room refuses a cancelled registration by itself."""
