"""Acting on stored Zoom notifications: the live room view, and the report pull at the end.

Nothing here creates attendance or credit. Join and leave notifications can be late, repeated,
out of order or lost, so they only say who seems to be in the room now; credit comes from the
participant report, pulled after `webinar.ended` and after the scheduled end.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone

from events.models import Event, Registration
from meetings.signals import meeting_ended
from meetings.zoom.models import ZoomPresence, ZoomWebhookEvent

JOINED = {"webinar.participant_joined", "meeting.participant_joined"}
LEFT = {"webinar.participant_left", "meeting.participant_left"}
ENDED = {"webinar.ended"}
# Zoom may take this long to publish the report after the end; earlier pulls just retry.
PULL_AFTER_ENDED = dt.timedelta(minutes=10)


def _time(value: Any) -> dt.datetime | None:
    if not isinstance(value, str) or not value:
        return None
    try:
        return dt.datetime.fromisoformat(value).astimezone(dt.UTC)
    except ValueError:
        return None


def _event_for(meeting: dict[str, Any]) -> Event | None:
    webinar_id = str(meeting.get("id", "")).strip()
    if not webinar_id:
        return None
    return Event.objects.filter(meeting_provider="zoom", provider_meeting_id=webinar_id).first()


def _registration(event: Event, participant: dict[str, Any]) -> Registration | None:
    """The registrant by their personal link's registrant_id, else by email (the live view
    only; the report import does the real matching)."""
    registrant_id = str(participant.get("registrant_id") or "")
    address = str(participant.get("email") or "")
    if registrant_id:
        found = event.registrations.filter(provider_registrant_id=registrant_id).first()
        if found is not None:
            return found
    if address:
        return event.registrations.filter(email__iexact=address).first()
    return None


def _presence(event: Event, meeting: dict[str, Any]) -> tuple[ZoomPresence, dict[str, Any]]:
    participant = meeting.get("participant") or {}
    connection = str(
        participant.get("user_id")
        or participant.get("participant_uuid")
        or participant.get("id")
        or ""
    )
    presence, _ = ZoomPresence.objects.get_or_create(
        event=event, instance_uuid=str(meeting.get("uuid", "")), connection_id=connection
    )
    presence.name = str(participant.get("user_name") or presence.name)[:300]
    presence.email = str(participant.get("email") or presence.email)[:254]
    presence.registrant_id = str(participant.get("registrant_id") or presence.registrant_id)
    presence.registration = presence.registration or _registration(event, participant)
    return presence, participant


def _joined(event: Event, meeting: dict[str, Any]) -> str:
    presence, participant = _presence(event, meeting)
    presence.joined_at = _time(participant.get("join_time")) or presence.joined_at
    presence.save()
    return f"{presence.name or 'someone'} joined"


def _left(event: Event, meeting: dict[str, Any]) -> str:
    # A "left" that overtook its "joined" still records the connection; the late "joined"
    # then fills in the join time without reopening it.
    presence, participant = _presence(event, meeting)
    presence.left_at = _time(participant.get("leave_time")) or timezone.now()
    presence.save()
    return f"{presence.name or 'someone'} left"


def _ended(event: Event, meeting: dict[str, Any]) -> str:
    ended = _time(meeting.get("end_time")) or timezone.now()
    ZoomPresence.objects.filter(
        event=event, instance_uuid=str(meeting.get("uuid", "")), left_at__isnull=True
    ).update(left_at=ended)
    meeting_ended.send(sender=Event, event=event, collect_after=timezone.now() + PULL_AFTER_ENDED)
    return "webinar ended; report pull queued"


def process(notification_id: int) -> str:
    notification = ZoomWebhookEvent.objects.get(pk=notification_id)
    if notification.processed_at is not None:
        return f"skipped: already processed ({notification.outcome})"
    meeting = (notification.payload.get("payload") or {}).get("object") or {}
    name = notification.event_name
    event = _event_for(meeting) if name in JOINED | LEFT | ENDED else None
    if name not in JOINED | LEFT | ENDED:
        outcome = "ignored: not an event FullCredit uses"
    elif event is None:
        outcome = "ignored: no FullCredit event has this webinar"
    elif name in JOINED:
        outcome = _joined(event, meeting)
    elif name in LEFT:
        outcome = _left(event, meeting)
    else:
        outcome = _ended(event, meeting)
    notification.processed_at = timezone.now()
    notification.outcome = outcome[:200]
    notification.save(update_fields=["processed_at", "outcome"])
    return outcome
