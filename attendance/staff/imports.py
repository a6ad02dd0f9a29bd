"""Importing attendance from the staff page: upload → preview → confirm (or discard).

The upload is checked in full before anything is kept: a file the parsers refuse is shown as a
plain error next to the file field and nothing is stored. A good one is staged with its preview
until its uploader confirms, which runs the one import service.
"""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from attendance.forms import ImportForm
from attendance.models import AttendanceImport
from attendance.parsing.types import ReportError
from attendance.services.importing import (
    ImportSummary,
    import_attendance,
    preview_import,
)
from attendance.services.withdrawing import withdraw_import
from attendance.staff.staging import StagedUploadGone, stage, staged, staged_files, summary_of
from attendance.staff.views import MANAGE_EVENTS, back_to_page, event_for, render_page
from attendance.tasks import collect_now
from core.errors import DomainError
from core.permissions import permission_required
from meetings.providers import provider_for

GONE = (
    "That upload has expired, or was already imported or discarded. Nothing changed: upload "
    "the files again to import them."
)


def _imported_message(summary: ImportSummary, source: str) -> str:
    if summary.already_imported:
        return f"Nothing changed: everything in {source} was already imported."
    return (
        f"Imported {summary.new_rows} new connection row{'' if summary.new_rows == 1 else 's'} "
        f"from {source}: {summary.people} people, {summary.matched_people} matched to "
        f"registrants, {summary.unplaced_rows} row{'' if summary.unplaced_rows == 1 else 's'} "
        "unplaced. Every registrant's attendance was decided again."
    )


@require_POST
@permission_required(MANAGE_EVENTS)
def upload(request: HttpRequest, slug: str) -> HttpResponse:
    event = event_for(slug)
    form = ImportForm(request.POST, request.FILES, event=event)
    if form.is_valid():
        files = form.file_contents()
        zone = form.cleaned_data["time_zone"]
        try:
            summary = preview_import(event, files, time_zone=zone)
        except (ReportError, DomainError) as exc:
            form.add_error("files", str(exc))
        else:
            staged_upload = stage(event, request.user, files, time_zone=zone, summary=summary)
            return redirect("attendance:staff_preview", event.slug, staged_upload.token)
    messages.error(request, "Nothing was imported: see the problem next to the file field.")
    return render_page(request, event, import_form=form)


@permission_required(MANAGE_EVENTS)
def preview(request: HttpRequest, slug: str, token: str) -> HttpResponse:
    event = event_for(slug)
    try:
        staged_upload = staged(event, token, request.user)
    except StagedUploadGone:
        messages.error(request, GONE)
        return back_to_page(event)
    files = list(staged_upload.files.order_by("position").values_list("name", flat=True))
    context = {
        "event": event,
        "upload": staged_upload,
        "summary": summary_of(staged_upload),
        "files": files,
    }
    return render(request, "attendance/staff/preview.html", context)


@require_POST
@permission_required(MANAGE_EVENTS)
def confirm(request: HttpRequest, slug: str, token: str) -> HttpResponse:
    event = event_for(slug)
    try:
        staged_upload = staged(event, token, request.user)
    except StagedUploadGone:
        messages.error(request, GONE)
        return back_to_page(event)
    files = staged_files(staged_upload)
    try:
        summary = import_attendance(
            event, files, time_zone=staged_upload.time_zone, actor=request.user
        )
    except (ReportError, DomainError) as exc:
        messages.error(request, f"Nothing was imported: {exc}")
        return redirect("attendance:staff_preview", event.slug, token)
    # Importing the same files again changes nothing, so a failure here loses nothing.
    staged_upload.delete()
    names = ", ".join(name for name, _ in files)
    messages.success(request, _imported_message(summary, names))
    return back_to_page(event)


@require_POST
@permission_required(MANAGE_EVENTS)
def discard(request: HttpRequest, slug: str, token: str) -> HttpResponse:
    event = event_for(slug)
    try:
        staged(event, token, request.user).delete()
    except StagedUploadGone:
        messages.error(request, GONE)
    else:
        messages.success(request, "Discarded: nothing was imported.")
    return back_to_page(event)


@require_POST
@permission_required(MANAGE_EVENTS)
def collect(request: HttpRequest, slug: str) -> HttpResponse:
    """Ask the event's meeting provider for its attendance now and import it."""
    event = event_for(slug)
    if provider_for(event) is None:
        raise Http404("This event has no meeting provider to collect attendance from.")
    collection = collect_now(event, actor=request.user)
    if collection.summary is not None:
        messages.success(request, _imported_message(collection.summary, collection.source))
    else:
        messages.error(request, f"Nothing was imported. {_sentence(collection.outcome)}")
    return back_to_page(event)


def _sentence(outcome: str) -> str:
    text = outcome.removeprefix("skipped: ")
    text = text[:1].upper() + text[1:]
    return text if text.endswith(".") else f"{text}."


@require_POST
@permission_required(MANAGE_EVENTS)
def withdraw(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    event = event_for(slug)
    record = AttendanceImport.objects.filter(event=event, pk=pk).first()
    if record is None:
        raise Http404
    try:
        withdraw_import(record, actor=request.user, reason=request.POST.get("reason", ""))
    except DomainError as refusal:
        messages.error(request, refusal.message)
    else:
        messages.success(
            request,
            "The import was withdrawn: its rows no longer count, and every decision was taken "
            "again from the imports that remain.",
        )
    return back_to_page(event)
