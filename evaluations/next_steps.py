"""The attendee's next step that evaluations know of: an evaluation to complete."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from django.urls import reverse
from django.utils import timezone

from core.next_steps import NextStep, Urgency
from evaluations.models import Evaluation


def evaluation_steps(user: Any) -> Iterator[NextStep]:
    waiting = Evaluation.objects.filter(
        registration__user=user, status=Evaluation.ISSUED, deadline__gt=timezone.now()
    ).select_related("registration__event")
    for evaluation in waiting:
        event = evaluation.registration.event
        yield NextStep(
            title=f"Complete your evaluation of “{event.title}”",
            detail="Your certificate is issued the moment you submit it.",
            action="Complete the evaluation",
            url=reverse("evaluations:detail", args=[evaluation.pk]),
            urgency=Urgency.DUE,
            due=evaluation.deadline,
            event_id=event.pk,
        )
