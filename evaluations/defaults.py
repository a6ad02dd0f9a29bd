"""The standard evaluation: the questions accreditors expect after every CE program.

It asks about each learning objective, each presenter's knowledge and effectiveness, relevance
to practice, sensitivity to cultural and individual diversity, freedom from commercial bias and
overall satisfaction, and invites suggestions (participant evaluations are part of ACE and
NBCC practice: reference/license-requirements.md). `ensure_default_template` creates it once;
staff may then edit it, and it is never overwritten.
"""

from __future__ import annotations

from typing import Any

from django.db import IntegrityError, transaction

from evaluations.models import (
    RATING,
    SINGLE,
    TEXT,
    EvaluationTemplate,
    TemplateQuestion,
)

DEFAULT_TEMPLATE_NAME = "Standard CE evaluation"
DEFAULT_DESCRIPTION = (
    "Learning objectives, presenters, relevance, diversity, commercial bias and overall "
    "satisfaction: what accrediting bodies expect every CE program to be evaluated on."
)

ONCE = TemplateQuestion.ONCE
PER_OBJECTIVE = TemplateQuestion.PER_OBJECTIVE
PER_PRESENTER = TemplateQuestion.PER_PRESENTER

DEFAULT_QUESTIONS: list[dict[str, Any]] = [
    {
        "code": "objective",
        "kind": RATING,
        "repeat": PER_OBJECTIVE,
        "text": "I am able to {objective}.",
        "help_text": "One of the program's learning objectives.",
    },
    {
        "code": "presenter_knowledge",
        "kind": RATING,
        "repeat": PER_PRESENTER,
        "text": "{presenter} was knowledgeable about the subject.",
    },
    {
        "code": "presenter_effectiveness",
        "kind": RATING,
        "repeat": PER_PRESENTER,
        "text": "{presenter} presented the material effectively.",
    },
    {
        "code": "relevance",
        "kind": RATING,
        "text": "The content was relevant to my practice.",
    },
    {
        "code": "cultural_sensitivity",
        "kind": RATING,
        "text": "The program was sensitive to cultural and individual diversity.",
    },
    {
        "code": "commercial_bias",
        "kind": SINGLE,
        "text": "The content was free of commercial bias or promotion.",
        "choices": ["Yes", "No"],
    },
    {
        "code": "overall",
        "kind": RATING,
        "text": "Overall, I am satisfied with this program.",
    },
    {
        "code": "suggestions",
        "kind": TEXT,
        "text": "Suggestions for improving this program, or topics for future programs.",
        "required": False,
    },
]


def create_default_template(template_model: Any, question_model: Any) -> Any:
    """Create the default template unless one exists. Takes the model classes so the data
    migration can pass its historical models and code can pass the real ones."""
    existing = template_model.objects.filter(is_default=True).first()
    if existing is not None:
        return existing
    template, created = template_model.objects.get_or_create(
        name=DEFAULT_TEMPLATE_NAME, defaults={"description": DEFAULT_DESCRIPTION}
    )
    if not created:
        # Staff may have unmarked and edited it; make it the default again, as it is.
        template.is_default = True
        template.save(update_fields=["is_default"])
        return template
    template.is_default = True
    template.save(update_fields=["is_default"])
    for position, question in enumerate(DEFAULT_QUESTIONS, start=1):
        question_model.objects.create(
            template=template,
            position=position,
            code=question["code"],
            kind=question["kind"],
            text=question["text"],
            help_text=question.get("help_text", ""),
            required=question.get("required", True),
            repeat=question.get("repeat", ONCE),
            choices=question.get("choices", []),
            scale_low_label="Strongly disagree" if question["kind"] == RATING else "",
            scale_high_label="Strongly agree" if question["kind"] == RATING else "",
        )
    return template


def ensure_default_template() -> EvaluationTemplate:
    """The default template, created with the standard questions if there is none (idempotent).

    Called by the data migration and by every code path that needs a default, because a
    database emptied since (transactional tests, a flushed demo) must still find one.
    """
    try:
        with transaction.atomic():
            return create_default_template(EvaluationTemplate, TemplateQuestion)
    except IntegrityError:
        # Another process created it at the same moment (the name and default are unique).
        return EvaluationTemplate.objects.get(is_default=True)
