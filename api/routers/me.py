"""The caller's own profile, licenses, registrations and attendance receipts."""

from __future__ import annotations

import zoneinfo
from decimal import Decimal
from typing import Any

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Query, Router, Status

from accounts.forms import ProfileForm
from accounts.models import User
from accounts.services import update_profile
from api.auth import AUTH, caller
from api.codes import LICENSE_TYPE_UNKNOWN, NOT_REGISTERED, ApiCode
from api.errors import FormInvalid, errors
from api.pagination import DEFAULT_LIMIT, MAX_LIMIT, Page, paginate
from api.schemas.licenses import LicenseIn, LicenseOut, license_out
from api.schemas.me import (
    DialInClaimIn,
    DialInClaimOut,
    MissedOut,
    ProfileIn,
    ProfileOut,
    ReceiptConnectionOut,
    ReceiptOut,
    RegisterIn,
    RegistrationOut,
    registration_out,
)
from attendance.claim_text import claim_message
from attendance.models import Connection
from attendance.receipt import current_decision, reason_sentence, review_text
from attendance.services.claims import claim_phone
from events.models import Event, Registration
from events.services import cancel_registration, register_attendee
from licensing.forms import LicenseForm
from licensing.models import LicenseType, UserLicense
from licensing.requirements import category_code_map
from licensing.services import add_license, remove_license, update_license

router = Router(tags=["Me"], auth=AUTH)


def profile_out(user: User) -> ProfileOut:
    return ProfileOut(
        email=user.email,
        legal_first_name=user.legal_first_name,
        legal_last_name=user.legal_last_name,
        time_zone=user.time_zone,
        phone=user.phone,
        is_clinical_staff=user.is_clinical_staff,
    )


@router.get("/", response=errors(s200=ProfileOut))
def profile(request: HttpRequest) -> ProfileOut:
    return profile_out(caller(request))


@router.patch("/profile", response=errors(s200=ProfileOut))
def update_profile_view(request: HttpRequest, payload: ProfileIn) -> ProfileOut:
    """Change the legal name, time zone or phone; fields left out keep their values."""
    user = caller(request)
    # The profile page's form checks the whole profile, so start from the current values.
    data = {field: getattr(user, field) for field in ProfileForm.base_fields}
    data.update(payload.model_dump(exclude_unset=True))
    form = ProfileForm(data)
    if not form.is_valid():
        raise FormInvalid(form, "The profile is not valid.")
    update_profile(user, actor=user, **form.cleaned_data)
    return profile_out(user)


# --- licenses ------------------------------------------------------------------------------


def _own_license(request: HttpRequest, pk: int) -> UserLicense:
    # Someone else's license is "not found", as on the web page.
    return get_object_or_404(
        UserLicense.objects.select_related("license_type__board"), pk=pk, user=caller(request)
    )


def _checked_license(payload: LicenseIn) -> dict[str, Any]:
    """The values the license form accepts (the same checks as the web page)."""
    kind = LicenseType.objects.filter(
        state=payload.state.upper(), code__iexact=payload.license_type
    ).first()
    form = LicenseForm(
        {
            "state": payload.state.upper(),
            "license_type": kind.pk if kind else "",
            "number": payload.number,
            "expires_on": payload.expires_on.isoformat() if payload.expires_on else "",
            "issued_on": payload.issued_on.isoformat() if payload.issued_on else "",
            "conditions": payload.conditions,
            "carry_in_hours": "" if payload.carry_in_hours is None else payload.carry_in_hours,
        }
    )
    if kind is None:
        raise LICENSE_TYPE_UNKNOWN.error(
            field="license_type", code=payload.license_type, state=payload.state.upper()
        )
    if not form.is_valid():
        raise FormInvalid(form, "The license is not valid.")
    return {
        "license_type": form.cleaned_data["license_type"],
        "number": form.cleaned_data["number"],
        "expires_on": form.cleaned_data["expires_on"],
        "issued_on": form.cleaned_data["issued_on"],
        "conditions": form.cleaned_data["conditions"],
        "carry_in_hours": form.cleaned_data["carry_in_hours"] or Decimal(0),
    }


@router.get("/licenses", response=errors(s200=list[LicenseOut]), tags=["Licenses"])
def list_licenses(request: HttpRequest) -> list[LicenseOut]:
    licenses = UserLicense.objects.filter(user=caller(request)).select_related(
        "license_type__board"
    )
    codes = category_code_map()
    return [license_out(lic, category_codes=codes) for lic in licenses.order_by("pk")]


@router.post("/licenses", response=errors(s201=LicenseOut), tags=["Licenses"])
def create_license(request: HttpRequest, payload: LicenseIn) -> Status:
    license = add_license(caller(request), **_checked_license(payload))
    return Status(201, license_out(license))


@router.get("/licenses/{license_id}", response=errors(s200=LicenseOut), tags=["Licenses"])
def get_license(request: HttpRequest, license_id: int) -> LicenseOut:
    return license_out(_own_license(request, license_id))


@router.put("/licenses/{license_id}", response=errors(s200=LicenseOut), tags=["Licenses"])
def update_license_view(request: HttpRequest, license_id: int, payload: LicenseIn) -> LicenseOut:
    license = _own_license(request, license_id)
    return license_out(update_license(license, **_checked_license(payload)))


