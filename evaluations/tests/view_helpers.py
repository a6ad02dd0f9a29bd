"""Shared set-up for the evaluation view tests: an event that has ended, and evaluations issued
directly with a known snapshot of questions (issuance itself is tested with the services)."""

from __future__ import annotations

import copy
import datetime as dt
from decimal import Decimal
from typing import Any

from django.contrib.auth.models import Permission
from django.utils import timezone

from accounts.models import User
from evaluations.models import Answer, Evaluation
from events.models import Event
from tests.factories import EventFactory, RegistrationFactory

MANAGE = "manage_evaluations"


def rating(key: str, text: str, *, code: str = "", presenter: str = "") -> dict[str, Any]:
    return {
        "key": key,
        "code": code or key,
        "kind": "rating",
        "text": text,
        "help_text": "",
        "required": True,
        "choices": [],
        "low": "Strongly disagree",
        "high": "Strongly agree",
        "presenter": presenter,
    }


def choice(key: str, text: str, choices: list[str], *, kind: str = "single", required=True):
    return {
        "key": key,
        "code": key,
        "kind": kind,
        "text": text,
        "help_text": "",
        "required": required,
        "choices": choices,
        "low": "",
        "high": "",
        "presenter": "",
    }


def free_text(key: str, text: str, *, required: bool = False) -> dict[str, Any]:
    return {
        "key": key,
        "code": key,
        "kind": "text",
        "text": text,
        "help_text": "Optional: anything we should know.",
        "required": required,
        "choices": [],
        "low": "",
        "high": "",
        "presenter": "",
    }


QUESTIONS = [
    rating("relevance", "The content was relevant to my practice."),
    rating(
        "presenter_knowledge-1",
        "Dr. Ana Ruiz was knowledgeable about the subject.",
        code="presenter_knowledge",
        presenter="Dr. Ana Ruiz",
    ),
    choice("commercial_bias", "The content was free of commercial bias.", ["Yes", "No"]),
    choice(
        "formats",
        "Which parts helped you most?",
        ["Slides", "Case examples", "Q&A"],
        kind="multiple",
        required=False,
    ),
    free_text("suggestions", "Suggestions for improving this program."),
]


def ended_event(**kwargs: Any) -> Event:
    """A 2-hour webinar that ended yesterday, offering law and ethics and cultural diversity."""
    start = (timezone.now() - dt.timedelta(days=1, hours=3)).replace(microsecond=0)
    defaults: dict[str, Any] = {
        "title": "Ethics in Telehealth",
        "start": start,
        "end": start + dt.timedelta(hours=2),
        "advertised_hours": Decimal("2"),
        "categories": ["law_ethics", "cultural_diversity"],
    }
    return EventFactory(**(defaults | kwargs))


def issue(
    user: User | None,
    event: Event | None = None,
    *,
    questions: list[dict[str, Any]] | None = None,
    deadline: dt.datetime | None = None,
    **fields: Any,
) -> Evaluation:
    event = event or ended_event()
    registration = RegistrationFactory(event=event, **({"user": user} if user else {}))
    now = timezone.now()
    return Evaluation.objects.create(
        registration=registration,
        event=event,
        questions=copy.deepcopy(QUESTIONS if questions is None else questions),
        issued_at=fields.pop("issued_at", now - dt.timedelta(hours=12)),
        deadline=deadline or now + dt.timedelta(days=30),
        **fields,
    )


def submitted(evaluation: Evaluation, answers: dict[str, Any], **fields: Any) -> Evaluation:
    """Mark an evaluation submitted with these answers, as the service stores them."""
    by_key = {question["key"]: question for question in evaluation.questions}
    for key, value in answers.items():
        question = by_key[key]
        values: dict[str, Any] = {}
        if question["kind"] == "rating":
            values["rating"] = value
        elif question["kind"] == "text":
            values["text"] = value
        else:
            values["choices"] = value if isinstance(value, list) else [value]
        Answer.objects.create(
            evaluation=evaluation,
            key=key,
            code=question["code"],
            presenter_name=question["presenter"],
            **values,
        )
    evaluation.status = Evaluation.SUBMITTED
    evaluation.submitted_at = fields.pop("submitted_at", timezone.now())
    evaluation.attested = True
    for name, value in fields.items():
        setattr(evaluation, name, value)
    evaluation.save()
    return evaluation


def with_evaluation_permission(user: User) -> User:
    """The clinical staff group gets it through accounts/roles.py; grant it directly so the tests
    do not depend on the group's list."""
    user.user_permissions.add(
        Permission.objects.get(content_type__app_label="evaluations", codename=MANAGE)
    )
    return User.objects.get(pk=user.pk)  # a fresh instance: permissions are cached per object


def page_text(response) -> str:
    """The page's text with whitespace folded, so assertions read like the page."""
    return " ".join(response.content.decode().split())
