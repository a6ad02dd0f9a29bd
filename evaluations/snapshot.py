"""Turning a template into the questions one evaluation shows, fixed at issuance.

The result is plain data stored on the evaluation: editing or deleting the template later never
changes what an attendee saw or answered, and results can be read years later as asked.

A question dict: {"key", "code", "kind", "text", "help_text", "required", "choices", "low",
"high", "presenter"}. `key` is unique in the evaluation ("relevance", "objective-2",
"presenter_knowledge-1"); `code` is the template question's code, stable across events.
"""

from __future__ import annotations

import re
from typing import Any

from evaluations.models import MULTIPLE, RATING, SINGLE, EvaluationTemplate, TemplateQuestion
from events.models import Event

OBJECTIVE = "{objective}"
PRESENTER = "{presenter}"


# Objectives are often written "Participants will be able to describe …"; the question already
# says "I am able to".
LEADING_ABLE_TO = re.compile(
    r"^(?:participants|attendees|learners|you)\s+will\s+be\s+able\s+to\s+", re.IGNORECASE
)


def objective_phrase(objective: str) -> str:
    """An objective as it reads after "I am able to": "Describe the model." → "describe the
    model". Acronyms and names ("CBT", "DSM-5") keep their capitals."""
    phrase = LEADING_ABLE_TO.sub("", objective.strip()).rstrip(".").strip()
    first_word = phrase.split(" ", 1)[0]
    if len(first_word) > 1 and first_word[0].isupper() and first_word[1:].islower():
        phrase = phrase[0].lower() + phrase[1:]
    return phrase


def _fill(text: str, placeholder: str, value: str) -> str:
    # Plain replacement rather than str.format: staff text may contain other braces.
    if placeholder in text:
        return text.replace(placeholder, value)
    # A repeated question without its placeholder would show identical questions.
    return f"{text} ({value})"


def _question(
    question: TemplateQuestion, key: str, text: str, presenter: str = ""
) -> dict[str, Any]:
    rating = question.kind == RATING
    return {
        "key": key,
        "code": question.code,
        "kind": question.kind,
        "text": text,
        "help_text": question.help_text,
        "required": question.required,
        "choices": list(question.choices) if question.kind in (SINGLE, MULTIPLE) else [],
        "low": question.scale_low_label if rating else "",
        "high": question.scale_high_label if rating else "",
        "presenter": presenter,
    }


def build_questions(template: EvaluationTemplate, event: Event) -> list[dict[str, Any]]:
    """The template's questions for this event, in order, with every repeat expanded.

    A question repeated per objective or per presenter is left out when the event has none.
    """
    objectives = [o for o in (event.learning_objectives or []) if str(o).strip()]
    presenters = [
        str(ep.presenter)
        for ep in sorted(event.event_presenters.all(), key=lambda ep: (ep.position, ep.pk))
    ]
    questions: list[dict[str, Any]] = []
    # Sorted here rather than by the database, so prefetched questions cost no query.
    for question in sorted(template.questions.all(), key=lambda q: (q.position, q.pk)):
        if question.repeat == TemplateQuestion.PER_OBJECTIVE:
            for number, objective in enumerate(objectives, start=1):
                text = _fill(question.text, OBJECTIVE, objective_phrase(str(objective)))
                questions.append(_question(question, f"{question.code}-{number}", text))
        elif question.repeat == TemplateQuestion.PER_PRESENTER:
            for number, name in enumerate(presenters, start=1):
                text = _fill(question.text, PRESENTER, name)
                questions.append(_question(question, f"{question.code}-{number}", text, name))
        else:
            questions.append(_question(question, question.code, question.text))
    return questions
