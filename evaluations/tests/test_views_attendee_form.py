"""One evaluation: completing it (through submit_evaluation), and reading it once it is done,
closed or withdrawn. It is personal: nobody else sees the form or the questions."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from core.errors import DomainError
from evaluations.answers import SubmissionRefused
from evaluations.defaults import ensure_default_template
from evaluations.models import Answer, Evaluation
from evaluations.snapshot import build_questions
from evaluations.tests.view_helpers import ended_event, issue, page_text, submitted
from licensing.models import CECategory
from tests.factories import UserLicenseFactory

pytestmark = pytest.mark.django_db

ATTESTATION = (
    "I attended this event in its entirety, under my own name, and did not view it as a group"
)


def detail_url(evaluation: Evaluation) -> str:
    return reverse("evaluations:detail", args=[evaluation.pk])


def submit_url(evaluation: Evaluation) -> str:
    return reverse("evaluations:submit", args=[evaluation.pk])


def complete_answers(**overrides: object) -> dict[str, object]:
    data: dict[str, object] = {
        "q-relevance": "5",
        "q-presenter_knowledge-1": "4",
        "q-commercial_bias": "Yes",
        "q-formats": ["Slides", "Q&A"],
        "q-suggestions": "More case examples, please.",
        "attested": "on",
        "license": "",
        "category": "",
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


@pytest.fixture
def evaluation(dana):
    return issue(dana)


def test_the_form_asks_each_question_as_an_accessible_group(client, dana, evaluation):
    client.force_login(dana)

    text = page_text(client.get(detail_url(evaluation)))

    assert (
        '<legend class="question-text"><span class="question-number">1.</span> '
        "The content was relevant to my practice. "
        '<span class="required-mark">(required)</span></legend>' in text
    )
    # Each of the five points is a labelled radio button; the ends say what 1 and 5 mean.
    assert text.count('name="q-relevance"') == 5
    assert (
        '<label class="scale-point" for="id_q-relevance_0"><input type="radio" '
        'name="q-relevance" value="1" id="id_q-relevance_0" required> '
        '<span class="scale-number">1</span> <span class="scale-end">Strongly disagree</span>'
        in text
    )
    assert '<span class="scale-end">Strongly disagree</span>' in text
    assert '<span class="scale-end">Strongly agree</span>' in text
    assert 'type="checkbox" name="q-formats" value="Case examples"' in text
    assert '<label class="question-text" for="id_q-suggestions">' in text
    assert ATTESTATION in text
    assert "You can change this later in the CE Tracker." in text


def test_the_assignment_offers_my_licenses_and_only_the_events_categories(client, dana, evaluation):
    client.force_login(dana)

    text = page_text(client.get(detail_url(evaluation)))

    assert '<option value="" selected>Don&#x27;t assign now</option>' in text
    assert "CA LCSW — Licensed Clinical Social Worker" in text
    assert '<option value="" selected>General / decide later</option>' in text
    assert "Law and ethics" in text
    assert "Cultural diversity and competence" in text
    assert "Implicit bias" not in text


def test_submitting_stores_the_answers_and_shows_the_evaluation_complete(client, dana, evaluation):
    license = dana.licenses.get()
    category = CECategory.objects.get(code="law_ethics")
    client.force_login(dana)

    response = client.post(
        submit_url(evaluation),
        complete_answers(license=str(license.pk), category=str(category.pk)),
        follow=True,
    )

    evaluation.refresh_from_db()
    assert evaluation.status == Evaluation.SUBMITTED
    assert evaluation.attested
    assert evaluation.assigned_license == license
    assert evaluation.assigned_category == category
    answers = {a.key: a for a in evaluation.answers.all()}
    assert answers["relevance"].rating == 5
    assert answers["presenter_knowledge-1"].presenter_name == "Dr. Ana Ruiz"
    assert answers["formats"].choices == ["Slides", "Q&A"]
    assert answers["suggestions"].text == "More case examples, please."
    assert response.redirect_chain == [(detail_url(evaluation), 302)]
    text = page_text(response)
    assert "your evaluation of “Ethics in Telehealth” is submitted" in text
    assert "Your certificate is being issued now" in text


def test_optional_questions_may_be_left_empty(client, dana, evaluation):
    client.force_login(dana)

    client.post(
        submit_url(evaluation), complete_answers(**{"q-formats": None, "q-suggestions": ""})
    )

    evaluation.refresh_from_db()
    assert evaluation.status == Evaluation.SUBMITTED
    assert set(evaluation.answers.values_list("key", flat=True)) == {
        "relevance",
        "presenter_knowledge-1",
        "commercial_bias",
    }


def test_a_missing_required_answer_is_shown_next_to_its_question_and_nothing_is_saved(
    client, dana, evaluation
):
    client.force_login(dana)

    response = client.post(submit_url(evaluation), complete_answers(**{"q-relevance": None}))

    text = page_text(response)
    assert response.status_code == 200
    assert (
        '<fieldset class="question-group" aria-describedby="id_q-relevance_errors">' in text
        and '<ul class="errorlist" id="id_q-relevance_errors"><li>Answer this question: it is '
        "required.</li></ul>"
        in text
    )
    assert '<a href="#question-id_q-relevance">The content was relevant to my practice.</a>' in text
    # What was typed is kept, so nothing has to be answered twice.
    assert 'value="4" id="id_q-presenter_knowledge-1_3" required checked>' in text
    evaluation.refresh_from_db()
    assert evaluation.status == Evaluation.ISSUED
    assert not Answer.objects.filter(evaluation=evaluation).exists()


def test_the_attestation_is_required(client, dana, evaluation):
    client.force_login(dana)

    response = client.post(submit_url(evaluation), complete_answers(attested=None))

    text = page_text(response)
    assert '<ul class="errorlist" id="id_attested_errors"><li>Confirm that you attended' in text
    assert 'aria-describedby="id_attested_errors" aria-invalid="true"' in text
    evaluation.refresh_from_db()
    assert evaluation.status == Evaluation.ISSUED


def test_a_category_the_event_does_not_offer_is_refused(client, dana, evaluation):
    other = CECategory.objects.get(code="implicit_bias")
    client.force_login(dana)

    response = client.post(submit_url(evaluation), complete_answers(category=str(other.pk)))

    text = page_text(response)
    assert "Choose one of this event&#x27;s CE categories, or decide later." in text
    evaluation.refresh_from_db()
    assert evaluation.status == Evaluation.ISSUED
    assert evaluation.assigned_category is None


def test_someone_elses_license_cannot_be_chosen(client, dana, omar, evaluation):
    omars = UserLicenseFactory(user=omar)
    client.force_login(dana)

    response = client.post(submit_url(evaluation), complete_answers(license=str(omars.pk)))

    assert "Select a valid choice" in page_text(response)
    evaluation.refresh_from_db()
    assert evaluation.status == Evaluation.ISSUED


def test_every_refusal_of_the_service_is_shown_next_to_its_field(
    client, dana, evaluation, monkeypatch
):
    def refuse(*args, **kwargs):
        raise SubmissionRefused(
            [
                DomainError("answer_invalid", "Choose one of the answers.", field="formats"),
                DomainError("category_not_on_event", "Choose a category.", field="category"),
            ]
        )

    monkeypatch.setattr("evaluations.views.submit_evaluation", refuse)
    client.force_login(dana)

    text = page_text(client.post(submit_url(evaluation), complete_answers()))

    assert '<ul class="errorlist" id="id_q-formats_errors"><li>Choose one of the answers.' in text
    assert '<ul class="errorlist" id="id_category_errors"><li>Choose a category.' in text
    assert "Please fix these 2 problems" in text


def test_a_refusal_about_no_field_is_said_at_the_top(client, dana, evaluation, monkeypatch):
    def refuse(*args, **kwargs):
        raise DomainError("evaluation_closed", "The deadline for this evaluation has passed.")

    monkeypatch.setattr("evaluations.views.submit_evaluation", refuse)
    client.force_login(dana)

    response = client.post(submit_url(evaluation), complete_answers(), follow=True)

    assert "Not submitted: The deadline for this evaluation has passed." in page_text(response)


def test_someone_elses_evaluation_is_refused_without_showing_its_questions(
    client, omar, evaluation
):
    client.force_login(omar)

    for response in (
        client.get(detail_url(evaluation)),
        client.post(submit_url(evaluation), complete_answers()),
    ):
        text = page_text(response)
        assert response.status_code == 403
        assert "Evaluations are personal" in text
        assert "relevant to my practice" not in text
        assert "<form" not in text.split("</header>", 1)[1]
    evaluation.refresh_from_db()
    assert evaluation.status == Evaluation.ISSUED


def test_anonymous_visitors_are_sent_to_log_in(client, evaluation):
    response = client.get(detail_url(evaluation))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_submitting_accepts_only_post(client, dana, evaluation):
    client.force_login(dana)

    assert client.get(submit_url(evaluation)).status_code == 405


def test_a_complete_evaluation_reads_back_without_a_form(client, dana, evaluation):
    license = dana.licenses.get()
    submitted(
        evaluation,
        {"relevance": 5, "commercial_bias": "Yes", "formats": ["Slides"]},
        submitted_at=dt.datetime(2026, 12, 9, 17, 30, tzinfo=dt.UTC),
        assigned_license=license,
    )
    client.force_login(dana)

    text = page_text(client.get(detail_url(evaluation)))

    assert "Submitted Wednesday, December 9, 2026, 9:30 AM PST" in text
    assert "Your certificate is being issued now" in text
    assert "<strong>5</strong> out of 5" in text
    assert "CA LCSW — Licensed Clinical Social Worker" in text
    assert "No answer" in text  # the presenter question was left unanswered in this set-up
    assert 'type="radio"' not in text
    assert reverse("evaluations:submit", args=[evaluation.pk]) not in text


def test_resubmitting_a_complete_evaluation_changes_nothing(client, dana, evaluation):
    submitted(evaluation, {"relevance": 2})
    client.force_login(dana)

    response = client.post(submit_url(evaluation), complete_answers())

    assert response.status_code == 302
    assert evaluation.answers.get(key="relevance").rating == 2


def test_a_closed_evaluation_says_the_deadline_passed_and_whom_to_contact(client, dana):
    evaluation = issue(dana, deadline=timezone.now() - dt.timedelta(minutes=5))
    client.force_login(dana)

    text = page_text(client.get(detail_url(evaluation)))

    assert "The deadline has passed" in text
    assert "staff can reopen it for you" in text
    assert 'type="radio"' not in text
    assert "relevant to my practice" not in text


def test_posting_to_a_closed_evaluation_stores_nothing(client, dana):
    evaluation = issue(dana, deadline=timezone.now() - dt.timedelta(minutes=5))
    client.force_login(dana)

    response = client.post(submit_url(evaluation), complete_answers())

    assert response.status_code == 302
    assert not evaluation.answers.exists()


def test_a_withdrawn_evaluation_explains_why(client, dana):
    evaluation = issue(
        dana,
        status=Evaluation.WITHDRAWN,
        withdrawn_at=timezone.now(),
        withdrawn_reason="Your registration for this event was cancelled.",
    )
    client.force_login(dana)

    text = page_text(client.get(detail_url(evaluation)))

    assert "This evaluation was withdrawn" in text
    assert "Your registration for this event was cancelled." in text
    assert 'type="radio"' not in text


def test_the_standard_template_renders_one_question_per_objective_and_presenter(client, dana):
    event = ended_event(learning_objectives=["Describe the model.", "Apply two techniques."])
    questions = build_questions(ensure_default_template(), event)
    evaluation = issue(dana, event, questions=questions)
    client.force_login(dana)

    text = page_text(client.get(detail_url(evaluation)))

    assert "I am able to describe the model." in text
    assert "I am able to apply two techniques." in text
    assert text.count('class="question-group"') == len(questions) - 1  # free text is a label
