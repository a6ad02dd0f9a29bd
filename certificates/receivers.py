"""The receiver that turns a submitted evaluation into a certificate.

It runs inside the submitting transaction, so it only enqueues: the task runs once that
transaction has committed, and a rolled-back submission never issues anything.
"""

from __future__ import annotations

from typing import Any

from certificates.tasks import issue_certificate_task
from core.tasks import enqueue


def enqueue_certificate_issue(sender: Any, *, evaluation_id: int, **kwargs: Any) -> None:
    enqueue(issue_certificate_task, evaluation_id)
