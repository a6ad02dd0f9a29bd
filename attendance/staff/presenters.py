"""The hosts and presenters of an event on the staff attendance page, and staff's choice to
credit the ones who also registered (attendance/roles.py)."""

from __future__ import annotations

from django.contrib import messages
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.views.decorators.http import require_POST

from attendance.services.deciding import decide_event
from attendance.staff.views import MANAGE_EVENTS, back_to_page, event_for
from core import audit
from core.permissions import permission_required
from events.models import Event


@require_POST
@permission_required(MANAGE_EVENTS)
def credit_presenters(request: HttpRequest, slug: str) -> HttpResponse:
    event = event_for(slug)
    credit = request.POST.get("credit") == "yes"
    with transaction.atomic():
        Event.objects.filter(pk=event.pk).update(credit_registered_presenters=credit)
        event.refresh_from_db()
        audit.record(request.user, "attendance.presenters_credit_changed", event, credit=credit)
        decide_event(event)
    messages.success(
        request,
        "Presenters and hosts who registered are now credited for the time they attended."
        if credit
        else "Presenters and hosts are no longer credited; promoted attendees still are.",
    )
    return back_to_page(event)
