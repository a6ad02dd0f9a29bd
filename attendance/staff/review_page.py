"""What the staff attendance page shows to close reviews: each registrant under review with the
flags in words and the ways out, and each dial-in claim waiting for staff with its evidence."""

from __future__ import annotations

from dataclasses import dataclass

from django import forms

from attendance.models import Connection, PhoneClaim
from attendance.services.claims import profile_doubt
from attendance.services.deciding import POSSIBLE_SHARED, UNMATCHED_DIAL_IN
from attendance.services.reviewing import raised_flags, resolutions_for
from attendance.staff.overview import RegistrantRow
from attendance.staff.review_forms import (
    DeclineClaimForm,
    PlaceClaimForm,
    ReassignForm,
    ResolveReviewForm,
)
from core.templatetags.fc import when
from events.models import Event

FLAG_TEXTS = {
    POSSIBLE_SHARED: (
        "Their connections look shared: another name at the same time, or another "
        "registrant's name. Confirm they attended alone, reassign the connection that is not "
        "theirs, or mark them not eligible."
    ),
    UNMATCHED_DIAL_IN: (
        "They claimed a dial-in that is not matched yet: place the call or decline the claim "
        "(under “Dial-in claims waiting for staff”), or mark them not eligible."
    ),
}


def flag_text(code: str) -> str:
    return FLAG_TEXTS.get(code, f"Flagged for review ({code.replace('_', ' ')}).")


@dataclass
class ReviewItem:
    row: RegistrantRow
    flags: list[str]
    form: ResolveReviewForm
    reassign_form: ReassignForm | None


@dataclass
class ClaimItem:
    claim: PhoneClaim
    evidence: str
    place_form: PlaceClaimForm | None
    decline_form: DeclineClaimForm


def review_items(rows: list[RegistrantRow], bound: dict[str, forms.Form]) -> list[ReviewItem]:
    items = []
    for row in rows:
        decision = row.decision
        if decision is None or not (kinds := resolutions_for(decision)):
            continue
        registration = row.registration
        reassign = None
        if POSSIBLE_SHARED in raised_flags(decision):
            reassign = bound.get(f"reassign-{registration.pk}") or ReassignForm(
                registration=registration
            )
        items.append(
            ReviewItem(
                row=row,
                flags=[flag_text(code) for code in raised_flags(decision)],
                form=bound.get(f"review-{registration.pk}")
                or ResolveReviewForm(decision=decision, kinds=kinds),
                reassign_form=reassign,
            )
        )
    return items


def _evidence(claim: PhoneClaim, event: Event) -> str:
    """The claim's digits against the attendee's profile phone, for staff to weigh."""
    user = claim.registration.user
    doubt = profile_doubt(user, event, claim.last4)
    if doubt is None:
        return "The digits end the phone number on their profile, saved before the event."
    if doubt == PhoneClaim.PHONE_CHANGED and user is not None:
        saved = (
            when(user.phone_changed_at, "short") if user.phone_changed_at else "at a time not known"
        )
        return (
            f"The digits end the phone number on their profile, but it was saved {saved}, "
            "after the event started."
        )
    digits = "".join(ch for ch in (user.phone if user else "") if ch.isdigit())
    if len(digits) >= 4:
        return f"Their profile phone ends in {digits[-4:]}, not in these digits."
    return "There is no phone number on their profile."


def claim_items(
    event: Event, claims: list[PhoneClaim], bound: dict[str, forms.Form]
) -> list[ClaimItem]:
    calls = list(
        Connection.objects.unplaced().filter(event=event, is_phone=True).order_by("join", "pk")
    )
    items = []
    for claim in claims:
        place = None
        if calls:
            place = bound.get(f"place-{claim.pk}") or PlaceClaimForm(claim=claim, calls=calls)
        items.append(
            ClaimItem(
                claim=claim,
                evidence=_evidence(claim, event),
                place_form=place,
                decline_form=bound.get(f"decline-{claim.pk}") or DeclineClaimForm(claim=claim),
            )
        )
    return items
