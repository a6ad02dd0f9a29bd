"""Staff edit evaluation templates and their questions; issued evaluations never change."""

from __future__ import annotations

import pytest
from django.urls import reverse

from core.models import AuditEntry
from evaluations.defaults import ensure_default_template
from evaluations.models import EvaluationTemplate
from evaluations.snapshot import build_questions
from evaluations.tests.view_helpers import (
    ended_event,
    issue,
    page_text,
    with_evaluation_permission,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff(client, sam_staff):
    user = with_evaluation_permission(sam_staff)
    client.force_login(user)
    return user


def question(**fields: object) -> dict[str, object]:
    row = {
        "position": "",
        "code": "",
        "kind": "rating",
        "text": "",
        "help_text": "",
        "required": "on",
        "repeat": "once",
        "choices": "",
        "scale_low_label": "Strongly disagree",
        "scale_high_label": "Strongly agree",
    }
    row.update(fields)
    return {key: value for key, value in row.items() if value is not None}


def template_data(rows: list[dict[str, object]], *, initial: int = 0, **fields: object):
    data: dict[str, object] = {
        "name": "Short evaluation",
        "description": "",
        "questions-TOTAL_FORMS": str(len(rows)),
        "questions-INITIAL_FORMS": str(initial),
        "questions-MIN_NUM_FORMS": "0",
        "questions-MAX_NUM_FORMS": "1000",
    }
    data.update(fields)
    for index, row in enumerate(rows):
        for key, value in row.items():
            data[f"questions-{index}-{key}"] = value
    return data


def test_staff_create_a_template_with_its_questions_in_position_order(client, staff):
    rows = [
        question(position="2", code="overall", text="Overall, I am satisfied."),
        question(
            position="1",
            code="format",
            kind="single",
            text="How did you attend?",
            choices="Computer\n\n Phone \nComputer",
        ),
        question(),  # an unused extra row, as the page sends it
    ]

    response = client.post(reverse("evaluations:staff_template_new"), template_data(rows))

    assert response.status_code == 302
    template = EvaluationTemplate.objects.get(name="Short evaluation")
    questions = list(template.questions.all())
    assert [(q.position, q.code) for q in questions] == [(1, "format"), (2, "overall")]
    assert questions[0].choices == ["Computer", "Phone"]
    assert questions[1].choices == []
    assert AuditEntry.objects.filter(action="evaluation_template.created").exists()


def test_a_choice_question_needs_two_choices(client, staff):
    rows = [question(code="format", kind="single", text="How did you attend?", choices="Zoom")]

    response = client.post(reverse("evaluations:staff_template_new"), template_data(rows))

    assert "Give at least two choices, one per line." in page_text(response)
    assert not EvaluationTemplate.objects.filter(name="Short evaluation").exists()


def test_question_codes_are_unique_in_a_template(client, staff):
    rows = [
        question(code="overall", text="Overall, I am satisfied."),
        question(code="overall", text="I would recommend it."),
    ]

    response = client.post(reverse("evaluations:staff_template_new"), template_data(rows))

    assert "The code “overall” is used twice" in page_text(response)


def test_editing_a_template_never_changes_an_issued_evaluation(client, staff, dana):
    template = ensure_default_template()
    event = ended_event(learning_objectives=["Describe the model."])
    evaluation = issue(dana, event, questions=build_questions(template, event))
    issued = list(evaluation.questions)
    url = reverse("evaluations:staff_template_edit", args=[template.pk])
    page = page_text(client.get(url))
    assert "Issued evaluations never change." in page
    rows = [
        question(
            code=q.code,
            kind=q.kind,
            text="How relevant was it?" if q.code == "relevance" else q.text,
            required="on" if q.required else None,
            repeat=q.repeat,
            choices="\n".join(q.choices),
        )
        for q in template.questions.all()
    ]

    response = client.post(url, template_data(rows, initial=len(rows), name=template.name))

    assert response.status_code == 302
    assert template.questions.get(code="relevance").text == "How relevant was it?"
    evaluation.refresh_from_db()
    assert evaluation.questions == issued
    client.force_login(dana)
    attendee_page = page_text(client.get(reverse("evaluations:detail", args=[evaluation.pk])))
    assert "The content was relevant to my practice." in attendee_page
    assert "How relevant was it?" not in attendee_page


def test_removing_a_question_keeps_the_rest(client, staff):
    template = ensure_default_template()
    rows = [
        question(
            code=q.code,
            kind=q.kind,
            text=q.text,
            repeat=q.repeat,
            choices="\n".join(q.choices),
            DELETE="on" if q.code == "suggestions" else None,
        )
        for q in template.questions.all()
    ]

    client.post(
        reverse("evaluations:staff_template_edit", args=[template.pk]),
        template_data(rows, initial=len(rows), name=template.name),
    )

    assert not template.questions.filter(code="suggestions").exists()
    assert template.questions.count() == len(rows) - 1


def test_setting_a_template_as_default_replaces_the_old_default(client, staff):
    standard = ensure_default_template()
    short = EvaluationTemplate.objects.create(name="Short evaluation")

    response = client.post(reverse("evaluations:staff_template_default", args=[short.pk]))

    assert response.status_code == 302
    short.refresh_from_db()
    standard.refresh_from_db()
    assert short.is_default and not standard.is_default


def test_the_list_shows_each_template_and_which_is_the_default(client, staff):
    ensure_default_template()
    EvaluationTemplate.objects.create(name="Short evaluation")

    text = page_text(client.get(reverse("evaluations:staff_templates")))

    assert 'Standard CE evaluation</a> <span class="badge badge-success">Default</span>' in text
    assert 'Set as default<span class="visually-hidden">: Short evaluation</span>' in text
    assert "issued evaluations keep a copy of the questions" in text
