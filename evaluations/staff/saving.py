"""What the staff pages change: templates and their questions, the default template, and an
event's evaluation settings. Each change is one transaction with an audit entry.

Issued evaluations carry their own copy of the questions, so nothing here reaches them.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction

from accounts.models import User
from core.audit import record
from evaluations.models import EvaluationTemplate, EventEvaluation, TemplateQuestion
from evaluations.services import evaluation_setup
from events.models import Event


@dataclass(frozen=True)
class QuestionDraft:
    code: str
    kind: str
    text: str
    help_text: str = ""
    required: bool = True
    repeat: str = TemplateQuestion.ONCE
    choices: tuple[str, ...] = ()
    scale_low_label: str = ""
    scale_high_label: str = ""


def _make_default(template: EvaluationTemplate) -> None:
    # One default at a time (a database constraint): the old one steps down first.
    EvaluationTemplate.objects.filter(is_default=True).exclude(pk=template.pk).update(
        is_default=False
    )
    if not template.is_default:
        template.is_default = True
        template.save(update_fields=["is_default", "updated_at"])


@transaction.atomic
def save_template(
    template: EvaluationTemplate | None,
    *,
    name: str,
    description: str,
    questions: list[QuestionDraft],
    make_default: bool,
    actor: User,
) -> EvaluationTemplate:
    """Create or replace a template and its questions, in the order given."""
    created = template is None
    template = template or EvaluationTemplate()
    template.name = name
    template.description = description
    template.save()
    # Questions are replaced as a whole: nothing refers to a question row (answers and issued
    # evaluations keep the code and a copy of the text), so there is nothing to keep in step.
    template.questions.all().delete()
    TemplateQuestion.objects.bulk_create(
        TemplateQuestion(
            template=template,
            position=position,
            code=draft.code,
            kind=draft.kind,
            text=draft.text,
            help_text=draft.help_text,
            required=draft.required,
            repeat=draft.repeat,
            choices=list(draft.choices),
            scale_low_label=draft.scale_low_label,
            scale_high_label=draft.scale_high_label,
        )
        for position, draft in enumerate(questions, start=1)
    )
    if make_default:
        _make_default(template)
    record(
        actor,
        "evaluation_template.created" if created else "evaluation_template.changed",
        template,
        codes=[draft.code for draft in questions],
        default=template.is_default,
    )
    return template


@transaction.atomic
def make_default_template(template: EvaluationTemplate, *, actor: User) -> None:
    _make_default(template)
    record(actor, "evaluation_template.made_default", template)


@transaction.atomic
def change_event_setup(
    event: Event, *, template: EvaluationTemplate, deadline_days: int, actor: User
) -> EventEvaluation:
    """Which template and deadline apply to the evaluations issued for `event` from now on."""
    setup = evaluation_setup(event)
    before = {"template": setup.template.name, "deadline_days": setup.deadline_days}
    setup.template = template
    setup.deadline_days = deadline_days
    setup.save(update_fields=["template", "deadline_days"])
    record(
        actor,
        "evaluation_setup.changed",
        event,
        before=before,
        after={"template": template.name, "deadline_days": deadline_days},
    )
    return setup
