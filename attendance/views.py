"""The attendee's side of attendance: their receipt after the event, and the dial-in claim.

A receipt is personal: only the registrant sees it (staff read it from the staff pages).
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from attendance.claim_text import claim_message, claim_status
from attendance.forms import DialInForm
from attendance.models import PhoneClaim
from attendance.receipt import receipt_for
from attendance.services.claims import claim_phone
from core.errors import DomainError
from core.next_steps import links_for
from credit.timing import EVALUATION_WITHIN
from events.models import Event, Registration

# The design's promise to eligible attendees (rule 7).


def _event(slug: str) -> Event:
    # Drafts do not exist for attendees, as on the Main Hall.
    return get_object_or_404(Event.objects.exclude(status=Event.DRAFT), slug=slug)


def _registration(request: HttpRequest, event: Event) -> Registration | None:
    registration = Registration.objects.filter(event=event, user=request.user).first()
    if registration is None or registration.status != Registration.REGISTERED:
        return None
    return registration


def _refused(request: HttpRequest, event: Event) -> HttpResponse:
    return render(request, "attendance/receipt_refused.html", {"event": event}, status=403)


def _render(
    request: HttpRequest, event: Event, registration: Registration, form: DialInForm
) -> HttpResponse:
    ended = event.has_ended()
    receipt = (
        receipt_for(registration, timezone.get_current_timezone())
        if ended and not event.is_cancelled
        else None
    )
    context = {
        "event": event,
        "registration": registration,
        "ended": ended,
        "receipt": receipt,
        "dial_in_form": form,
        "claims": [
            (claim, claim_status(claim))
            for claim in registration.phone_claims.select_related("connection")
        ],
        "evaluation_by": event.end + EVALUATION_WITHIN,
        # The certificate is linked from here without this app knowing of certificates.
        "record_links": links_for(request.user, [event.pk]).get(event.pk, []),
    }
    return render(request, "attendance/receipt.html", context)


@login_required
def receipt(request: HttpRequest, slug: str) -> HttpResponse:
    event = _event(slug)
    registration = _registration(request, event)
    if registration is None:
        return _refused(request, event)
    return _render(request, event, registration, DialInForm())


@require_POST
@login_required
def claim(request: HttpRequest, slug: str) -> HttpResponse:
    event = _event(slug)
    registration = _registration(request, event)
    if registration is None:
        return _refused(request, event)
    form = DialInForm(request.POST)
    if form.is_valid():
        try:
            result = claim_phone(registration, form.cleaned_data["last4"], actor=request.user)
        except DomainError as exc:
            if exc.field != "last4":
                # Not about the digits (e.g. the event is still on): the page may not show the
                # form at all, so say it at the top.
                messages.error(request, exc.message)
                return redirect("attendance:receipt", event.slug)
            form.add_error("last4", exc.message)
        else:
            text = claim_message(result, timezone.get_current_timezone())
            if result.result == PhoneClaim.MATCHED:
                messages.success(request, text)
            else:
                messages.info(request, text)
            return redirect("attendance:receipt", event.slug)
    return _render(request, event, registration, form)
