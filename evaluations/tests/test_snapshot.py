"""The questions an evaluation shows are fixed when it is issued, with every learning objective
and every presenter asked about by name; the default template asks what accreditors expect."""

from __future__ import annotations

import pytest

from evaluations.defaults import DEFAULT_TEMPLATE_NAME, ensure_default_template
from evaluations.models import Evaluation, EvaluationTemplate, TemplateQuestion
from evaluations.snapshot import build_questions, objective_phrase
from evaluations.tests.attendance_helpers import connect, decide_and_run, ended_event, register
from events.models import EventPresenter, Presenter


def presenters(event, *people: tuple[str, str]) -> None:
    for position, (name, credentials) in enumerate(people):
        presenter, _ = Presenter.objects.get_or_create(name=name, credentials=credentials)
        EventPresenter.objects.create(event=event, presenter=presenter, position=position)


@pytest.fixture
def event(db):
    event = ended_event(learning_objectives=["Describe the stages of change", "Apply MI skills"])
    presenters(event, ("Maya Chen", "PhD"), ("Luis Ortega", "LCSW"))
    return event


def test_the_default_template_is_installed_by_the_migrations(db):
    template = EvaluationTemplate.objects.get(is_default=True)
    assert template.name == DEFAULT_TEMPLATE_NAME


def test_the_default_template_asks_what_accreditors_expect(db):
    questions = list(ensure_default_template().questions.order_by("position"))

    assert [(q.code, q.kind, q.repeat) for q in questions] == [
        ("objective", "rating", "per_objective"),
        ("presenter_knowledge", "rating", "per_presenter"),
        ("presenter_effectiveness", "rating", "per_presenter"),
        ("relevance", "rating", "once"),
        ("cultural_sensitivity", "rating", "once"),
        ("commercial_bias", "single", "once"),
        ("overall", "rating", "once"),
        ("suggestions", "text", "once"),
    ]
    assert [q.code for q in questions if not q.required] == ["suggestions"]
    assert questions[5].choices == ["Yes", "No"]
    assert questions[5].text == "The content was free of commercial bias or promotion."


def test_ensuring_the_default_template_twice_creates_it_once(db):
    EvaluationTemplate.objects.all().delete()

    first = ensure_default_template()
    second = ensure_default_template()

    assert first == second
    assert EvaluationTemplate.objects.count() == 1
    assert first.questions.count() == 8


def test_ensuring_the_default_keeps_staff_edits(db):
    template = ensure_default_template()
    template.questions.filter(code="relevance").update(text="Useful for my clients.")

    ensure_default_template()

    assert template.questions.get(code="relevance").text == "Useful for my clients."


def test_each_learning_objective_gets_its_own_question(event):
    questions = build_questions(ensure_default_template(), event)

    objectives = [q for q in questions if q["code"] == "objective"]
    assert [(q["key"], q["text"]) for q in objectives] == [
        ("objective-1", "I am able to describe the stages of change."),
        ("objective-2", "I am able to apply MI skills."),
    ]


def test_each_presenter_is_rated_by_name_in_the_events_order(event):
    questions = build_questions(ensure_default_template(), event)

    knowledge = [q for q in questions if q["code"] == "presenter_knowledge"]
    assert [(q["key"], q["presenter"], q["text"]) for q in knowledge] == [
        (
            "presenter_knowledge-1",
            "Maya Chen, PhD",
            "Maya Chen, PhD was knowledgeable about the subject.",
        ),
        (
            "presenter_knowledge-2",
            "Luis Ortega, LCSW",
            "Luis Ortega, LCSW was knowledgeable about the subject.",
        ),
    ]


def test_an_event_without_presenters_has_no_presenter_questions(db):
    event = ended_event(learning_objectives=["Describe the model"])

    codes = {q["code"] for q in build_questions(ensure_default_template(), event)}

    assert codes == {
        "objective",
        "relevance",
        "cultural_sensitivity",
        "commercial_bias",
        "overall",
        "suggestions",
    }


def test_a_snapshot_question_carries_everything_the_page_needs(event):
    questions = {q["key"]: q for q in build_questions(ensure_default_template(), event)}

    assert questions["relevance"] == {
        "key": "relevance",
        "code": "relevance",
        "kind": "rating",
        "text": "The content was relevant to my practice.",
        "help_text": "",
        "required": True,
        "choices": [],
        "low": "Strongly disagree",
        "high": "Strongly agree",
        "presenter": "",
    }
    assert questions["commercial_bias"]["choices"] == ["Yes", "No"]
    assert questions["commercial_bias"]["low"] == ""
    assert questions["suggestions"]["required"] is False


def test_editing_the_template_after_issuance_does_not_change_the_evaluation(event, dana, run_tasks):
    connect(event, register(event, dana))
    decide_and_run(event, run_tasks)
    issued = Evaluation.objects.get().questions

    template = EvaluationTemplate.objects.get(is_default=True)
    template.questions.filter(code="overall").update(text="Rate the venue.")
    template.questions.filter(code="suggestions").delete()
    TemplateQuestion.objects.create(template=template, code="new", kind="text", text="New?")
    Presenter.objects.filter(name="Maya Chen").update(name="Maya Chen-Ortiz")

    evaluation = Evaluation.objects.get()
    assert evaluation.questions == issued
    assert "Overall, I am satisfied with this program." in [q["text"] for q in issued]


def test_questions_follow_the_templates_order(event):
    template = EvaluationTemplate.objects.create(name="Short")
    TemplateQuestion.objects.create(template=template, position=2, code="b", kind="text", text="B")
    TemplateQuestion.objects.create(template=template, position=1, code="a", kind="text", text="A")

    assert [q["key"] for q in build_questions(template, event)] == ["a", "b"]


def test_a_repeated_question_without_its_placeholder_still_names_what_it_asks_about(event):
    template = EvaluationTemplate.objects.create(name="Loose")
    TemplateQuestion.objects.create(
        template=template,
        code="met",
        kind="rating",
        text="This objective was met.",
        repeat=TemplateQuestion.PER_OBJECTIVE,
    )

    texts = [q["text"] for q in build_questions(template, event)]

    assert texts == [
        "This objective was met. (describe the stages of change)",
        "This objective was met. (apply MI skills)",
    ]


@pytest.mark.parametrize(
    ("objective", "phrase"),
    [
        ("Describe the model.", "describe the model"),
        ("DSM-5 criteria for PTSD", "DSM-5 criteria for PTSD"),
        ("Participants will be able to list three risk factors.", "list three risk factors"),
        ("  identify  ", "identify"),
    ],
)
def test_objectives_read_naturally_after_i_am_able_to(objective, phrase):
    assert objective_phrase(objective) == phrase
