"""Public endpoints: the events catalog, one event, and certificate verification.

No token is needed; each is limited per client IP. A token (or the site session) may still be
sent to the catalog, where it lets `mine` narrow the list to the caller's licenses.
"""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Path, Query, Router, Schema
from ninja.errors import AuthenticationError

from accounts.models import User
from api import ratelimit
from api.codes import ApiCode
from api.errors import FormInvalid, errors
from api.pagination import DEFAULT_LIMIT, MAX_LIMIT, Page, paginate
from api.schemas.events import EventFilters, EventOut, event_out, with_details
from api.tokens import find_token
from certificates.models import Certificate
from certificates.verification import public_record
from events.catalog import CatalogFilters, filter_events
from events.models import Event
from licensing.models import UserLicense

router = Router(tags=["Public"])


def _optional_user(request: HttpRequest) -> User | None:
    if "HTTP_AUTHORIZATION" in request.META:
        scheme, _, secret = request.META["HTTP_AUTHORIZATION"].partition(" ")
        token = find_token(secret.strip()) if scheme.lower() == "bearer" else None
        if token is None:
            raise AuthenticationError()
        return token.user
    return request.user if request.user.is_authenticated else None


@router.get("/events", response=errors(s200=Page[EventOut]), auth=None)
def list_events(
    request: HttpRequest,
    filters: Query[EventFilters],
    limit: int = Query(DEFAULT_LIMIT, ge=1, le=MAX_LIMIT),
    cursor: str | None = Query(None, max_length=200),
) -> dict[str, Any]:
    """Published events that have not ended, soonest first, with the catalog's filters."""
    ratelimit.limit_client(request)
    user = _optional_user(request)
    data = {k: v for k, v in filters.model_dump().items() if v not in (None, False, "", [])}
    licenses = (
        list(UserLicense.objects.filter(user=user).select_related("license_type"))
        if user is not None
        else []
    )
    if "license" in data and not licenses:
        raise ApiCode.LICENSE_FILTER_NEEDS_LOGIN.error(field="license")
    form = CatalogFilters(data, licenses=licenses)
    if not form.is_valid():
        raise FormInvalid(form, "The filters are not valid.")
    events = Event.objects.published().not_ended().order_by("start", "pk")
    events = with_details(filter_events(events, form.cleaned_data, licenses))
    page, next_cursor = paginate(events, limit, cursor)
    return {"items": [event_out(e) for e in page], "next_cursor": next_cursor}


@router.get("/events/{slug}", response=errors(s200=EventOut), auth=None)
def get_event(request: HttpRequest, slug: str) -> EventOut:
    """One event. Drafts do not exist here; cancelled events stay visible with their reason."""
    ratelimit.limit_client(request)
    event = get_object_or_404(with_details(Event.objects.exclude(status=Event.DRAFT)), slug=slug)
    return event_out(event)


class LicenseSummary(Schema):
    type: str
    state: str
    number_last4: str


class VerifiedEvent(Schema):
    title: str
    format: str
    start: str
    end: str
    time_zone: str
    when: str


class VerificationOut(Schema):
    """What anyone holding the code may learn (certificates.verification.public_record)."""

    number: str
    version: int
    status: str
    valid: bool
    revoked_at: str | None
    superseded_by: str | None
    holder_name: str
    license: LicenseSummary | None
    event: VerifiedEvent
    program: dict[str, str]
    presenters: list[dict[str, str]]
    ce_hours: str
    categories: list[str]
    approvals: list[dict[str, str]]
    provider_name: str
    issued_at: str
    issue_date: str
    issue_date_display: str
    verification_url: str


@router.get("/verify/{code}", response=errors(s200=VerificationOut), auth=None, tags=["Public"])
def verify_certificate(
    request: HttpRequest, code: str = Path(..., max_length=40)
) -> dict[str, Any]:
    """Verify a certificate by the code printed on it."""
    ratelimit.limit_client(request, "verify", "VERIFY_RATE_LIMIT_PER_MINUTE")
    certificate = Certificate.objects.filter(verification_code=code).first()
    if certificate is None:
        raise Http404
    return public_record(certificate)
