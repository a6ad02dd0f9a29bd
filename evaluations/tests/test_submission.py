"""Submission is final and attested; it stores every answer at once, assigns the credit to one
of the attendee's licenses and one of the event's categories, and starts the certificate."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine

from core.errors import DomainError
from core.models import AuditEntry
from evaluations.models import (
    Answer,
    Evaluation,
    EvaluationTemplate,
    EventEvaluation,
    TemplateQuestion,
)
from evaluations.services import submit_evaluation, withdraw_evaluation
from evaluations.signals import evaluation_submitted
from evaluations.tests.attendance_helpers import (
    IMPORTED,
    connect,
    decide_and_run,
    ended_event,
    register,
)
from events.models import EventPresenter, Presenter
from licensing.models import CECategory
from tests.factories import UserLicenseFactory

SOON = IMPORTED + dt.timedelta(days=1)


@pytest.fixture
def event(db):
    event = ended_event(
        learning_objectives=["Describe the model"], categories=["general", "law_ethics"]
    )
    presenter = Presenter.objects.create(name="Maya Chen", credentials="PhD")
    EventPresenter.objects.create(event=event, presenter=presenter)
    return event


@pytest.fixture
def evaluation(event, dana, run_tasks):
    connect(event, register(event, dana))
    decide_and_run(event, run_tasks)
    return Evaluation.objects.get()


@pytest.fixture(autouse=True)
def _now():
    with time_machine.travel(SOON, tick=False):
        yield


def complete() -> dict[str, object]:
    return {
        "objective-1": 5,
        "presenter_knowledge-1": 4,
        "presenter_effectiveness-1": "3",
        "relevance": 5,
        "cultural_sensitivity": 4,
        "commercial_bias": "Yes",
        "overall": 5,
        "suggestions": "  More role-play, please.  ",
    }


def refusal(evaluation, user, **overrides) -> DomainError:
    kwargs = {"answers": complete(), "attested": True} | overrides
    with pytest.raises(DomainError) as caught:
        submit_evaluation(evaluation, user=user, **kwargs)
    return caught.value


def test_submission_stores_every_answer_and_is_final(evaluation, dana):
    submitted = submit_evaluation(evaluation, user=dana, answers=complete(), attested=True)

    assert submitted.status == Evaluation.SUBMITTED
    assert submitted.submitted_at == SOON
    assert submitted.attested is True
    assert submitted.display_status == "complete"
    stored = {a.key: (a.code, a.rating, a.choices, a.text) for a in Answer.objects.all()}
    assert stored == {
        "objective-1": ("objective", 5, [], ""),
        "presenter_knowledge-1": ("presenter_knowledge", 4, [], ""),
        "presenter_effectiveness-1": ("presenter_effectiveness", 3, [], ""),
        "relevance": ("relevance", 5, [], ""),
        "cultural_sensitivity": ("cultural_sensitivity", 4, [], ""),
        "commercial_bias": ("commercial_bias", None, ["Yes"], ""),
        "overall": ("overall", 5, [], ""),
        "suggestions": ("suggestions", None, [], "More role-play, please."),
    }


def test_presenter_answers_name_the_presenter(evaluation, dana):
    submit_evaluation(evaluation, user=dana, answers=complete(), attested=True)

    assert Answer.objects.get(key="presenter_knowledge-1").presenter_name == "Maya Chen, PhD"


def test_an_optional_question_may_be_left_blank(evaluation, dana):
    submit_evaluation(
        evaluation, user=dana, answers=complete() | {"suggestions": ""}, attested=True
    )

    assert not Answer.objects.filter(key="suggestions").exists()


def test_submitting_again_is_refused(evaluation, dana):
    submit_evaluation(evaluation, user=dana, answers=complete(), attested=True)

    assert refusal(evaluation, dana).code == "already_submitted"


def test_someone_elses_evaluation_cannot_be_submitted(evaluation, omar):
    assert refusal(evaluation, omar).code == "not_yours"


def test_a_withdrawn_evaluation_cannot_be_submitted(evaluation, dana):
    withdraw_evaluation(evaluation, "Staff correction")

    assert refusal(evaluation, dana).code == "evaluation_withdrawn"


def test_the_attestation_is_required(evaluation, dana):
    problem = refusal(evaluation, dana, attested=False)

    assert (problem.code, problem.field) == ("attestation_required", "attested")


def test_a_required_question_left_blank_is_refused_by_its_key(evaluation, dana):
    answers = complete()
    del answers["relevance"]

    problem = refusal(evaluation, dana, answers=answers)

    assert (problem.code, problem.field) == ("answer_required", "relevance")


def test_a_rating_outside_1_to_5_is_refused(evaluation, dana):
    problem = refusal(evaluation, dana, answers=complete() | {"overall": 6})

    assert (problem.code, problem.field) == ("answer_invalid", "overall")


def test_a_choice_that_was_not_offered_is_refused(evaluation, dana):
    problem = refusal(evaluation, dana, answers=complete() | {"commercial_bias": "Maybe"})

    assert (problem.code, problem.field) == ("answer_invalid", "commercial_bias")


def test_every_problem_is_reported_at_once(evaluation, dana):
    answers = complete() | {"overall": 0, "relevance": ""}

    problem = refusal(evaluation, dana, answers=answers, attested=False)

    assert [(p.code, p.field) for p in problem.problems] == [
        ("attestation_required", "attested"),
        ("answer_required", "relevance"),
        ("answer_invalid", "overall"),
    ]


def test_a_refused_submission_stores_nothing(evaluation, dana):
    refusal(evaluation, dana, answers=complete() | {"overall": 9})

    assert not Answer.objects.exists()
    assert Evaluation.objects.get().status == Evaluation.ISSUED


def test_the_credit_is_assigned_to_the_attendees_license_and_a_category_of_the_event(
    evaluation, dana
):
    license = dana.licenses.get()
    ethics = CECategory.objects.get(code="law_ethics")

    submitted = submit_evaluation(
        evaluation, user=dana, answers=complete(), attested=True, license=license, category=ethics
    )

    assert (submitted.assigned_license, submitted.assigned_category) == (license, ethics)


def test_someone_elses_license_is_refused(evaluation, dana, omar):
    theirs = UserLicenseFactory(user=omar)

    problem = refusal(evaluation, dana, license=theirs)

    assert (problem.code, problem.field) == ("license_not_yours", "license")


def test_a_category_the_event_does_not_carry_is_refused(evaluation, dana):
    other = CECategory.objects.exclude(code__in=["general", "law_ethics"]).first()

    problem = refusal(evaluation, dana, category=other)

    assert (problem.code, problem.field) == ("category_not_on_event", "category")


def test_a_submission_announces_itself_for_the_certificate(evaluation, dana):
    received: list[int] = []

    def receiver(sender, evaluation_id, **kwargs):
        received.append(evaluation_id)

    evaluation_submitted.connect(receiver)
    try:
        submit_evaluation(evaluation, user=dana, answers=complete(), attested=True)
    finally:
        evaluation_submitted.disconnect(receiver)

    assert received == [evaluation.pk]


def test_a_refused_submission_announces_nothing(evaluation, dana):
    received: list[int] = []

    def receiver(sender, evaluation_id, **kwargs):
        received.append(evaluation_id)

    evaluation_submitted.connect(receiver)
    try:
        refusal(evaluation, dana, attested=False)
    finally:
        evaluation_submitted.disconnect(receiver)

    assert received == []


def test_a_submission_is_on_the_audit_record(evaluation, dana):
    submit_evaluation(evaluation, user=dana, answers=complete(), attested=True)

    entry = AuditEntry.objects.get(action="evaluation.submitted")
    assert (entry.actor, entry.target_id) == (dana, str(evaluation.pk))


def test_multiple_choice_answers_are_stored_in_the_questions_order(event, dana, run_tasks):
    template = EvaluationTemplate.objects.create(name="Formats")
    TemplateQuestion.objects.create(
        template=template,
        code="formats",
        kind="multiple",
        text="Which formats would you attend?",
        choices=["Webinar", "Workshop", "Recording"],
    )
    EventEvaluation.objects.create(event=event, template=template)
    connect(event, register(event, dana))
    decide_and_run(event, run_tasks, at=SOON)
    evaluation = Evaluation.objects.get()

    submit_evaluation(
        evaluation, user=dana, answers={"formats": ["Recording", "Webinar"]}, attested=True
    )

    assert Answer.objects.get().choices == ["Webinar", "Recording"]


def test_a_multiple_choice_answer_outside_the_choices_is_refused(event, dana, run_tasks):
    template = EvaluationTemplate.objects.create(name="Formats")
    TemplateQuestion.objects.create(
        template=template, code="formats", kind="multiple", text="Formats?", choices=["Webinar"]
    )
    EventEvaluation.objects.create(event=event, template=template)
    connect(event, register(event, dana))
    decide_and_run(event, run_tasks, at=SOON)

    problem = refusal(Evaluation.objects.get(), dana, answers={"formats": ["Podcast"]})

    assert (problem.code, problem.field) == ("answer_invalid", "formats")
