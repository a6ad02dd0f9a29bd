"""Name corrections and revocation: the only ways a certificate changes after issuance.

A correction never edits a certificate: approval issues a new version with the same number,
the corrected name and the original dates, and marks the old version superseded. Revocation
marks the current version revoked. Every step is audited (who, when, why) and the holder is
emailed about every decision.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from accounts.names import LEGAL_NAME_MAX, has_invisible_characters
from certificates.errors import NAME_INVISIBLE_CHARACTERS, NAME_TOO_LONG, CertificateCode
from certificates.models import Certificate, NameCorrectionRequest, new_verification_code
from certificates.signals import certificate_reissued
from core import audit
from core.email import send_email

MANAGE_CERTIFICATES = "certificates.manage_certificates"
# A correction can restate any legal name the profile accepts.
MAX_NAME_LENGTH = LEGAL_NAME_MAX


def _clean(text: str) -> str:
    return " ".join((text or "").split())


def _require_staff(actor: Any) -> None:
    if actor is None or not actor.has_perm(MANAGE_CERTIFICATES):
        raise CertificateCode.NOT_ALLOWED.error()


def _lock(certificate: Certificate) -> Certificate:
    return Certificate.objects.select_for_update(of=("self",)).get(pk=certificate.pk)


def _refuse_unless_current(certificate: Certificate) -> None:
    if certificate.status == Certificate.REVOKED:
        raise CertificateCode.CERTIFICATE_REVOKED.error(number=certificate.number)
    if certificate.status == Certificate.SUPERSEDED:
        raise CertificateCode.CERTIFICATE_SUPERSEDED.error(number=certificate.number)


def pending_request(certificate: Certificate) -> NameCorrectionRequest | None:
    return (
        NameCorrectionRequest.objects.filter(
            certificate__number=certificate.number, status=NameCorrectionRequest.PENDING
        )
        .select_related("certificate", "requested_by")
        .first()
    )


def _notify(name: str, certificate: Certificate, context: dict[str, Any]) -> None:
    if certificate.user is None:
        return
    snapshot = certificate.snapshot
    send_email(
        name,
        [certificate.user.email],
        {
            "name": snapshot["holder_name"],
            "event_title": snapshot["event"]["title"],
            "number": certificate.number,
            "certificate_url": settings.SITE_URL
            + reverse("certificates:detail", args=[certificate.number]),
            "verification_url": settings.SITE_URL + certificate.verification_path,
            **context,
        },
    )


@transaction.atomic
def request_name_correction(
    certificate: Certificate, *, user: Any, requested_name: str, explanation: str
) -> NameCorrectionRequest:
    """The holder asks staff to correct the name on their certificate (one request at a time)."""
    certificate = _lock(certificate)
    if user is None or certificate.user_id is None or certificate.user_id != user.pk:
        raise CertificateCode.NOT_CERTIFICATE_OWNER.error()
    _refuse_unless_current(certificate)
    if has_invisible_characters((requested_name or "").strip()):
        raise NAME_INVISIBLE_CHARACTERS.error(field="requested_name")
    requested_name = _clean(requested_name)
    explanation = (explanation or "").strip()
    if not requested_name:
        raise CertificateCode.CORRECTION_NAME_REQUIRED.error(field="requested_name")
    if len(requested_name) > MAX_NAME_LENGTH:
        raise NAME_TOO_LONG.error(
            f"A name can have at most {MAX_NAME_LENGTH} characters.", field="requested_name"
        )
    if requested_name == certificate.snapshot["holder_name"]:
        raise CertificateCode.CORRECTION_NAME_UNCHANGED.error(field="requested_name")
    if not explanation:
        raise CertificateCode.CORRECTION_EXPLANATION_REQUIRED.error(field="explanation")
    if pending_request(certificate) is not None:
        raise CertificateCode.CORRECTION_ALREADY_PENDING.error()
    correction = NameCorrectionRequest.objects.create(
        certificate=certificate,
        requested_name=requested_name,
        explanation=explanation,
        requested_by=user,
    )
    audit.record(
        user,
        "certificate.correction_requested",
        correction,
        reason=explanation,
        number=certificate.number,
        version=certificate.version,
        current_name=certificate.snapshot["holder_name"],
        requested_name=requested_name,
    )
    return correction


def _lock_pending(correction: NameCorrectionRequest) -> NameCorrectionRequest:
    correction = (
        NameCorrectionRequest.objects.select_for_update(of=("self",))
        .select_related("certificate")
        .get(pk=correction.pk)
    )
    if not correction.is_pending:
        raise CertificateCode.CORRECTION_NOT_PENDING.error(
            status=correction.get_status_display().lower()
        )
    return correction


def _decide(
    correction: NameCorrectionRequest, status: str, actor: Any, note: str, now: dt.datetime
) -> None:
    correction.status = status
    correction.decided_by = actor
    correction.decided_at = now
    correction.decision_note = note
    correction.save(update_fields=["status", "decided_by", "decided_at", "decision_note"])


def _reissue(old: Certificate, name: str, now: dt.datetime) -> Certificate:
    """The next version of `old` in `name`: same number, same dates, a new verification code."""
    code = new_verification_code()
    snapshot = {
        **old.snapshot,
        "version": old.version + 1,
        "verification_code": code,
        # Frozen like every version's (see certificates/snapshot.py).
        "verification_url": settings.SITE_URL + reverse("certificates:verify", args=[code]),
        "holder_name": name,
        # The issue date and the event's dates are the original ones; only this is new.
        "corrected_at": now.astimezone(dt.UTC).isoformat(),
    }
    # The old version steps aside first: one valid certificate per person and program.
    old.status = Certificate.SUPERSEDED
    old.save(update_fields=["status"])
    new = Certificate.objects.create(
        number=old.number,
        version=old.version + 1,
        supersedes=old,
        verification_code=code,
        evaluation_id=old.evaluation_id,
        user_id=old.user_id,
        program_id=old.program_id,
        event_id=old.event_id,
        issued_at=old.issued_at,
        snapshot=snapshot,
        decision_id=old.decision_id,
        # The holder hears about the correction, never the "ready" email again.
        ready_email_sent_at=now,
    )
    certificate_reissued.send(sender=Certificate, old=old, new=new)
    return new


@transaction.atomic
def approve_correction(
    correction: NameCorrectionRequest, *, actor: Any, note: str = ""
) -> Certificate:
    """Re-issue the certificate with the corrected name: same number, next version, same dates."""
    _require_staff(actor)
    correction = _lock_pending(correction)
    old = _lock(correction.certificate)
    _refuse_unless_current(old)
    note = (note or "").strip()
    now = timezone.now()
    new = _reissue(old, correction.requested_name, now)
    _decide(correction, NameCorrectionRequest.APPROVED, actor, note, now)
    audit.record(
        actor,
        "certificate.correction_approved",
        new,
        reason=note,
        request=correction.pk,
        number=new.number,
        version=new.version,
        supersedes=old.pk,
        old_name=old.snapshot["holder_name"],
        new_name=correction.requested_name,
    )
    _notify("certificate_corrected", new, {"note": note, "version": new.version})
    return new


@transaction.atomic
def correct_certificate(
    certificate: Certificate, *, actor: Any, name: str, reason: str
) -> Certificate:
    """Staff correct the name without a request: re-issued exactly as an approved request is."""
    _require_staff(actor)
    old = _lock(certificate)
    _refuse_unless_current(old)
    if has_invisible_characters((name or "").strip()):
        raise NAME_INVISIBLE_CHARACTERS.error(field="name")
    name = _clean(name)
    reason = (reason or "").strip()
    if not name:
        raise CertificateCode.CORRECTION_NAME_REQUIRED.error(field="name")
    if len(name) > MAX_NAME_LENGTH:
        raise NAME_TOO_LONG.error(
            f"A name can have at most {MAX_NAME_LENGTH} characters.", field="name"
        )
    if name == old.snapshot["holder_name"]:
        raise CertificateCode.CORRECTION_NAME_UNCHANGED.error(field="name")
    if not reason:
        raise CertificateCode.CORRECTION_EXPLANATION_REQUIRED.error(field="reason")
    # A waiting request is the holder's own word on the name: staff decide it first.
    if pending_request(old) is not None:
        raise CertificateCode.CORRECTION_ALREADY_PENDING.error()
    now = timezone.now()
    new = _reissue(old, name, now)
    audit.record(
        actor,
        "certificate.corrected",
        new,
        reason=reason,
        number=new.number,
        version=new.version,
        supersedes=old.pk,
        old_name=old.snapshot["holder_name"],
        new_name=name,
    )
    _notify("certificate_corrected", new, {"note": reason, "version": new.version})
    return new


@transaction.atomic
def decline_correction(
    correction: NameCorrectionRequest, *, actor: Any, note: str
) -> NameCorrectionRequest:
    """Turn a request down; the holder is told why."""
    _require_staff(actor)
    note = (note or "").strip()
    if not note:
        raise CertificateCode.DECISION_NOTE_REQUIRED.error(field="note")
    correction = _lock_pending(correction)
    _decide(correction, NameCorrectionRequest.DECLINED, actor, note, timezone.now())
    audit.record(
        actor,
        "certificate.correction_declined",
        correction,
        reason=note,
        number=correction.certificate.number,
        requested_name=correction.requested_name,
    )
    _notify(
        "certificate_correction_declined",
        correction.certificate,
        {"note": note, "requested_name": correction.requested_name},
    )
    return correction


@transaction.atomic
def revoke_certificate(certificate: Certificate, *, actor: Any, reason: str) -> Certificate:
    """Revoke the current version; verification shows it, and the holder is told why."""
    _require_staff(actor)
    reason = (reason or "").strip()
    if not reason:
        raise CertificateCode.REVOCATION_REASON_REQUIRED.error(field="reason")
    certificate = _lock(certificate)
    _refuse_unless_current(certificate)
    now = timezone.now()
    certificate.status = Certificate.REVOKED
    certificate.revoked_at = now
    certificate.revoked_reason = reason
    certificate.save(update_fields=["status", "revoked_at", "revoked_reason"])
    audit.record(
        actor,
        "certificate.revoked",
        certificate,
        reason=reason,
        number=certificate.number,
        version=certificate.version,
    )
    # A revoked certificate cannot be corrected: a waiting request is closed with the reason.
    waiting = pending_request(certificate)
    if waiting is not None:
        _decide(waiting, NameCorrectionRequest.DECLINED, actor, "Certificate revoked.", now)
        audit.record(
            actor,
            "certificate.correction_declined",
            waiting,
            reason="Certificate revoked.",
            number=certificate.number,
        )
    _notify("certificate_revoked", certificate, {"reason": reason, "revoked_at": now})
    return certificate
