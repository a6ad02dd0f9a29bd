"""What staff see of a Zoom event while it runs: who is in the room, from the notifications."""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from core.permissions import permission_required
from events.models import Event
from meetings.zoom.models import ZoomPresence, ZoomReportPull

MANAGE_EVENTS = "events.manage_events"
# How often an open page asks again who is in the room (notifications arrive as they happen).
LIVE_REFRESH_SECONDS = 30


def _zoom_event(slug: str) -> Event:
    event = get_object_or_404(Event, slug=slug)
    if event.meeting_provider != "zoom":
        raise Http404("This event does not run on Zoom.")
    return event


def staff_context(event: Event) -> dict[str, Any]:
    """What the staff attendance page shows about a Zoom event."""
    presences = list(ZoomPresence.objects.filter(event=event).select_related("registration"))
    return {
        "pull": ZoomReportPull.objects.filter(event=event).first(),
        "in_room": [p for p in presences if p.in_room],
        "connections_seen": len(presences),
        "refresh_seconds": LIVE_REFRESH_SECONDS,
    }


@permission_required(MANAGE_EVENTS)
def live_room(request: HttpRequest, slug: str) -> HttpResponse:
    """The "in the room now" page; with ?fragment=1 only its list, which the open page (and
    the attendance page) fetch to update in place."""
    event = _zoom_event(slug)
    context = {
        "event": event,
        "panel": staff_context(event),
        "refresh_seconds": LIVE_REFRESH_SECONDS,
    }
    if request.GET.get("fragment"):
        return render(request, "meetings/zoom/in_room_list.html", context)
    return render(request, "meetings/zoom/in_room.html", context)
