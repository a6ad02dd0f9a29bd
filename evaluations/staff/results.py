"""One event's evaluation results: the response rate, and per question the distribution of
ratings with their mean, the count of each choice, or the free-text answers.

`summarise` is plain arithmetic over answer values, so the math is tested without a database;
`event_results` only gathers the rows for it.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Any, NamedTuple

from evaluations.models import MULTIPLE, RATING, SINGLE, TEXT, Answer, Evaluation
from events.models import Event

SCALE = range(1, 6)
TWO_PLACES = Decimal("0.01")


class AnswerValue(NamedTuple):
    key: str
    rating: int | None
    choices: list[str]
    text: str


@dataclass(frozen=True)
class Bar:
    label: str
    count: int
    percent: Decimal  # of the question's respondents; also the bar's width out of 100


@dataclass
class QuestionResult:
    question: dict[str, Any]
    n: int = 0
    mean: Decimal | None = None
    bars: list[Bar] = field(default_factory=list)
    texts: list[str] = field(default_factory=list)

    @property
    def kind(self) -> str:
        return self.question["kind"]


@dataclass(frozen=True)
class EventResults:
    issued: int  # evaluations still owed or done: withdrawn ones are not counted
    submitted: int
    withdrawn: int
    questions: list[QuestionResult]

    @property
    def response_rate(self) -> Decimal | None:
        return percent(self.submitted, self.issued) if self.issued else None


def percent(part: int, whole: int) -> Decimal:
    if not whole:
        return Decimal(0)
    return (Decimal(100) * part / whole).quantize(Decimal("0.1"), ROUND_HALF_UP)


def mean(values: Iterable[int]) -> Decimal | None:
    values = list(values)
    if not values:
        return None
    return (Decimal(sum(values)) / len(values)).quantize(TWO_PLACES, ROUND_HALF_UP)


def _bars(counts: Counter[str], labels: list[str], n: int) -> list[Bar]:
    return [Bar(label, counts[label], percent(counts[label], n)) for label in labels]


def _summarise_one(question: dict[str, Any], values: list[AnswerValue]) -> QuestionResult:
    kind = question["kind"]
    result = QuestionResult(question)
    if kind == RATING:
        ratings = [v.rating for v in values if v.rating is not None]
        result.n = len(ratings)
        result.mean = mean(ratings)
        counts = Counter(str(rating) for rating in ratings)
        result.bars = _bars(counts, [str(point) for point in SCALE], result.n)
    elif kind in (SINGLE, MULTIPLE):
        picked = [v.choices or ([v.text] if v.text else []) for v in values]
        picked = [choices for choices in picked if choices]
        result.n = len(picked)
        counts = Counter(choice for choices in picked for choice in choices)
        # The offered options in their order, then anything answered that is no longer offered.
        labels = list(question.get("choices", []))
        labels += sorted(set(counts) - set(labels))
        result.bars = _bars(counts, labels, result.n)
    elif kind == TEXT:
        result.texts = [v.text.strip() for v in values if v.text.strip()]
        result.n = len(result.texts)
    return result


def summarise(
    questions: list[dict[str, Any]], values: Iterable[AnswerValue]
) -> list[QuestionResult]:
    by_key: dict[str, list[AnswerValue]] = {}
    for value in values:
        by_key.setdefault(value.key, []).append(value)
    return [_summarise_one(q, by_key.get(q["key"], [])) for q in questions]


def event_questions(evaluations: Iterable[Evaluation]) -> list[dict[str, Any]]:
    """Every question asked at the event, in the order first asked. Snapshots can differ when the
    template changed between issuances; a key keeps the first wording seen."""
    questions: dict[str, dict[str, Any]] = {}
    for evaluation in evaluations:
        for question in evaluation.questions:
            questions.setdefault(question["key"], question)
    return list(questions.values())


def event_results(event: Event) -> EventResults:
    evaluations = list(Evaluation.objects.filter(event=event).order_by("issued_at", "pk"))
    submitted = [e for e in evaluations if e.status == Evaluation.SUBMITTED]
    withdrawn = sum(e.status == Evaluation.WITHDRAWN for e in evaluations)
    # Questions the respondents saw come first; sorting is stable, so issue order is kept.
    questions = event_questions(sorted(evaluations, key=lambda e: e.status != Evaluation.SUBMITTED))
    values = (
        AnswerValue(key, rating, choices, text)
        for key, rating, choices, text in Answer.objects.filter(
            evaluation__event=event, evaluation__status=Evaluation.SUBMITTED
        ).values_list("key", "rating", "choices", "text")
    )
    return EventResults(
        issued=len(evaluations) - withdrawn,
        submitted=len(submitted),
        withdrawn=withdrawn,
        questions=summarise(questions, values),
    )
