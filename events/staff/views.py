"""Staff pages for events: the list, the one-page event form, each event's overview with its
actions and handouts, and the roster. Every change goes through an events service."""

from __future__ import annotations

import os
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Count, Prefetch, Q
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from core.errors import DomainError
from core.permissions import permission_required
from credit.schedule import format_duration, instructional_seconds, max_advertised_hours
from events.models import (
    Event,
    EventApproval,
    EventPresenter,
    Handout,
    Registration,
    format_hours,
)
from events.roster import roster_rows, status_counts, write_roster_csv
from events.services import cancel_event, duplicate_event, publish_event
from events.services.handouts import add_handout, remove_handout
from events.staff.editing import EventEditor
from events.staff.forms import CancelEventForm, EventFilterForm, HandoutForm, PublishForm

MANAGE_EVENTS = "events.manage_events"
VIEW_REGISTRATIONS = "events.view_registration"
EVENTS_PER_PAGE = 50


def _event(slug: str) -> Event:
    return get_object_or_404(Event.objects.select_related("program"), slug=slug)


def _manage(event: Event) -> HttpResponse:
    return redirect("staff:event_manage", event.slug)


@permission_required(MANAGE_EVENTS)
def event_list(request: HttpRequest) -> HttpResponse:
    filters = EventFilterForm(request.GET or None)
    events = Event.objects.annotate(
        registered_count=Count(
            "registrations", filter=Q(registrations__status=Registration.REGISTERED)
        ),
        waitlisted_count=Count(
            "registrations", filter=Q(registrations__status=Registration.WAITLISTED)
        ),
    ).order_by("-start", "title")
    if filters.is_valid():
        if filters.cleaned_data["q"]:
            events = events.filter(title__icontains=filters.cleaned_data["q"].strip())
        if filters.cleaned_data["status"]:
            events = events.filter(status=filters.cleaned_data["status"])
    page = Paginator(events, EVENTS_PER_PAGE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    context = {"filters": filters, "page": page, "query": query.urlencode()}
    return render(request, "events/staff/event_list.html", context)


def _edit(request: HttpRequest, event: Event | None) -> HttpResponse:
    if event is not None and event.is_cancelled:
        messages.error(request, "A cancelled event can no longer be edited.")
        return _manage(event)
    editor = EventEditor.build(
        request.POST if request.method == "POST" else None,
        event=event,
        default_zone=request.user.time_zone,
    )
    if request.method == "POST":
        before = (event.start, event.end) if event is not None else None
        saved = editor.save(actor=request.user) if editor.is_valid() else None
        if saved is not None:
            if event is None:
                messages.success(request, f"“{saved.title}” was saved as a draft.")
            elif saved.is_published and before != (saved.start, saved.end):
                messages.success(
                    request,
                    "Changes saved. The event moved, so everyone registered is emailed the new "
                    "time and gets new reminders.",
                )
            else:
                messages.success(request, "Changes saved.")
            return _manage(saved)
        messages.error(request, "Nothing was saved: correct the problems marked below.")
    context = {"editor": editor, "event": event}
    return render(request, "events/staff/event_form.html", context)


@permission_required(MANAGE_EVENTS)
def event_new(request: HttpRequest) -> HttpResponse:
    return _edit(request, None)


@permission_required(MANAGE_EVENTS)
def event_edit(request: HttpRequest, slug: str) -> HttpResponse:
    return _edit(request, _event(slug))


def _public_url(event: Event) -> str | None:
    # The attendee pages are built separately; until their URL exists there is nothing to link.
    try:
        return reverse("events:detail", args=[event.slug])
    except NoReverseMatch:
        return None


def _render_manage(
    request: HttpRequest,
    event: Event,
    *,
    cancel_form: CancelEventForm | None = None,
    handout_form: HandoutForm | None = None,
) -> HttpResponse:
    event = (
        Event.objects.select_related("program")
        .prefetch_related(
            "categories",
            "breaks",
            "handouts",
            Prefetch(
                "approvals",
                queryset=EventApproval.objects.select_related("body")
                .prefetch_related("professions")
                .order_by("-approved", "body__name"),
            ),
            Prefetch(
                "event_presenters",
                queryset=EventPresenter.objects.select_related("presenter").order_by("position"),
            ),
        )
        .get(pk=event.pk)
    )
    instructional = instructional_seconds(event.start, event.end, event.break_intervals())
    approvals = list(event.approvals.all())
    context: dict[str, Any] = {
        "event": event,
        "counts": status_counts(event.registrations.all()),
        "approved": [a for a in approvals if a.approved],
        "not_approved": [a for a in approvals if not a.approved],
        "instructional": format_duration(instructional),
        "max_hours": format_hours(max_advertised_hours(instructional, settings.CE_HOURS_INCREMENT)),
        "handouts": [(h, _handout_filename(h)) for h in event.handouts.all()],
        "public_url": _public_url(event),
        "viewer_zone": timezone.get_current_timezone_name(),
        "can_edit": not event.is_cancelled,
        "can_publish": event.status == Event.DRAFT and not event.has_ended(),
        "can_cancel": not event.is_cancelled and not event.has_ended(),
        "cancel_form": cancel_form or CancelEventForm(),
        "handout_form": handout_form or HandoutForm(),
    }
    return render(request, "events/staff/event_manage.html", context)


@permission_required(MANAGE_EVENTS)
def event_manage(request: HttpRequest, slug: str) -> HttpResponse:
    return _render_manage(request, _event(slug))


@permission_required(MANAGE_EVENTS)
def event_publish(request: HttpRequest, slug: str) -> HttpResponse:
    """A summary of what publishing does and the disclosures to state; only the confirmed
    POST publishes."""
    event = _event(slug)
    if event.status != Event.DRAFT:
        messages.error(request, "Only a draft can be published.")
        return _manage(event)
    confirmed = request.method == "POST" and request.POST.get("confirm") == "yes"
    form = PublishForm.for_event(event, request.POST if confirmed else None)
    if confirmed and form.is_valid():
        try:
            publish_event(event, actor=request.user, disclosures=form.disclosures())
        except DomainError as exc:
            messages.error(request, f"Not published: {exc.message}")
        else:
            messages.success(
                request, f"“{event.title}” is published: attendees can find it and register."
            )
        return _manage(event)
    missing = [
        label
        for label, value in (
            ("instructional level", event.instructional_level),
            ("accessibility requests contact", event.accommodations_contact),
            ("grievance policy", event.grievance_policy),
        )
        if not value
    ]
    context = {
        "event": event,
        "form": form,
        "missing": missing,
        "approved": event.approvals.filter(approved=True).select_related("body"),
        "presenters": event.event_presenters.select_related("presenter"),
    }
    return render(request, "events/staff/event_publish.html", context)


@permission_required(MANAGE_EVENTS)
@require_POST
def event_cancel(request: HttpRequest, slug: str) -> HttpResponse:
    event = _event(slug)
    form = CancelEventForm(request.POST)
    if form.is_valid():
        try:
            cancel_event(event, actor=request.user, reason=form.cleaned_data["reason"])
        except DomainError as exc:
            if exc.field != "reason":
                messages.error(request, f"Not cancelled: {exc.message}")
                return _manage(event)
            form.add_error("reason", exc.message)
        else:
            messages.success(
                request,
                f"“{event.title}” is cancelled. Everyone registered or on the waiting list is "
                "being emailed your reason.",
            )
            return _manage(event)
    messages.error(request, "The event was not cancelled: say why (attendees are told).")
    return _render_manage(request, event, cancel_form=form)


@permission_required(MANAGE_EVENTS)
@require_POST
def event_duplicate(request: HttpRequest, slug: str) -> HttpResponse:
    event = _event(slug)
    copy = duplicate_event(event, actor=request.user)
    messages.success(
        request,
        f"This is a draft copy of “{event.title}”. Set its title, date and time, then save.",
    )
    return redirect("staff:event_edit", copy.slug)


def _handout_filename(handout: Handout) -> str:
    # Stored names carry a random prefix ("<16 hex>-<original name>") that means nothing to people.
    stored = os.path.basename(handout.file.name)
    prefix, _, original = stored.partition("-")
    return original if len(prefix) == 16 and original else stored


@permission_required(MANAGE_EVENTS)
@require_POST
def handout_add(request: HttpRequest, slug: str) -> HttpResponse:
    event = _event(slug)
    form = HandoutForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            handout = add_handout(
                event, form.cleaned_data["title"], form.cleaned_data["file"], request.user
            )
        except DomainError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, exc.message)
        else:
            messages.success(request, f"Handout “{handout.title}” added.")
            return _manage(event)
    messages.error(request, "The handout was not added: see the upload form below.")
    return _render_manage(request, event, handout_form=form)


