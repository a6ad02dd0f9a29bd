"""Results across events: by presenter (their per-presenter ratings) and by template question
code (a code names the same question in every event, whatever its wording that day).

Only submitted evaluations count, for events starting within the chosen days in the viewer's
zone.
"""

from __future__ import annotations

import datetime as dt
import zoneinfo
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Count, Q, QuerySet, Sum

from evaluations.models import Answer, Evaluation, TemplateQuestion
from evaluations.staff.results import TWO_PLACES, percent
from events.models import Event


@dataclass(frozen=True)
class PresenterRow:
    name: str
    mean: Decimal
    n: int
    events: int


@dataclass(frozen=True)
class CodeRow:
    code: str
    text: str
    mean: Decimal | None  # rating questions only
    n: int
    events: int


@dataclass(frozen=True)
class EventRow:
    event: Event
    issued: int
    submitted: int

    @property
    def response_rate(self) -> Decimal | None:
        return percent(self.submitted, self.issued) if self.issued else None


@dataclass(frozen=True)
class Overview:
    events: list[EventRow]
    presenters: list[PresenterRow]
    codes: list[CodeRow]


def _mean(total: int | None, count: int) -> Decimal | None:
    if not count:
        return None
    return (Decimal(total or 0) / count).quantize(TWO_PLACES, ROUND_HALF_UP)


def events_in_range(
    start_from: dt.date | None, start_to: dt.date | None, zone: zoneinfo.ZoneInfo
) -> QuerySet[Event]:
    events = Event.objects.filter(evaluations__isnull=False).distinct()
    if start_from is not None:
        events = events.filter(start__gte=dt.datetime.combine(start_from, dt.time(), zone))
    if start_to is not None:
        day_after = start_to + dt.timedelta(days=1)
        events = events.filter(start__lt=dt.datetime.combine(day_after, dt.time(), zone))
    return events


def _question_texts(codes: list[str]) -> dict[str, str]:
    # The default template's wording wins; otherwise any template's.
    texts: dict[str, str] = {}
    for code, text in (
        TemplateQuestion.objects.filter(code__in=codes)
        .order_by("-template__is_default", "template__name")
        .values_list("code", "text")
    ):
        texts.setdefault(code, text)
    return texts


def overview(
    start_from: dt.date | None, start_to: dt.date | None, zone: zoneinfo.ZoneInfo
) -> Overview:
    events = events_in_range(start_from, start_to, zone)
    event_rows = [
        EventRow(event, event.issued, event.submitted)
        for event in events.annotate(
            issued=Count(
                "evaluations",
                filter=~Q(evaluations__status=Evaluation.WITHDRAWN),
                distinct=True,
            ),
            submitted=Count(
                "evaluations",
                filter=Q(evaluations__status=Evaluation.SUBMITTED),
                distinct=True,
            ),
        ).order_by("-start", "title")
    ]
    answers = Answer.objects.filter(
        evaluation__event__in=events.values("pk"), evaluation__status=Evaluation.SUBMITTED
    )
    presenters = [
        PresenterRow(row["presenter_name"], _mean(row["total"], row["n"]), row["n"], row["events"])
        for row in answers.exclude(presenter_name="")
        .filter(rating__isnull=False)
        .values("presenter_name")
        .annotate(
            total=Sum("rating"),
            n=Count("pk"),
            events=Count("evaluation__event", distinct=True),
        )
        .order_by("presenter_name")
    ]
    by_code = list(
        answers.values("code")
        .annotate(
            total=Sum("rating"),
            rated=Count("rating"),
            n=Count("pk"),
            events=Count("evaluation__event", distinct=True),
        )
        .order_by("code")
    )
    texts = _question_texts([row["code"] for row in by_code])
    codes = [
        CodeRow(
            row["code"],
            texts.get(row["code"], ""),
            _mean(row["total"], row["rated"]),
            row["n"],
            row["events"],
        )
        for row in by_code
    ]
    return Overview(event_rows, presenters, codes)
