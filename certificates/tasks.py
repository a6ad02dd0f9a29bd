"""Background work for certificates. Tasks take IDs, re-read their objects and are safe to run
twice: issuance is idempotent and the ready email is marked sent in the sending transaction."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from django_tasks import task

from certificates import notifications
from certificates.models import Certificate
from certificates.services import issue_certificate
from core.errors import DomainError
from evaluations.models import Evaluation


@task()
def issue_certificate_task(evaluation_id: int) -> str:
    evaluation = Evaluation.objects.get(pk=evaluation_id)
    try:
        certificate = issue_certificate(evaluation)
    except DomainError as refusal:
        # A refusal is a decision, not a failure: running the task again would refuse again.
        return f"refused: {refusal.code}"
    with transaction.atomic():
        certificate = (
            Certificate.objects.select_for_update(of=("self",))
            .select_related("user")
            .get(pk=certificate.pk)
        )
        if certificate.ready_email_sent_at is not None:
            return f"{certificate.number}: email already sent"
        if not certificate.is_valid or certificate.user is None:
            return f"{certificate.number}: no email ({certificate.status})"
        notifications.send_ready(certificate)
        certificate.ready_email_sent_at = timezone.now()
        certificate.save(update_fields=["ready_email_sent_at"])
    return f"{certificate.number}: issued and announced"
