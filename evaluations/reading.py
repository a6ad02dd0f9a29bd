"""Reading a submitted evaluation back: each snapshot question with the answer given to it.

Shared by the attendee's read-only view and the staff CSV, so both show the same answer.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from evaluations.models import MULTIPLE, RATING, SINGLE, Answer, Evaluation


@dataclass(frozen=True)
class AnsweredQuestion:
    question: dict[str, Any]
    answer: Answer | None

    @property
    def kind(self) -> str:
        return self.question["kind"]

    @property
    def choices(self) -> list[str]:
        return list(self.answer.choices) if self.answer is not None else []

    @property
    def value(self) -> str:
        """The answer as plain text ("" when the question was left unanswered)."""
        return answer_text(self.kind, self.answer)


def answer_text(kind: str, answer: Answer | None) -> str:
    if answer is None:
        return ""
    if kind == RATING:
        return "" if answer.rating is None else str(answer.rating)
    if kind in (SINGLE, MULTIPLE):
        return "; ".join(answer.choices) or answer.text
    return answer.text


def answers_by_key(evaluation: Evaluation) -> dict[str, Answer]:
    # Uses prefetched answers when the caller loaded them (the CSV loads many evaluations).
    return {answer.key: answer for answer in evaluation.answers.all()}


def answered_questions(evaluation: Evaluation) -> list[AnsweredQuestion]:
    answers = answers_by_key(evaluation)
    return [
        AnsweredQuestion(question, answers.get(question["key"]))
        for question in evaluation.questions
    ]
