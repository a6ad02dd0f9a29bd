"""Staff actions on background work; each is audited."""

from __future__ import annotations

from django.db import transaction
from django_tasks_db.compat import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from accounts.models import User
from core import audit
from core.durable.retry import attempts, retry_now
from core.models import OutgoingEmail
from core.outgoing import retry_email_now
from operations.errors import REASON_REQUIRED, OperationsCode
from operations.machinery import last_error_line, task_label


def _task(task_id: str) -> DBTaskResult:
    result = DBTaskResult.objects.filter(pk=task_id).first()
    if result is None:
        raise OperationsCode.TASK_GONE.error()
    return result


@transaction.atomic
def retry_task(task_id: str, *, actor: User) -> DBTaskResult:
    result = _task(task_id)
    if not retry_now(result):
        raise OperationsCode.TASK_NOT_RETRYABLE.error()
    audit.record(
        actor,
        "task.retried",
        None,
        task=result.task_path,
        task_id=str(result.pk),
        attempts=attempts(result),
    )
    return result


@transaction.atomic
def dismiss_task(task_id: str, *, actor: User, reason: str) -> None:
    """Remove a task that failed for good and need not run (its work was done another way).
    The audit entry keeps what it was and its last error."""
    reason = reason.strip()
    if not reason:
        raise REASON_REQUIRED.error()
    result = _task(task_id)
    if result.status != TaskResultStatus.FAILED:
        raise OperationsCode.TASK_NOT_FAILED.error()
    audit.record(
        actor,
        "task.dismissed",
        None,
        reason=reason,
        task=result.task_path,
        label=task_label(result.task_path),
        task_id=str(result.pk),
        args=result.args_kwargs,
        error=last_error_line(result.traceback),
    )
    result.delete()


@transaction.atomic
def retry_email(email_id: int, *, actor: User) -> OutgoingEmail:
    email = OutgoingEmail.objects.filter(pk=email_id).first()
    if email is None or not retry_email_now(email):
        raise OperationsCode.EMAIL_DELIVERED.error()
    audit.record(actor, "email.retried", email, attempts=email.attempts)
    return email
