"""The attendee's side of events: catalog, event page, registration, My Events, Main Hall."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from core.errors import DomainError
from core.next_steps import by_event, links_for, steps_for
from events.calendar import registration_ics
from events.catalog import CatalogFilters, filter_events
from events.license_fit import LicenseFit, fit
from events.models import Event, EventApproval, Handout, Registration
from events.services import cancel_registration, register_attendee
from licensing.models import ApprovalBody, UserLicense

PAGE_SIZE = 20


def _viewer_licenses(request: HttpRequest) -> list[UserLicense]:
    if not request.user.is_authenticated:
        return []
    return list(
        UserLicense.objects.filter(user=request.user)
        .select_related("license_type__profession")
        .prefetch_related(
            Prefetch("license_type__accepted_bodies", queryset=ApprovalBody.objects.only("pk"))
        )
    )


def _fits(event: Event, licenses: list[UserLicense]) -> list[LicenseFit]:
    return [fit(event, license) for license in licenses]


def catalog(request: HttpRequest) -> HttpResponse:
    licenses = _viewer_licenses(request)
    form = CatalogFilters(request.GET or None, licenses=licenses)
    events = Event.objects.published().not_ended().for_listing().order_by("start", "pk")
    if form.is_valid():
        events = filter_events(events, form.cleaned_data, licenses)
    page = Paginator(events, PAGE_SIZE).get_page(request.GET.get("page"))
    listings = [(event, _fits(event, licenses)) for event in page.object_list]
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "events/catalog.html",
        {
            "form": form,
            "page": page,
            "listings": listings,
            "licenses": licenses,
            "query": query.urlencode(),
        },
    )


def _visible_event(slug: str) -> Event:
    # Drafts do not exist for attendees; cancelled events stay visible with a notice.
    return get_object_or_404(
        Event.objects.exclude(status=Event.DRAFT).for_listing().prefetch_related("breaks"),
        slug=slug,
    )


def detail(request: HttpRequest, slug: str) -> HttpResponse:
    event = _visible_event(slug)
    licenses = _viewer_licenses(request)
    registration = None
    if request.user.is_authenticated:
        registration = Registration.objects.filter(event=event, user=request.user).first()
    full = event.capacity is not None and event.registrations.active().count() >= event.capacity
    return render(
        request,
        "events/detail.html",
        {
            "event": event,
            "fits": _fits(event, licenses),
            "registration": registration,
            "full": full,
            "now": timezone.now(),
        },
    )


@require_POST
@login_required
def register(request: HttpRequest, slug: str) -> HttpResponse:
    event = _visible_event(slug)
    try:
        registration = register_attendee(
            event, request.user, join_waitlist=request.POST.get("waitlist") == "1"
        )
    except DomainError as exc:
        messages.error(request, exc.message)
        return redirect(event)
    if registration.status == Registration.WAITLISTED:
        messages.success(
            request,
            "The event is full: you are on the waiting list. We'll email you if a place opens.",
        )
        return redirect(event)
    messages.success(request, f"You are registered for {event.title}. We emailed you the details.")
    return redirect("events:my_events")


@require_POST
@login_required
def cancel(request: HttpRequest, slug: str) -> HttpResponse:
    event = _visible_event(slug)
    registration = get_object_or_404(Registration, event=event, user=request.user)
    try:
        cancel_registration(registration, actor=request.user)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, f"Your registration for {event.title} is cancelled.")
    return redirect("events:my_events")


@login_required
def my_events(request: HttpRequest) -> HttpResponse:
    now = timezone.now()
    registrations = (
        Registration.objects.filter(user=request.user)
        .exclude(status=Registration.CANCELLED)
        .select_related("event")
        .prefetch_related(
            # The attendance receipt badge on past events reads the newest decision.
            "decisions",
            Prefetch(
                "event__approvals",
                queryset=EventApproval.objects.select_related("body").prefetch_related(
                    "professions"
                ),
            ),
        )
        .order_by("event__start")
    )
    # What waits for the person (join, evaluate, claim a call) and what they hold (certificates)
    # come from the apps that know, through core.next_steps, so this page and the home agree.
    steps = by_event(steps_for(request.user))
    links = links_for(request.user, [r.event_id for r in registrations])
    upcoming = [r for r in registrations if r.event.end > now]
    past = sorted(
        (r for r in registrations if r.event.end <= now), key=lambda r: r.event.start, reverse=True
    )
    return render(
        request,
        "events/my_events.html",
        {"upcoming": upcoming, "past": past, "now": now, "steps": steps, "links": links},
    )


@login_required
def main_hall(request: HttpRequest, slug: str) -> HttpResponse:
    event = _visible_event(slug)
    registration = Registration.objects.filter(event=event, user=request.user).first()
    if registration is None or registration.status != Registration.REGISTERED:
        return render(
            request,
            "events/hall_refused.html",
            {"event": event, "registration": registration},
            status=403,
        )
    now = timezone.now()
    context: dict[str, Any] = {
        "event": event,
        "registration": registration,
        "handouts": event.handouts.all(),
        "now": now,
        "join_opens_at": event.join_opens_at(),
        "join_opens_minutes": settings.JOIN_OPENS_MINUTES_BEFORE,
        "join_open": event.join_opens_at() <= now < event.end and not event.is_cancelled,
        "before_open": now < event.join_opens_at(),
        "ended": event.has_ended(now),
    }
    return render(request, "events/main_hall.html", context)


@login_required
def handout(request: HttpRequest, slug: str, pk: int) -> FileResponse:
    event = _visible_event(slug)
    item = get_object_or_404(Handout, pk=pk, event=event)
    if not request.user.has_perm("events.view_event"):
        registered = Registration.objects.active().filter(event=event, user=request.user).exists()
        if not registered:
            raise PermissionDenied("Handouts are for this event's registrants.")
    try:
        handle = item.file.open("rb")
    except FileNotFoundError:
        raise Http404("The file is missing.") from None
    return FileResponse(
        handle, as_attachment=True, filename=item.file.name.rsplit("/", 1)[-1].split("-", 1)[-1]
    )


@login_required
def calendar_file(request: HttpRequest, slug: str) -> HttpResponse:
    """The registrant's own calendar entry; anyone else is told it does not exist."""
    registration = get_object_or_404(
        Registration.objects.exclude(status=Registration.CANCELLED).select_related("event"),
        event__slug=slug,
        event__status__in=[Event.PUBLISHED, Event.CANCELLED],
        user=request.user,
    )
    response = HttpResponse(
        registration_ics(registration), content_type="text/calendar; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="{registration.event.slug}.ics"'
    return response
