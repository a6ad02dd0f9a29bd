"""The staff attendance page and what it posts to: the actual schedule, assigning a connection
from the queue (and undoing it), each registrant's receipt with its history, and the CSV."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.contrib import messages
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from attendance.claim_text import claim_status
from attendance.forms import (
    ActualBreakFormSet,
    ActualScheduleForm,
    AssignForm,
    ImportForm,
    SetAsideForm,
    UndoForm,
)
from attendance.models import ActualSchedule, AttendanceImport, Connection, Decision
from attendance.parsing.types import FORMAT_LABELS
from attendance.receipt import receipt_for
from attendance.services.resolving import (
    assign_connection,
    record_actual_schedule,
    unassign_connection,
)
from attendance.staff.export import write_attendance_csv
from attendance.staff.overview import (
    OUTCOME_LABELS,
    hand_matched,
    outcome_counts,
    pending_claims,
    presenter_context,
    queue,
    registrant_rows,
    set_aside,
)
from attendance.staff.review_page import claim_items, review_items
from core.errors import DomainError
from core.forms import aware_or_error
from core.localtime import to_wall_clock
from core.models import AuditEntry
from core.permissions import permission_required
from events.models import Event, Registration
from meetings.providers import StaffPanel, provider_for

MANAGE_EVENTS = "events.manage_events"


def event_for(slug: str) -> Event:
    return get_object_or_404(Event, slug=slug)


def back_to_page(event: Event) -> HttpResponse:
    return redirect("attendance:staff_page", event.slug)


def _schedule_initial(event: Event) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    zone = event.zone
    actual = ActualSchedule.objects.filter(event=event).first()
    if actual is None:
        start, end = event.start, event.end
        spans = [(b.start, b.end, b.label) for b in event.breaks.all()]
    else:
        start, end = actual.start, actual.end
        spans = [
            (dt.datetime.fromisoformat(b[0]), dt.datetime.fromisoformat(b[1]), b[2])
            for b in actual.breaks
        ]
    # The reason is left empty on purpose: each change needs its own.
    form = {"start": to_wall_clock(start, zone), "end": to_wall_clock(end, zone)}
    breaks = [
        {"start": to_wall_clock(s, zone), "end": to_wall_clock(e, zone), "label": label}
        for s, e, label in spans
    ]
    return form, breaks


def schedule_forms(event: Event, data: Any = None) -> tuple[ActualScheduleForm, forms.BaseFormSet]:
    initial, breaks = _schedule_initial(event)
    return (
        ActualScheduleForm(data, initial=initial, event=event),
        ActualBreakFormSet(data, initial=breaks, prefix="breaks"),
    )


def _recent_imports(event: Event, limit: int = 10) -> list[tuple[AttendanceImport, str]]:
    records = AttendanceImport.objects.filter(event=event).select_related(
        "created_by", "withdrawn_by"
    )[:limit]
    return [(record, FORMAT_LABELS.get(record.format, record.format)) for record in records]


def _provider_panel(event: Event) -> StaffPanel | None:
    provider = provider_for(event)
    return provider.staff_panel(event) if provider is not None else None


def render_page(
    request: HttpRequest,
    event: Event,
    *,
    import_form: ImportForm | None = None,
    schedule: tuple[ActualScheduleForm, forms.BaseFormSet] | None = None,
    bound_forms: dict[str, forms.Form] | None = None,
) -> HttpResponse:
    """The page; forms that failed validation are passed in bound, so they show their errors."""
    bound = bound_forms or {}
    rows = registrant_rows(event)
    claims = pending_claims(event)
    items = queue(event, claims)
    for item in items:
        key = f"assign-{item.connection.pk}"
        item.form = bound.get(key) or AssignForm(
            connection=item.connection,
            initial={"registration": item.claims[0].registration} if len(item.claims) == 1 else {},
        )
        item.set_aside_form = bound.get(f"set-aside-{item.connection.pk}") or SetAsideForm(
            connection=item.connection
        )
    matched = [
        (c, bound.get(f"undo-{c.pk}") or UndoForm(connection=c)) for c in hand_matched(event)
    ]
    schedule_form, break_forms = schedule or schedule_forms(event)
    context = {
        "event": event,
        "ended": event.has_ended(),
        "rows": rows,
        "counts": outcome_counts(rows),
        "reviews": review_items(rows, bound),
        "queue": items,
        "claims": claim_items(event, claims, bound),
        "matched": matched,
        "set_aside": set_aside(event),
        "imports": _recent_imports(event),
        "actual": ActualSchedule.objects.filter(event=event).select_related("recorded_by").first(),
        "import_form": import_form or ImportForm(event=event),
        "schedule_form": schedule_form,
        "break_forms": break_forms,
        "provider_panel": _provider_panel(event),
    }
    context["presenters"] = presenter_context(event)
    return render(request, "attendance/staff/page.html", context)


@permission_required(MANAGE_EVENTS)
def page(request: HttpRequest, slug: str) -> HttpResponse:
    return render_page(request, event_for(slug))


def _schedule_breaks(
    event: Event, break_forms: forms.BaseFormSet
) -> list[tuple[dt.datetime, dt.datetime, str]] | None:
    spans = []
    for form in break_forms.live_forms():
        start = aware_or_error(form, "start", event.zone)
        end = aware_or_error(form, "end", event.zone)
        if start is None or end is None:
            return None
        spans.append((start, end, form.cleaned_data.get("label") or "Break"))
    return spans


def _show_schedule_error(
    exc: DomainError, form: ActualScheduleForm, break_forms: forms.BaseFormSet
) -> None:
    target = exc.field or ""
    if target in form.fields:
        form.add_error(target, exc.message)
        return
    if target.startswith("breaks."):
        # The credit rules number breaks in the order they were given: the live rows.
        index = target.split(".")[1]
        live = break_forms.live_forms()
        if index.isdigit() and int(index) < len(live):
            live[int(index)].add_error(None, exc.message)
            return
    form.add_error(None, exc.message)


@require_POST
@permission_required(MANAGE_EVENTS)
def actual_schedule(request: HttpRequest, slug: str) -> HttpResponse:
    event = event_for(slug)
    form, break_forms = schedule_forms(event, request.POST)
    valid = form.is_valid() & break_forms.is_valid()
    spans = _schedule_breaks(event, break_forms) if valid else None
    if valid and spans is not None:
        try:
            record_actual_schedule(
                event,
                start=form.cleaned_data["start"],
                end=form.cleaned_data["end"],
                breaks=spans,
                actor=request.user,
                reason=form.cleaned_data["reason"],
            )
        except DomainError as exc:
            _show_schedule_error(exc, form, break_forms)
        else:
            messages.success(
                request,
                "The actual schedule is recorded, and every registrant's attendance was "
                "decided again against it.",
            )
            return back_to_page(event)
    messages.error(request, "The actual schedule was not recorded: see the problems below.")
    return render_page(request, event, schedule=(form, break_forms))


def _event_connection(event: Event, pk: int) -> Connection:
    return get_object_or_404(Connection.objects.select_related("event"), pk=pk, event=event)


def outcome_text(registration: Registration) -> str:
    decision = Decision.objects.filter(registration=registration, is_current=True).first()
    return OUTCOME_LABELS[decision.outcome].lower() if decision else "not decided yet"


@require_POST
@permission_required(MANAGE_EVENTS)
def assign(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    event = event_for(slug)
    connection = _event_connection(event, pk)
    if connection.registration_id is not None:
        messages.error(
            request,
            f"That connection was already matched to {connection.registration.name}; "
            "undo that match first if it is wrong.",
        )
        return back_to_page(event)
    form = AssignForm(request.POST, connection=connection)
    if form.is_valid():
        registration = form.cleaned_data["registration"]
        try:
            assign_connection(
                connection, registration, actor=request.user, reason=form.cleaned_data["reason"]
            )
        except DomainError as exc:
            form.show_domain_error(exc)
        else:
            messages.success(
                request,
                f"The connection is now {registration.name}'s. Their outcome: "
                f"{outcome_text(registration)}.",
            )
            return back_to_page(event)
    messages.error(request, "The connection was not assigned: see the queue below.")
    return render_page(request, event, bound_forms={form.prefix: form})


@require_POST
@permission_required(MANAGE_EVENTS)
def unassign(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    event = event_for(slug)
    connection = _event_connection(event, pk)
    previous = connection.registration
    form = UndoForm(request.POST, connection=connection)
    if form.is_valid():
        try:
            unassign_connection(connection, actor=request.user, reason=form.cleaned_data["reason"])
        except DomainError as exc:
            messages.error(request, f"Nothing changed: {exc.message}")
            return back_to_page(event)
        assert previous is not None  # unassign_connection refuses unassigned connections
        messages.success(
            request,
            f"The connection is back in the queue. {previous.name}'s outcome: "
            f"{outcome_text(previous)}.",
        )
        if request.POST.get("return_to") == "registrant":
            return redirect("attendance:staff_registrant", event.slug, previous.pk)
        return back_to_page(event)
    messages.error(request, "The match was not undone: give a reason.")
    if request.POST.get("return_to") == "registrant" and previous is not None:
        return render_registrant(request, event, previous, bound_forms={form.prefix: form})
    return render_page(request, event, bound_forms={form.prefix: form})


def _audit_entries(registration: Registration) -> list[AuditEntry]:
    """Entries about this person's connections, including ones since taken off them, and
    their own dial-in claims."""
    connection_ids = [
        str(pk)
        for pk in Connection.objects.filter(registration=registration).values_list("pk", flat=True)
    ]
    return list(
        AuditEntry.objects.filter(
            Q(target_type="attendance.connection", target_id__in=connection_ids)
            | Q(target_type="attendance.connection", data__registration=registration.pk)
            | Q(target_type="events.registration", target_id=str(registration.pk))
        ).order_by("-created_at", "-pk")
    )


def render_registrant(
    request: HttpRequest,
    event: Event,
    registration: Registration,
    *,
    bound_forms: dict[str, forms.Form] | None = None,
) -> HttpResponse:
    bound = bound_forms or {}
    receipt = receipt_for(registration, timezone.get_current_timezone())
    connection_rows = [
        (line, bound.get(f"undo-{line.connection.pk}") or UndoForm(connection=line.connection))
        for line in (receipt.connections if receipt else [])
    ]
    context = {
        "event": event,
        "registration": registration,
        "receipt": receipt,
        "connection_rows": connection_rows,
        "history": list(Decision.objects.filter(registration=registration).order_by("-version")),
        "audit": _audit_entries(registration),
        "claims": [
            (claim, claim_status(claim))
            for claim in registration.phone_claims.select_related("connection", "resolved_by")
        ],
        "resolutions": list(
            registration.review_resolutions.select_related("created_by").order_by(
                "-created_at", "-pk"
            )
        ),
        "applied_resolution": (receipt.decision.inputs.get("review") or {}).get("id")
        if receipt
        else None,
        "staff_view": True,
        "ended": event.has_ended(),
    }
    return render(request, "attendance/staff/registrant.html", context)


@permission_required(MANAGE_EVENTS)
def registrant(request: HttpRequest, slug: str, registration_id: int) -> HttpResponse:
    event = event_for(slug)
    registration = get_object_or_404(Registration, pk=registration_id, event=event)
    return render_registrant(request, event, registration)


@permission_required(MANAGE_EVENTS)
def export_csv(request: HttpRequest, slug: str) -> HttpResponse:
    event = event_for(slug)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{event.slug}-attendance.csv"'
    # A byte-order mark makes Excel read the file as UTF-8 (names such as Núñez).
    response.write("\ufeff")
    write_attendance_csv(event, response)
    return response
