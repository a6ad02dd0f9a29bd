"""The simulated webinar room: a registrant's personal page that records their connections.

Personal links are bound to their owner: a token that is not the signed-in person's own answers
404, exactly like a token that does not exist, so a forwarded link reveals nothing.
"""

from __future__ import annotations

import uuid

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from core.errors import DomainError
from events.models import Registration
from meetings.models import SimulatedConnection
from meetings.simulated import presence, room

# Sent by browsers that load a page speculatively; loading is not joining.
PREFETCH_HEADERS = ("Sec-Purpose", "Purpose")


def _own_registration(request: HttpRequest, token: str) -> Registration:
    return get_object_or_404(
        Registration.objects.select_related("event"), join_token=token, user=request.user
    )


def _own_connection(
    request: HttpRequest, token: str, participant: uuid.UUID
) -> SimulatedConnection:
    registration = _own_registration(request, token)
    connection = get_object_or_404(
        SimulatedConnection, registration=registration, participant_uuid=participant
    )
    connection.registration = registration
    return connection


def _is_prefetch(request: HttpRequest) -> bool:
    return any(request.headers.get(h, "").startswith("prefetch") for h in PREFETCH_HEADERS)


@never_cache
@require_GET
@login_required
def room_page(request: HttpRequest, token: str) -> HttpResponse:
    registration = _own_registration(request, token)
    event = registration.event
    if _is_prefetch(request):
        return HttpResponse(status=503)
    try:
        connection = room.join_room(registration, request.headers.get("User-Agent", ""))
    except DomainError as refusal:
        context = {"registration": registration, "event": event, "refusal": refusal}
        return render(request, "meetings/room_refused.html", context, status=403)
    segments = room.schedule(event)
    presenters = [
        str(item.presenter)
        for item in event.event_presenters.select_related("presenter").order_by("position")
    ]
    context = {
        "registration": registration,
        "event": event,
        "connection": connection,
        "presenters": presenters,
        "segments": segments,
        "current_segment": room.current_segment(segments, connection.joined_at),
        "phase": room.phase(segments, connection.joined_at),
        "heartbeat_seconds": int(presence.HEARTBEAT_INTERVAL.total_seconds()),
    }
    return render(request, "meetings/room.html", context)


@never_cache
@require_POST
@login_required
def heartbeat(request: HttpRequest, token: str, participant: uuid.UUID) -> HttpResponse:
    connection = _own_connection(request, token, participant)
    try:
        room.record_heartbeat(connection)
    except DomainError as refusal:
        # 410: this connection will never be accepted again; the page stops and says why.
        return JsonResponse({"code": refusal.code, "message": refusal.message}, status=410)
    return HttpResponse(status=204)


@never_cache
@require_POST
@login_required
def leave(request: HttpRequest, token: str, participant: uuid.UUID) -> HttpResponse:
    connection = _own_connection(request, token, participant)
    room.leave_room(connection)
    # sendBeacon cannot read a response or follow a redirect; it marks itself in the body.
    if request.POST.get("via") == "beacon":
        return HttpResponse(status=204)
    return redirect("meetings:left", token=token)


@never_cache
@require_GET
@login_required
def left(request: HttpRequest, token: str) -> HttpResponse:
    registration = _own_registration(request, token)
    try:
        room.check_room_open(registration, timezone.now())
    except DomainError:
        can_rejoin = False
    else:
        can_rejoin = True
    # What leaving meant depends on when it happened: before the start or in a break it costs
    # nothing if they come back in time; in the teaching time it does unless they come back at once.
    last = registration.simulated_connections.filter(left_at__isnull=False).order_by("-left_at")
    left_at = last.values_list("left_at", flat=True).first() or timezone.now()
    segments = room.schedule(registration.event)
    context = {
        "registration": registration,
        "event": registration.event,
        "can_rejoin": can_rejoin,
        "left_during": room.phase(segments, left_at),
        "left_segment": room.current_segment(segments, left_at),
    }
    return render(request, "meetings/left.html", context)
