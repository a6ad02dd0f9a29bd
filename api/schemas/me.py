"""The attendee's own records as the API shows them."""

from __future__ import annotations

from typing import Any

from ninja import Field, Schema

from accounts.names import LEGAL_NAME_PART_MAX
from api.schemas.common import Hours, Timestamp
from events.models import Registration


class ProfileOut(Schema):
    email: str
    legal_first_name: str
    legal_last_name: str
    time_zone: str
    phone: str
    is_clinical_staff: bool


class ProfileIn(Schema):
    """A partial profile: only the fields sent change (checked as on the profile page)."""

    legal_first_name: str = Field(None, max_length=LEGAL_NAME_PART_MAX)
    legal_last_name: str = Field(None, max_length=LEGAL_NAME_PART_MAX)
    time_zone: str = Field(None, max_length=64, description="An IANA zone, e.g. America/Chicago")
    phone: str = Field(None, max_length=32, description="Empty to remove it")


class RegistrationOut(Schema):
    id: int
    event: str = Field(..., description="The event's slug")
    event_title: str
    event_start: Timestamp
    event_end: Timestamp
    name: str
    email: str
    status: str
    registered_at: Timestamp
    cancelled_at: Timestamp | None
    join_url: str


def registration_out(registration: Registration) -> RegistrationOut:
    event = registration.event
    return RegistrationOut(
        id=registration.pk,
        event=event.slug,
        event_title=event.title,
        event_start=event.start,
        event_end=event.end,
        name=registration.name,
        email=registration.email,
        status=registration.status,
        registered_at=registration.registered_at,
        cancelled_at=registration.cancelled_at,
        join_url=registration.join_link if registration.is_active else "",
    )


class RegisterIn(Schema):
    event: str = Field(..., max_length=120, description="The event's slug")
    join_waitlist: bool = False


class MissedOut(Schema):
    start: Timestamp
    end: Timestamp


class ReceiptConnectionOut(Schema):
    join: Timestamp
    leave: Timestamp
    counted: bool
    is_phone: bool
    match_method: str


class ReceiptOut(Schema):
    registration: int
    event: str
    outcome: str
    attended_seconds: float
    required_seconds: float
    tolerance_seconds: float
    credited_hours: Hours
    reasons: list[str]
    reason_texts: list[str]
    missed: list[MissedOut]
    connections: list[ReceiptConnectionOut]
    decision_version: int
    decided_at: Timestamp
    review: str | None = Field(None, description="How staff closed a review, in words")


class EvaluationOut(Schema):
    id: int
    event: str
    event_title: str
    status: str = Field(..., description="incomplete, complete, closed or withdrawn")
    issued_at: Timestamp
    deadline: Timestamp
    submitted_at: Timestamp | None
    questions: list[dict[str, Any]]


class EvaluationSubmitIn(Schema):
    answers: dict[str, Any] = Field(
        ..., description="Question key to answer: a rating 1–5, a choice, choices or text"
    )
    attested: bool = Field(
        ..., description="I attended the entire event and completed this evaluation myself"
    )
    license_id: int | None = Field(None, description="One of your licenses to apply credit to")
    category: str | None = Field(None, max_length=60, description="A CE category of the event")


class CertificateOut(Schema):
    number: str
    version: int
    status: str
    event: str
    event_title: str
    holder_name: str
    ce_hours: str
    issued_at: Timestamp
    revoked_at: Timestamp | None
    verification_url: str
    pdf_url: str


class DialInClaimIn(Schema):
    last4: str = Field(..., max_length=20, description="The last 4 digits of the phone you used")


class DialInClaimOut(Schema):
    result: str = Field(
        ...,
        description="matched; or, waiting for staff: ambiguous (several calls end in the "
        "digits), not_found (no call yet), not_profile_phone (the digits are not those of your "
        "profile's phone) or phone_changed (your profile's phone changed after the start)",
    )
    queued: bool = Field(..., description="The claim waits for staff to place or decline it")
    last4: str
    message: str = Field(..., description="What the receipt page says about this claim")
    connection_join: Timestamp | None = Field(None, description="The matched call, if any")
    connection_leave: Timestamp | None = None
