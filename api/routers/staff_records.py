"""Staff: evaluation results, certificates (list, revoke) and name corrections (decide)."""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Field, Path, Query, Router, Schema

from api.auth import STAFF_AUTH, require_perm
from api.errors import errors
from api.pagination import DEFAULT_LIMIT, MAX_LIMIT, Page, paginate
from api.routers.records import certificate_out
from api.routers.staff_events import staff_event
from api.schemas.common import Timestamp
from api.schemas.me import CertificateOut
from certificates.corrections.services import (
    approve_correction,
    decline_correction,
    revoke_certificate,
)
from certificates.models import Certificate, NameCorrectionRequest
from evaluations.staff.results import event_results

MANAGE_EVALUATIONS = "evaluations.manage_evaluations"
MANAGE_CERTIFICATES = "certificates.manage_certificates"

router = Router(auth=STAFF_AUTH)


class BarOut(Schema):
    label: str
    count: int
    percent: str


class QuestionResultOut(Schema):
    key: str
    kind: str
    text: str
    presenter: str
    n: int
    mean: str | None
    bars: list[BarOut]
    texts: list[str]


class ResultsOut(Schema):
    event: str
    issued: int
    submitted: int
    withdrawn: int
    response_rate: str | None = Field(..., description="Percent of issued evaluations submitted")
    questions: list[QuestionResultOut]


@router.get(
    "/events/{slug}/evaluation-results",
    response=errors(s200=ResultsOut),
    tags=["Staff: evaluations"],
)
def evaluation_results(request: HttpRequest, slug: str) -> ResultsOut:
    event = staff_event(request, slug, MANAGE_EVALUATIONS)
    results = event_results(event)
    return ResultsOut(
        event=event.slug,
        issued=results.issued,
        submitted=results.submitted,
        withdrawn=results.withdrawn,
        response_rate=None if results.response_rate is None else str(results.response_rate),
        questions=[
            QuestionResultOut(
                key=q.question["key"],
                kind=q.kind,
                text=str(q.question.get("text", "")),
                presenter=str(q.question.get("presenter") or ""),
                n=q.n,
                mean=None if q.mean is None else str(q.mean),
                bars=[BarOut(label=b.label, count=b.count, percent=str(b.percent)) for b in q.bars],
                texts=q.texts,
            )
            for q in results.questions
        ],
    )


# --- certificates --------------------------------------------------------------------------


class RevokeIn(Schema):
    reason: str = Field(..., min_length=1, max_length=2000)


class CorrectionOut(Schema):
    id: int
    certificate: str
    current_name: str
    requested_name: str
    explanation: str
    status: str
    created_at: Timestamp
    decided_at: Timestamp | None
    decision_note: str


class ApproveIn(Schema):
    note: str = Field("", max_length=2000)


class DeclineIn(Schema):
    note: str = Field(..., min_length=1, max_length=2000, description="Why; the holder is told")


def correction_out(correction: NameCorrectionRequest) -> CorrectionOut:
    return CorrectionOut(
        id=correction.pk,
        certificate=correction.certificate.number,
        current_name=correction.certificate.snapshot["holder_name"],
        requested_name=correction.requested_name,
        explanation=correction.explanation,
        status=correction.status,
        created_at=correction.created_at,
        decided_at=correction.decided_at,
        decision_note=correction.decision_note,
    )


@router.get(
    "/certificates", response=errors(s200=Page[CertificateOut]), tags=["Staff: certificates"]
)
def list_certificates(
    request: HttpRequest,
    event: str | None = Query(None, max_length=120, description="An event's slug"),
    status: str | None = Query(None, pattern="^(valid|revoked|superseded)$"),
    limit: int = Query(DEFAULT_LIMIT, ge=1, le=MAX_LIMIT),
    cursor: str | None = Query(None, max_length=200),
) -> dict[str, Any]:
    require_perm(request, MANAGE_CERTIFICATES)
    certificates = Certificate.objects.select_related("event").order_by("-issued_at", "-pk")
    if event:
        certificates = certificates.filter(event__slug=event)
    if status:
        certificates = certificates.filter(status=status)
    page, next_cursor = paginate(certificates, limit, cursor)
    return {"items": [certificate_out(c) for c in page], "next_cursor": next_cursor}


@router.post(
    "/certificates/{number}/revoke",
    response=errors(s200=CertificateOut),
    tags=["Staff: certificates"],
)
def revoke(
    request: HttpRequest, payload: RevokeIn, number: str = Path(..., max_length=30)
) -> CertificateOut:
    """Revoke the current version; verification shows it and the holder is told why."""
    actor = require_perm(request, MANAGE_CERTIFICATES)
    certificate = (
        Certificate.objects.filter(number=number).select_related("event").order_by("-version")
    ).first()
    if certificate is None:
        raise Http404
    return certificate_out(revoke_certificate(certificate, actor=actor, reason=payload.reason))


@router.get("/corrections", response=errors(s200=Page[CorrectionOut]), tags=["Staff: certificates"])
def list_corrections(
    request: HttpRequest,
    status: str | None = Query("pending", pattern="^(pending|approved|declined)$"),
    limit: int = Query(DEFAULT_LIMIT, ge=1, le=MAX_LIMIT),
    cursor: str | None = Query(None, max_length=200),
) -> dict[str, Any]:
    """Name-correction requests from certificate holders (pending ones by default)."""
    require_perm(request, MANAGE_CERTIFICATES)
    corrections = NameCorrectionRequest.objects.select_related("certificate").order_by(
        "created_at", "pk"
    )
    if status:
        corrections = corrections.filter(status=status)
    page, next_cursor = paginate(corrections, limit, cursor)
    return {"items": [correction_out(c) for c in page], "next_cursor": next_cursor}


@router.post(
    "/corrections/{correction_id}/approve",
    response=errors(s200=CertificateOut),
    tags=["Staff: certificates"],
)
def approve(request: HttpRequest, correction_id: int, payload: ApproveIn) -> CertificateOut:
    """Re-issue the certificate in the requested name: same number, next version."""
    actor = require_perm(request, MANAGE_CERTIFICATES)
    correction = get_object_or_404(NameCorrectionRequest, pk=correction_id)
    return certificate_out(approve_correction(correction, actor=actor, note=payload.note))


@router.post(
    "/corrections/{correction_id}/decline",
    response=errors(s200=CorrectionOut),
    tags=["Staff: certificates"],
)
def decline(request: HttpRequest, correction_id: int, payload: DeclineIn) -> CorrectionOut:
    """Turn the request down; the certificate stays as it is and the holder is told why."""
    actor = require_perm(request, MANAGE_CERTIFICATES)
    correction = get_object_or_404(
        NameCorrectionRequest.objects.select_related("certificate"), pk=correction_id
    )
    return correction_out(decline_correction(correction, actor=actor, note=payload.note))
