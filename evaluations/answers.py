"""Checking answers against an evaluation's snapshot questions (pure: no database).

Answers arrive as {question key: value}: a rating is an int 1–5 (a digit string from a form is
accepted), a single choice one of the question's choices, a multiple choice a list of them, and
free text a string. Unknown keys are ignored: only the snapshot's questions are answered.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from core.errors import DomainError
from evaluations.errors import EvaluationCode
from evaluations.models import MULTIPLE, RATING, SINGLE, TEXT

RATING_RANGE = range(1, 6)
MAX_TEXT_LENGTH = 5000


class SubmissionRefused(DomainError):
    """Every problem with a submission at once, so a form can mark each field.

    `code`, `message` and `field` are the first problem's; `problems` lists them all.
    """

    def __init__(self, problems: list[DomainError]) -> None:
        first = problems[0]
        super().__init__(first.code, first.message, field=first.field)
        self.problems = problems


def is_blank(value: Any) -> bool:
    if value is None:
        return True
    if isinstance(value, str):
        return not value.strip()
    if isinstance(value, (list, tuple, set, frozenset)):
        return not value
    return False


def _invalid(question: Mapping[str, Any], message: str) -> DomainError:
    return EvaluationCode.ANSWER_INVALID.error(message, field=question["key"])


def _rating(question: Mapping[str, Any], value: Any) -> int:
    if isinstance(value, str) and value.strip().isdigit():
        value = int(value.strip())
    # bool is an int subclass; True is not a rating.
    if isinstance(value, bool) or not isinstance(value, int) or value not in RATING_RANGE:
        raise _invalid(question, "Choose a rating from 1 to 5.")
    return value


def _single(question: Mapping[str, Any], value: Any) -> list[str]:
    if not isinstance(value, str) or value not in question["choices"]:
        raise _invalid(question, "Choose one of the listed answers.")
    return [value]


def _multiple(question: Mapping[str, Any], value: Any) -> list[str]:
    values = [value] if isinstance(value, str) else value
    if not isinstance(values, Iterable) or isinstance(values, (bytes, Mapping)):
        raise _invalid(question, "Choose from the listed answers.")
    chosen = set()
    for item in values:
        if not isinstance(item, str) or item not in question["choices"]:
            raise _invalid(question, "Choose from the listed answers.")
        chosen.add(item)
    # Stored in the question's order, whatever order the form sent.
    return [choice for choice in question["choices"] if choice in chosen]


def _text(question: Mapping[str, Any], value: Any) -> str:
    if not isinstance(value, str):
        raise _invalid(question, "Enter text.")
    text = value.strip()
    if len(text) > MAX_TEXT_LENGTH:
        raise _invalid(question, f"Keep the answer under {MAX_TEXT_LENGTH} characters.")
    return text


CLEANERS = {RATING: _rating, SINGLE: _single, MULTIPLE: _multiple, TEXT: _text}


def clean_answers(
    questions: list[Mapping[str, Any]], answers: Mapping[str, Any]
) -> tuple[dict[str, Any], list[DomainError]]:
    """({key: clean value} for the answered questions, problems in question order)."""
    cleaned: dict[str, Any] = {}
    problems: list[DomainError] = []
    for question in questions:
        value = answers.get(question["key"])
        if is_blank(value):
            if question["required"]:
                problems.append(EvaluationCode.ANSWER_REQUIRED.error(field=question["key"]))
            continue
        try:
            cleaned[question["key"]] = CLEANERS[question["kind"]](question, value)
        except DomainError as problem:
            problems.append(problem)
    return cleaned, problems


def answer_fields(question: Mapping[str, Any], value: Any) -> dict[str, Any]:
    """The Answer row's value columns for one clean answer."""
    if question["kind"] == RATING:
        return {"rating": value}
    if question["kind"] == TEXT:
        return {"text": value}
    return {"choices": value}