@router.delete("/licenses/{license_id}", response=errors(s204=None), tags=["Licenses"])
def delete_license(request: HttpRequest, license_id: int) -> Status:
    remove_license(_own_license(request, license_id))
    return Status(204, None)


# --- registrations and receipts ------------------------------------------------------------


def _own_registration(request: HttpRequest, pk: int) -> Registration:
    return get_object_or_404(
        Registration.objects.select_related("event"), pk=pk, user=caller(request)
    )


@router.get("/registrations", response=errors(s200=Page[RegistrationOut]), tags=["Registrations"])
def list_registrations(
    request: HttpRequest,
    limit: int = Query(DEFAULT_LIMIT, ge=1, le=MAX_LIMIT),
    cursor: str | None = Query(None, max_length=200),
) -> dict[str, Any]:
    registrations = (
        Registration.objects.filter(user=caller(request))
        .select_related("event")
        .order_by("-event__start", "-pk")
    )
    page, next_cursor = paginate(registrations, limit, cursor)
    return {"items": [registration_out(r) for r in page], "next_cursor": next_cursor}


@router.post("/registrations", response=errors(s201=RegistrationOut), tags=["Registrations"])
def register(request: HttpRequest, payload: RegisterIn) -> Status:
    """Register for a published event (or join its waiting list when it is full)."""
    event = get_object_or_404(Event.objects.published(), slug=payload.event)
    registration = register_attendee(event, caller(request), join_waitlist=payload.join_waitlist)
    return Status(201, registration_out(registration))


@router.get(
    "/registrations/{registration_id}",
    response=errors(s200=RegistrationOut),
    tags=["Registrations"],
)
def get_registration(request: HttpRequest, registration_id: int) -> RegistrationOut:
    return registration_out(_own_registration(request, registration_id))


@router.post(
    "/registrations/{registration_id}/cancel",
    response=errors(s200=RegistrationOut),
    tags=["Registrations"],
)
def cancel(request: HttpRequest, registration_id: int) -> RegistrationOut:
    registration = _own_registration(request, registration_id)
    return registration_out(cancel_registration(registration, actor=caller(request)))


@router.get(
    "/registrations/{registration_id}/receipt",
    response=errors(s200=ReceiptOut),
    tags=["Registrations"],
)
def receipt(request: HttpRequest, registration_id: int) -> ReceiptOut:
    """The attendance receipt: why the attendee did or did not earn the credit."""
    registration = _own_registration(request, registration_id)
    event = registration.event
    decision = None
    if registration.status == Registration.REGISTERED and event.has_ended():
        decision = current_decision(registration)
    if decision is None or event.is_cancelled:
        raise ApiCode.RECEIPT_NOT_READY.error()
    counted = {c["id"] for c in decision.inputs.get("connections", [])}
    connections = Connection.objects.filter(registration=registration).order_by("join", "pk")
    return ReceiptOut(
        registration=registration.pk,
        event=event.slug,
        outcome=decision.outcome,
        attended_seconds=decision.attended_seconds,
        required_seconds=decision.required_seconds,
        tolerance_seconds=decision.tolerance_seconds,
        credited_hours=decision.credited_hours,
        reasons=list(decision.reasons),
        reason_texts=[reason_sentence(code) for code in decision.reasons],
        missed=[MissedOut(start=gap["start"], end=gap["end"]) for gap in decision.missed],
        connections=[
            ReceiptConnectionOut(
                join=c.join,
                leave=c.leave,
                counted=c.pk in counted,
                is_phone=c.is_phone,
                match_method=c.match_method,
            )
            for c in connections
        ],
        decision_version=decision.version,
        decided_at=decision.created_at,
        review=review_text(decision.inputs, zoneinfo.ZoneInfo(caller(request).time_zone)) or None,
    )


@router.post(
    "/registrations/{registration_id}/dial-in-claim",
    response=errors(s200=DialInClaimOut),
    tags=["Registrations"],
)
def dial_in_claim(
    request: HttpRequest, registration_id: int, payload: DialInClaimIn
) -> DialInClaimOut:
    """Say which call was yours by the last 4 digits of the phone you dialled in from.

    The call is matched at once only when the digits end your profile's phone number as saved
    before the event started and exactly one unmatched call ends in them; otherwise the claim
    waits for staff (`queued`). The digits of the event's own dial-in numbers are refused (422
    `event_dial_in_number`), and after 5 claims in 24 hours for one event further claims are
    refused (429 `claim_limit_reached`, with Retry-After)."""
    registration = _own_registration(request, registration_id)
    if registration.status != Registration.REGISTERED:
        # The receipt page refuses anyone not (or no longer) registered in the same way.
        raise NOT_REGISTERED.error("Only a registered attendee can claim a call.")
    user = caller(request)
    claim = claim_phone(registration, payload.last4, actor=user)
    connection = claim.connection
    return DialInClaimOut(
        result=claim.result,
        queued=not claim.resolved,
        last4=claim.last4,
        message=claim_message(claim, zoneinfo.ZoneInfo(user.time_zone)),
        connection_join=connection.join if connection else None,
        connection_leave=connection.leave if connection else None,
    )
