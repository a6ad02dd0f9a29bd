"""The receiver that turns a submitted evaluation into a certificate.

It runs inside the submitting transaction, so it only enqueues: the task runs once that
transaction has committed, and a rolled-back submission never issues anything.
"""

from __future__ import annotations

from typing import Any

from django.dispatch import Signal

from core.tasks import enqueue

# Sent inside the issuing transaction with `certificate`, once its number and snapshot are set:
# the CE tracker pre-fills where its hours count.
certificate_issued = Signal()
# Sent inside the correcting transaction with `old` and `new` versions: what was attached to
# the old version (the tracker's assignments) moves to the new one.
certificate_reissued = Signal()


def enqueue_certificate_issue(sender: Any, *, evaluation_id: int, **kwargs: Any) -> None:
    from certificates.tasks import issue_certificate_task

    enqueue(issue_certificate_task, evaluation_id)
