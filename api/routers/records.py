"""The caller's evaluations and certificates."""

from __future__ import annotations

import hashlib
from typing import Any

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from ninja import Path, Query, Router

from api.auth import AUTH, caller
from api.codes import CATEGORY_NOT_ON_EVENT, LICENSE_NOT_YOURS
from api.errors import errors
from api.pagination import DEFAULT_LIMIT, MAX_LIMIT, Page, paginate
from api.schemas.me import CertificateOut, EvaluationOut, EvaluationSubmitIn
from certificates.bulk import selection
from certificates.images import pdf_bytes
from certificates.models import Certificate
from evaluations.models import Evaluation
from evaluations.services.submission import submit_evaluation
from licensing.models import UserLicense

router = Router(auth=AUTH)


def evaluation_out(evaluation: Evaluation) -> EvaluationOut:
    return EvaluationOut(
        id=evaluation.pk,
        event=evaluation.event.slug,
        event_title=evaluation.event.title,
        status=evaluation.display_status,
        issued_at=evaluation.issued_at,
        deadline=evaluation.deadline,
        submitted_at=evaluation.submitted_at,
        questions=list(evaluation.questions),
    )


def _own_evaluation(request: HttpRequest, pk: int) -> Evaluation:
    return get_object_or_404(
        Evaluation.objects.select_related("event", "registration"),
        pk=pk,
        registration__user=caller(request),
    )


@router.get("/evaluations", response=errors(s200=Page[EvaluationOut]), tags=["Evaluations"])
def list_evaluations(
    request: HttpRequest,
    limit: int = Query(DEFAULT_LIMIT, ge=1, le=MAX_LIMIT),
    cursor: str | None = Query(None, max_length=200),
) -> dict[str, Any]:
    evaluations = (
        Evaluation.objects.filter(registration__user=caller(request))
        .select_related("event")
        .order_by("-issued_at", "-pk")
    )
    page, next_cursor = paginate(evaluations, limit, cursor)
    return {"items": [evaluation_out(e) for e in page], "next_cursor": next_cursor}


@router.get(
    "/evaluations/{evaluation_id}", response=errors(s200=EvaluationOut), tags=["Evaluations"]
)
def get_evaluation(request: HttpRequest, evaluation_id: int) -> EvaluationOut:
    return evaluation_out(_own_evaluation(request, evaluation_id))


@router.post(
    "/evaluations/{evaluation_id}/submit",
    response=errors(s200=EvaluationOut),
    tags=["Evaluations"],
)
def submit(request: HttpRequest, evaluation_id: int, payload: EvaluationSubmitIn) -> EvaluationOut:
    """Submit the answers (final). The certificate follows, as on the web page."""
    user = caller(request)
    evaluation = _own_evaluation(request, evaluation_id)
    license = None
    if payload.license_id is not None:
        license = UserLicense.objects.filter(pk=payload.license_id, user=user).first()
        if license is None:
            raise LICENSE_NOT_YOURS.error(field="license_id")
    category = None
    if payload.category:
        category = evaluation.event.categories.filter(code=payload.category).first()
        if category is None:
            raise CATEGORY_NOT_ON_EVENT.error(field="category")
    submitted = submit_evaluation(
        evaluation,
        user=user,
        answers=payload.answers,
        attested=payload.attested,
        license=license,
        category=category,
    )
    return evaluation_out(submitted)


# --- certificates --------------------------------------------------------------------------


def certificate_out(certificate: Certificate) -> CertificateOut:
    snapshot = certificate.snapshot
    return CertificateOut(
        number=certificate.number,
        version=certificate.version,
        status=certificate.status,
        event=certificate.event.slug,
        event_title=snapshot["event"]["title"],
        holder_name=snapshot["holder_name"],
        ce_hours=snapshot["ce_hours"],
        issued_at=certificate.issued_at,
        revoked_at=certificate.revoked_at,
        verification_url=snapshot["verification_url"],
        pdf_url=settings.SITE_URL
        + reverse("api-v1:certificate_pdf", kwargs={"number": certificate.number}),
    )


def _own_certificate(request: HttpRequest, number: str) -> Certificate:
    # The newest version: a corrected certificate keeps its number.
    certificate = (
        Certificate.objects.filter(number=number, user=caller(request))
        .select_related("event")
        .order_by("-version")
        .first()
    )
    if certificate is None:
        raise Http404
    return certificate


@router.get("/certificates", response=errors(s200=Page[CertificateOut]), tags=["Certificates"])
def list_certificates(
    request: HttpRequest,
    limit: int = Query(DEFAULT_LIMIT, ge=1, le=MAX_LIMIT),
    cursor: str | None = Query(None, max_length=200),
) -> dict[str, Any]:
    """The wallet: the current version of each certificate (valid or revoked), newest first."""
    page, next_cursor = paginate(selection.listed(caller(request)), limit, cursor)
    return {"items": [certificate_out(c) for c in page], "next_cursor": next_cursor}


@router.get("/certificates/{number}", response=errors(s200=CertificateOut), tags=["Certificates"])
def get_certificate(request: HttpRequest, number: str = Path(..., max_length=30)) -> CertificateOut:
    return certificate_out(_own_certificate(request, number))


@router.get(
    "/certificates/{number}/pdf",
    response=errors(s200=None),
    tags=["Certificates"],
    url_name="certificate_pdf",
    openapi_extra={
        "responses": {
            200: {
                "description": "The certificate as a PDF",
                "content": {"application/pdf": {"schema": {"type": "string", "format": "binary"}}},
            }
        }
    },
)
def certificate_pdf(request: HttpRequest, number: str = Path(..., max_length=30)) -> HttpResponse:
    certificate = _own_certificate(request, number)
    content = pdf_bytes(certificate.snapshot)
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{certificate.number}.pdf"'
    # Rendering is deterministic, so the hash of the bytes is a stable validator.
    response["ETag"] = f'"{hashlib.sha256(content).hexdigest()}"'
    return response
