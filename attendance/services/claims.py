"""Dial-in claims: an attendee naming the last 4 digits of the phone they called from.

Four digits are evidence, not proof: anyone can type them, and the event's own dial-in number
is printed for everyone. A claim places a call by itself only when the digits end the phone
number on the attendee's profile, saved before the event started, and exactly one unplaced
call ends in them. Every other claim waits for staff, who place the call or decline the claim
with a reason. Claims are limited per person and event, and the digits of the numbers printed
in the event's dial-in instructions are refused.
"""

from __future__ import annotations

import datetime as dt
import math
import re

from django.db import transaction
from django.utils import timezone

from accounts.models import User
from attendance.errors import NOT_REGISTERED, AttendanceCode
from attendance.models import Connection, PhoneClaim
from attendance.services.deciding import credited_window, decide_event
from attendance.services.placing import place, require_reason
from core import audit
from core.errors import DomainError
from events.models import Event, Registration

CLAIMS_PER_DAY = 5
CLAIM_PERIOD = dt.timedelta(hours=24)
# A run of digits with the separators people print in phone numbers, on one line.
NUMBER_RUN = re.compile(r"\+?\d[\d \t().\-]*\d")
MIN_NUMBER_DIGITS = 7


class ClaimLimitReached(DomainError):
    """Too many claims for one registration; `retry_after` is in seconds."""

    def __init__(self, retry_after: int) -> None:
        refusal = AttendanceCode.CLAIM_LIMIT_REACHED
        text = refusal.message.format(limit=CLAIMS_PER_DAY, wait=_wait_text(retry_after))
        super().__init__(refusal, text)
        self.retry_after = retry_after


def _wait_text(seconds: int) -> str:
    if seconds >= 3600:
        hours = math.ceil(seconds / 3600)
        return f"{hours} hour{'s' if hours != 1 else ''}"
    minutes = max(1, math.ceil(seconds / 60))
    return f"{minutes} minute{'s' if minutes != 1 else ''}"


def printed_numbers(text: str) -> list[str]:
    """The digits of every phone-number-like run in `text` (webinar IDs included: they are
    printed for everyone too)."""
    numbers = []
    for line in text.splitlines():
        for run in NUMBER_RUN.findall(line):
            digits = "".join(ch for ch in run if ch.isdigit())
            if len(digits) >= MIN_NUMBER_DIGITS:
                numbers.append(digits)
    return numbers


def event_number_endings(event: Event) -> set[str]:
    """The last 4 digits of the numbers the event gives every attendee: its dial-in
    instructions (printed in the Main Hall) and any dial-in numbers its provider returned."""
    numbers = printed_numbers(event.dial_in_instructions or "")
    for entry in (event.provider_data or {}).get("global_dial_in_numbers", []):
        if isinstance(entry, dict):
            numbers.extend(printed_numbers(str(entry.get("number", ""))))
    return {number[-4:] for number in numbers}


def _digits(phone: str) -> str:
    return "".join(ch for ch in phone if ch.isdigit())


def profile_doubt(user: User | None, event: Event, last4: str) -> str | None:
    """Why the digits are not, by themselves, the attendee's own phone (a claim result), or
    None when they end the profile phone as it was saved before the event started."""
    digits = _digits(user.phone) if user is not None else ""
    if user is None or len(digits) < 4 or digits[-4:] != last4:
        return PhoneClaim.NOT_PROFILE_PHONE
    window, _, _ = credited_window(event)
    started = min(event.start, window.start)
    if user.phone_changed_at is None or user.phone_changed_at >= started:
        return PhoneClaim.PHONE_CHANGED
    return None


def _calls(event: Event, last4: str) -> list[Connection]:
    """Unplaced attendee calls ending in `last4`, locked until the transaction ends."""
    return [
        c
        for c in Connection.objects.unplaced()
        .select_for_update()
        .filter(event=event, is_phone=True)
        if c.phone_last4 == last4
    ]


def _assess(
    registration: Registration, last4: str, actor: User | None
) -> tuple[str, Connection | None]:
    """The claim's result now; the call is placed when the claim alone is enough."""
    calls = _calls(registration.event, last4)
    if len(calls) > 1:
        return PhoneClaim.AMBIGUOUS, None
    if not calls:
        return PhoneClaim.NOT_FOUND, None
    doubt = profile_doubt(registration.user, registration.event, last4)
    if doubt is not None:
        return doubt, None
    call = calls[0]
    place(
        call,
        registration,
        method=Connection.PHONE_SELF,
        note=f"The attendee identified the call by the digits {last4}, those of the phone on "
        "their profile before the event.",
        actor=actor,
    )
    return PhoneClaim.MATCHED, call


