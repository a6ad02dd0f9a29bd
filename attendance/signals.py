"""Receivers: attendance follows what the events app announces, by enqueueing work only."""

from __future__ import annotations

from typing import Any

from core.tasks import enqueue


def decide_again_when_credit_terms_change(sender: Any, *, event_id: int, **kwargs: Any) -> None:
    from attendance.models import AttendanceImport
    from attendance.tasks import decide_again

    # Before any attendance arrived there is nothing to decide again.
    if AttendanceImport.objects.filter(event_id=event_id).exists():
        enqueue(decide_again, event_id)
