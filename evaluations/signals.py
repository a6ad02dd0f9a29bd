"""Signals evaluations sends, and its receiver for attendance decisions.

Receivers of both run inside the sender's transaction and must only enqueue tasks
(core.tasks.enqueue), which then run once that transaction has committed.
"""

from __future__ import annotations

from typing import Any

from django.dispatch import Signal

from core.tasks import enqueue

# Sent inside the submitting transaction with evaluation_id, so that certificate issuance can
# follow. Until a receiver exists, the SUBMITTED evaluation itself (with submitted_at) is the
# record that issuance is owed.
evaluation_submitted = Signal()


def enqueue_evaluation_sync(
    sender: Any, *, event_id: int, changes: list[tuple[int, str]], **kwargs: Any
) -> None:
    """Attendance decisions changed: issue and withdraw evaluations to match, after commit.

    The whole event is synced rather than the listed changes: the sync is idempotent and cheap,
    and it also catches anything an earlier failed run missed.
    """
    from evaluations.tasks import sync_evaluations

    enqueue(sync_evaluations, event_id)
