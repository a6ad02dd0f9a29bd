"""Staff pages reading evaluation results: one event's (with its CSV) and across events."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.views.decorators.http import require_GET

from core.permissions import permission_required
from evaluations.staff.export import submitted_evaluations, write_results_csv
from evaluations.staff.forms import ResultsRangeForm
from evaluations.staff.overview import overview
from evaluations.staff.results import event_results
from evaluations.staff.views import MANAGE_EVALUATIONS
from events.models import Event


@permission_required(MANAGE_EVALUATIONS)
@require_GET
def event_results_page(request: HttpRequest, slug: str) -> HttpResponse:
    event = get_object_or_404(Event, slug=slug)
    context = {"event": event, "results": event_results(event)}
    return render(request, "evaluations/staff/event_results.html", context)


@permission_required(MANAGE_EVALUATIONS)
@require_GET
def event_results_csv(request: HttpRequest, slug: str) -> HttpResponse:
    event = get_object_or_404(Event, slug=slug)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{event.slug}-evaluations.csv"'
    # A byte-order mark makes Excel read the file as UTF-8; other readers ignore it.
    response.write("\ufeff")
    write_results_csv(event, response, submitted_evaluations(event))
    return response


@permission_required(MANAGE_EVALUATIONS)
@require_GET
def results_overview(request: HttpRequest) -> HttpResponse:
    form = ResultsRangeForm(request.GET or None)
    start_from = start_to = None
    if form.is_bound and form.is_valid():
        start_from, start_to = form.cleaned_data["start_from"], form.cleaned_data["start_to"]
    context = {
        "form": form,
        "filtered": bool(start_from or start_to),
        "start_from": start_from,
        "start_to": start_to,
        # An invalid range shows its error and no results, rather than everything.
        "overview": None
        if form.is_bound and not form.is_valid()
        else overview(start_from, start_to, timezone.get_current_timezone()),
    }
    return render(request, "evaluations/staff/results_overview.html", context)
