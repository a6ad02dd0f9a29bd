"""Issuing certificates: the one write path (design habit 1), called by the task and any view
or command that needs it."""

from __future__ import annotations

from django.db import IntegrityError, transaction
from django.utils import timezone

from certificates.errors import CertificateCode
from certificates.models import Certificate, new_verification_code
from certificates.signals import certificate_issued
from certificates.snapshot import build_snapshot
from core import audit
from evaluations.models import Evaluation


def certificate_number(pk: int, year: int) -> str:
    """Human-readable and unique: the year of issue and the row's own id."""
    return f"FC-{year}-{pk:06d}"


def _refuse_second_for_program(evaluation: Evaluation) -> None:
    user_id = evaluation.registration.user_id
    held = (
        Certificate.objects.filter(
            user_id=user_id, program_id=evaluation.event.program_id, status=Certificate.VALID
        )
        .exclude(evaluation=evaluation)
        .select_related("event")
        .first()
    )
    if user_id is not None and held is not None:
        raise CertificateCode.ALREADY_CERTIFIED_FOR_PROGRAM.error(
            f"You already hold certificate {held.number} for this program (from "
            f"“{held.event.title}”); the same program earns credit only once.",
        )


@transaction.atomic
def issue_certificate(evaluation: Evaluation) -> Certificate:
    """Issue the certificate for a submitted evaluation, or return the one already issued.

    Safe to call twice: the evaluation row is locked, and an existing certificate of the
    evaluation (whatever its status) is returned rather than a new one. A revoked certificate
    stays revoked, because re-issuing is a staff decision, never an automatic one.
    """
    evaluation = (
        Evaluation.objects.select_for_update(of=("self",))
        .select_related("registration__user", "event__program", "assigned_license__license_type")
        .get(pk=evaluation.pk)
    )
    existing = evaluation.certificates.order_by("-version").first()
    if existing is not None:
        return existing
    if evaluation.status != Evaluation.SUBMITTED:
        raise CertificateCode.EVALUATION_NOT_SUBMITTED.error()
    _refuse_second_for_program(evaluation)
    issued_at = timezone.now()
    code = new_verification_code()
    certificate = Certificate(
        # The number includes the row id, known only after the insert: a unique placeholder
        # holds its place inside this transaction.
        number=f"pending-{code[:20]}",
        version=1,
        verification_code=code,
        evaluation=evaluation,
        user=evaluation.registration.user,
        program=evaluation.event.program,
        event=evaluation.event,
        issued_at=issued_at,
        snapshot={},
    )
    try:
        with transaction.atomic():
            certificate.save()
    except IntegrityError as error:
        # A concurrent issuance for the same program won the race (the constraint is the
        # last word on rule 8).
        raise CertificateCode.ALREADY_CERTIFIED_FOR_PROGRAM.error() from error
    certificate.number = certificate_number(certificate.pk, issued_at.year)
    certificate.snapshot = build_snapshot(
        evaluation, number=certificate.number, version=1, code=code, issued_at=issued_at
    )
    certificate.decision_id = certificate.snapshot["decision"]["id"]
    certificate.save(update_fields=["number", "snapshot", "decision"])
    audit.record(None, "certificate.issued", certificate, number=certificate.number)
    certificate_issued.send(sender=Certificate, certificate=certificate)
    return certificate