def _event_handout(slug: str, pk: int) -> Handout:
    return get_object_or_404(Handout.objects.select_related("event"), pk=pk, event__slug=slug)


@permission_required(MANAGE_EVENTS)
@require_POST
def handout_remove(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    handout = _event_handout(slug, pk)
    remove_handout(handout, request.user)
    messages.success(request, f"Handout “{handout.title}” removed.")
    return _manage(handout.event)


@permission_required(MANAGE_EVENTS)
def handout_download(request: HttpRequest, slug: str, pk: int) -> FileResponse:
    handout = _event_handout(slug, pk)
    return FileResponse(
        handout.file.open("rb"), as_attachment=True, filename=_handout_filename(handout)
    )


@permission_required(VIEW_REGISTRATIONS)
def event_roster(request: HttpRequest, slug: str) -> HttpResponse:
    event = _event(slug)
    context = {
        "event": event,
        "rows": roster_rows(event),
        "counts": status_counts(event.registrations.all()),
    }
    return render(request, "events/staff/event_roster.html", context)


@permission_required(VIEW_REGISTRATIONS)
def event_roster_csv(request: HttpRequest, slug: str) -> HttpResponse:
    event = _event(slug)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{event.slug}-roster.csv"'
    # A byte-order mark makes Excel read the file as UTF-8 (names such as Núñez); other
    # readers ignore it.
    response.write("\ufeff")
    write_roster_csv(roster_rows(event), event.zone, response)
    return response
