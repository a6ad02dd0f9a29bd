"""What the staff attendance page posts to close reviews: resolve a review, reassign one of the
registrant's connections, and place or decline a dial-in claim. Each calls one service; a
refusal is shown on the form that caused it, with the page around it."""

from __future__ import annotations

from collections.abc import Callable

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.views.decorators.http import require_POST

from attendance.models import Connection, PhoneClaim, ReviewResolution
from attendance.services.claims import decline_claim, place_claim
from attendance.services.resolving import assign_connection, unassign_connection
from attendance.services.reviewing import (
    confirm_attended_alone,
    mark_not_eligible,
    resolutions_for,
)
from attendance.staff.review_forms import (
    DeclineClaimForm,
    PlaceClaimForm,
    ReassignForm,
    ResolveReviewForm,
)
from attendance.staff.views import (
    MANAGE_EVENTS,
    back_to_page,
    event_for,
    outcome_text,
    render_page,
)
from core.errors import DomainError
from core.permissions import permission_required
from events.models import Event, Registration

RESOLVE = {
    ReviewResolution.ATTENDED_ALONE: confirm_attended_alone,
    ReviewResolution.NOT_ELIGIBLE: mark_not_eligible,
}


def _submit(
    request: HttpRequest,
    event: Event,
    form: forms.Form,
    action: Callable[[], str],
    refused: str,
) -> HttpResponse:
    """Run `action` (which returns the success message) for a valid form; a refusal shows on
    the form, and a form with errors is shown again on the page."""
    if form.is_valid():
        try:
            success = action()
        except DomainError as exc:
            form.show_domain_error(exc)
        else:
            messages.success(request, success)
            return back_to_page(event)
    messages.error(request, f"{refused}: see the form below.")
    return render_page(request, event, bound_forms={form.prefix: form})


@require_POST
@permission_required(MANAGE_EVENTS)
def resolve_review(request: HttpRequest, slug: str, registration_id: int) -> HttpResponse:
    event = event_for(slug)
    registration = get_object_or_404(Registration, pk=registration_id, event=event)
    decision = registration.decisions.filter(is_current=True).first()
    if decision is None or not (kinds := resolutions_for(decision)):
        messages.error(request, f"{registration.name}'s attendance is not waiting for a review.")
        return back_to_page(event)
    form = ResolveReviewForm(request.POST, decision=decision, kinds=kinds)

    def resolve() -> str:
        RESOLVE[form.cleaned_data["resolution"]](
            registration,
            actor=request.user,
            reason=form.cleaned_data["reason"],
            version=form.cleaned_data["version"],
        )
        return (
            f"The review of {registration.name} is closed. Their outcome: "
            f"{outcome_text(registration)}."
        )

    return _submit(request, event, form, resolve, "The review was not resolved")


@require_POST
@permission_required(MANAGE_EVENTS)
def reassign(request: HttpRequest, slug: str, registration_id: int) -> HttpResponse:
    event = event_for(slug)
    registration = get_object_or_404(Registration, pk=registration_id, event=event)
    form = ReassignForm(request.POST, registration=registration)

    def move() -> str:
        connection: Connection = form.cleaned_data["connection"]
        target: Registration | None = form.cleaned_data["to"]
        reason = form.cleaned_data["reason"]
        if target is None:
            unassign_connection(connection, actor=request.user, reason=reason)
        else:
            assign_connection(connection, target, actor=request.user, reason=reason)
        where = f"is now {target.name}'s" if target else "is back in the unplaced queue"
        return (
            f"The connection {where}. {registration.name}'s outcome: {outcome_text(registration)}."
        )

    return _submit(request, event, form, move, "The connection was not reassigned")


def _claim(event: Event, pk: int) -> PhoneClaim:
    return get_object_or_404(
        PhoneClaim.objects.select_related("registration__event", "registration__user"),
        pk=pk,
        registration__event=event,
    )


def _unplaced_calls(event: Event) -> list[Connection]:
    return list(Connection.objects.unplaced().filter(event=event, is_phone=True))


@require_POST
@permission_required(MANAGE_EVENTS)
def place(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    event = event_for(slug)
    claim = _claim(event, pk)
    form = PlaceClaimForm(request.POST, claim=claim, calls=_unplaced_calls(event))

    def place_call() -> str:
        place_claim(
            claim, form.cleaned_data["call"], actor=request.user, reason=form.cleaned_data["reason"]
        )
        registration = claim.registration
        return (
            f"The call is now {registration.name}'s. Their outcome: {outcome_text(registration)}."
        )

    return _submit(request, event, form, place_call, "The call was not placed")


@require_POST
@permission_required(MANAGE_EVENTS)
def decline(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    event = event_for(slug)
    claim = _claim(event, pk)
    form = DeclineClaimForm(request.POST, claim=claim)

    def decline_call() -> str:
        decline_claim(claim, actor=request.user, reason=form.cleaned_data["reason"])
        registration = claim.registration
        return (
            f"{registration.name}'s claim of a call ending in {claim.last4} is declined; "
            f"they read your reason on their receipt. Their outcome: "
            f"{outcome_text(registration)}."
        )

    return _submit(request, event, form, decline_call, "The claim was not declined")
