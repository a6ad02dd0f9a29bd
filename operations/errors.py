"""The codes the operations pages raise (retrying and dismissing background tasks and emails)."""

from __future__ import annotations

from core.errors import CommonCode, ErrorCode


class OperationsCode(ErrorCode):
    TASK_GONE = "task_gone", "That task is no longer in the queue."
    TASK_NOT_RETRYABLE = (
        "task_not_retryable",
        "That task is running or finished; there is nothing to retry.",
    )
    TASK_NOT_FAILED = "task_not_failed", "Only a task that failed for good can be dismissed."
    EMAIL_DELIVERED = "email_delivered", "That email was delivered; there is nothing to retry."


REASON_REQUIRED = CommonCode.REASON_REQUIRED