def _check_limit(registration: Registration) -> None:
    now = timezone.now()
    recent = list(
        PhoneClaim.objects.filter(registration=registration, created_at__gt=now - CLAIM_PERIOD)
        .order_by("-created_at")
        .values_list("created_at", flat=True)[:CLAIMS_PER_DAY]
    )
    if len(recent) >= CLAIMS_PER_DAY:
        frees_at = recent[-1] + CLAIM_PERIOD
        raise ClaimLimitReached(max(1, math.ceil((frees_at - now).total_seconds())))


@transaction.atomic
def claim_phone(registration: Registration, last4: str, *, actor: User) -> PhoneClaim:
    """The attendee gives the last 4 digits of the phone they called from."""
    last4 = last4.strip()
    if len(last4) != 4 or not last4.isdigit():
        raise AttendanceCode.LAST4_INVALID.error(field="last4")
    # One claim at a time per registration, so the limit holds under concurrent requests.
    registration = (
        Registration.objects.select_for_update(of=("self",))
        .select_related("event")
        .get(pk=registration.pk)
    )
    event = registration.event
    if not event.has_ended():
        raise AttendanceCode.EVENT_NOT_OVER.error()
    _check_limit(registration)
    if last4 in event_number_endings(event):
        raise AttendanceCode.EVENT_DIAL_IN_NUMBER.error(field="last4", last4=last4)
    result, call = _assess(registration, last4, actor)
    claim = PhoneClaim.objects.create(
        registration=registration,
        last4=last4,
        result=result,
        connection=call,
        resolved=call is not None,
        resolved_at=timezone.now() if call is not None else None,
    )
    audit.record(actor, "attendance.phone_claimed", registration, last4=last4, result=result)
    decide_event(event)
    return claim


def retry_phone_claims(event: Event) -> int:
    """Assess again the claims still waiting (after an import; call inside a transaction)."""
    matched = 0
    for claim in PhoneClaim.objects.filter(
        registration__event=event, resolved=False
    ).select_related("registration__event", "registration__user"):
        result, call = _assess(claim.registration, claim.last4, None)
        if result == claim.result and call is None:
            continue
        claim.result, claim.connection = result, call
        if call is not None:
            claim.resolved, claim.resolved_at = True, timezone.now()
            matched += 1
            audit.record(
                None,
                "attendance.phone_claim_matched",
                call,
                registration=claim.registration_id,
                last4=claim.last4,
            )
        claim.save(update_fields=["result", "connection", "resolved", "resolved_at"])
    return matched


def _open_claim(claim: PhoneClaim) -> PhoneClaim:
    claim = (
        PhoneClaim.objects.select_for_update(of=("self",))
        .select_related("registration__event")
        .get(pk=claim.pk)
    )
    if claim.resolved:
        raise AttendanceCode.CLAIM_CLOSED.error()
    return claim


def resolve_pending_claims(registration: Registration, call: Connection, actor: User) -> None:
    """A call placed on the registrant answers the dial-in claims they were waiting on."""
    PhoneClaim.objects.filter(registration=registration, resolved=False).update(
        resolved=True, connection=call, resolved_by=actor, resolved_at=timezone.now()
    )


@transaction.atomic
def place_claim(claim: PhoneClaim, call: Connection, *, actor: User, reason: str) -> PhoneClaim:
    """Staff place the call the claim is about, having checked it is the attendee's."""
    reason = require_reason(reason)
    claim = _open_claim(claim)
    registration = claim.registration
    call = Connection.objects.select_for_update().get(pk=call.pk)
    if call.event_id != registration.event_id:
        raise AttendanceCode.WRONG_EVENT.error()
    if not call.is_phone or call.role != "attendee":
        raise AttendanceCode.NOT_A_CALL.error()
    if call.registration_id is not None:
        raise AttendanceCode.ALREADY_PLACED.error(name=call.registration.name)
    if call.is_set_aside:
        raise AttendanceCode.IS_SET_ASIDE.error()
    if registration.status != Registration.REGISTERED:
        raise NOT_REGISTERED.error()
    place(call, registration, method=Connection.STAFF, note=reason, actor=actor)
    resolve_pending_claims(registration, call, actor)
    audit.record(
        actor,
        "attendance.phone_claim_placed",
        call,
        reason=reason,
        registration=registration.pk,
        person=registration.name,
        claim=claim.pk,
        last4=claim.last4,
    )
    decide_event(registration.event)
    claim.refresh_from_db()
    return claim


@transaction.atomic
def decline_claim(claim: PhoneClaim, *, actor: User, reason: str) -> PhoneClaim:
    """Staff decline a claim no call can be matched to; the attendee reads the reason."""
    reason = require_reason(reason)
    claim = _open_claim(claim)
    claim.resolved = True
    claim.declined_reason = reason
    claim.resolved_by = actor
    claim.resolved_at = timezone.now()
    claim.save(update_fields=["resolved", "declined_reason", "resolved_by", "resolved_at"])
    audit.record(
        actor,
        "attendance.phone_claim_declined",
        claim.registration,
        reason=reason,
        claim=claim.pk,
        last4=claim.last4,
    )
    decide_event(claim.registration.event)
    return claim
