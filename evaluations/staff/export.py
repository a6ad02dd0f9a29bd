"""An event's submitted evaluations as CSV: one row per evaluation, one column per question.

Times carry their UTC offset (in the event's zone) so a reader years later need not guess, and
every cell goes through the formula-injection guard: answers are typed by attendees.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable
from typing import Any

from django.db.models import Prefetch

from core.csvfiles import Writable, csv_safe
from evaluations.models import Answer, Evaluation
from evaluations.reading import answer_text, answers_by_key
from evaluations.staff.results import event_questions
from events.models import Event

FIXED_COLUMNS = [
    "name",
    "email",
    "submitted_at",
    "attested",
    "assigned_license",
    "category",
]


def submitted_evaluations(event: Event) -> list[Evaluation]:
    return list(
        Evaluation.objects.filter(event=event, status=Evaluation.SUBMITTED)
        .select_related("registration", "assigned_license__license_type", "assigned_category")
        .prefetch_related(Prefetch("answers", queryset=Answer.objects.order_by("pk")))
        .order_by("submitted_at", "pk")
    )


def _license(evaluation: Evaluation) -> str:
    license = evaluation.assigned_license
    return f"{license.license_type.label} {license.number}" if license is not None else ""


def _row(evaluation: Evaluation, questions: list[dict[str, Any]], event: Event) -> list[str]:
    answers = answers_by_key(evaluation)
    submitted = evaluation.submitted_at
    fixed = [
        evaluation.registration.name,
        evaluation.registration.email,
        submitted.astimezone(event.zone).isoformat(timespec="seconds") if submitted else "",
        "yes" if evaluation.attested else "no",
        _license(evaluation),
        evaluation.assigned_category.name if evaluation.assigned_category else "",
    ]
    asked = {question["key"] for question in evaluation.questions}
    answered = [
        answer_text(question["kind"], answers.get(question["key"]))
        if question["key"] in asked
        else ""
        for question in questions
    ]
    return fixed + answered


def write_results_csv(event: Event, out: Writable, evaluations: Iterable[Evaluation]) -> None:
    evaluations = list(evaluations)
    questions = event_questions(evaluations)
    writer = csv.writer(out)
    writer.writerow([csv_safe(column) for column in FIXED_COLUMNS + [q["key"] for q in questions]])
    for evaluation in evaluations:
        writer.writerow([csv_safe(value) for value in _row(evaluation, questions, event)])
