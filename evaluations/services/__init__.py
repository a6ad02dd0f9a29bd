"""Evaluation services: the one write path for issuing, withdrawing, submitting and reopening
evaluations. Views, commands and tasks call these."""

from evaluations.services.deadlines import reopen_evaluation, schedule_reminders
from evaluations.services.issuance import (
    evaluation_setup,
    issue_evaluation,
    sync_event_evaluations,
    withdraw_evaluation,
)
from evaluations.services.submission import submit_evaluation

__all__ = [
    "evaluation_setup",
    "issue_evaluation",
    "reopen_evaluation",
    "schedule_reminders",
    "submit_evaluation",
    "sync_event_evaluations",
    "withdraw_evaluation",
]
