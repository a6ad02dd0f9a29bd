"""After an event attended in full: the attendee completes the evaluation from CE Wallet →
Evaluations, assigning the hours to a license; staff read the results."""

import datetime as dt
import re
from decimal import Decimal

import pytest
from django.contrib.auth.models import Permission
from django.utils import timezone
from playwright.sync_api import expect

from evaluations.defaults import ensure_default_template
from evaluations.models import Evaluation
from evaluations.snapshot import build_questions
from evaluations.tests.view_helpers import submitted
from events.models import EventPresenter, Presenter
from licensing.models import CECategory
from tests.factories import (
    PASSWORD,
    EventFactory,
    RegistrationFactory,
    UserFactory,
    decided_eligible,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def log_in(page, email):
    page.goto("/accounts/login/")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign In").click()


@pytest.fixture
def attended(db):
    """A webinar that ended yesterday, with one presenter and two learning objectives."""
    start = (timezone.now() - dt.timedelta(days=1, hours=3)).replace(second=0, microsecond=0)
    event = EventFactory(
        title="Ethics in Telehealth",
        slug="ethics-in-telehealth",
        time_zone="America/Los_Angeles",
        start=start,
        end=start + dt.timedelta(hours=2),
        advertised_hours=Decimal("2"),
        learning_objectives=[
            "Describe three risks of telehealth practice across state lines.",
            "Apply an informed-consent checklist for video sessions.",
        ],
        categories=["general", "law_ethics"],
    )
    presenter = Presenter.objects.create(name="Ana Ruiz", credentials="PhD")
    EventPresenter.objects.create(event=event, presenter=presenter, position=1)
    return event


def issue(event, user):
    registration = RegistrationFactory(event=event, user=user)
    decided_eligible(registration)
    now = timezone.now()
    return Evaluation.objects.create(
        registration=registration,
        event=event,
        template=ensure_default_template(),
        questions=build_questions(ensure_default_template(), event),
        issued_at=now - dt.timedelta(hours=20),
        deadline=now + dt.timedelta(days=30),
    )


def rate(page, question, label):
    page.get_by_role("group", name=question).get_by_label(label, exact=True).check()


def test_an_attendee_completes_their_evaluation_and_assigns_it_to_a_license(
    page, dana, attended, screenshot
):
    evaluation = issue(attended, dana)
    log_in(page, dana.email)

    page.get_by_role("navigation", name="Main").get_by_text("CE Wallet").click()
    page.get_by_role("link", name="Evaluations").click()
    expect(page.get_by_role("heading", name="Evaluations", exact=True)).to_be_visible()
    row = page.get_by_role("row", name="Ethics in Telehealth")
    expect(row.get_by_text("Incomplete")).to_be_visible()
    expect(row.get_by_text("PST").or_(row.get_by_text("PDT"))).to_be_visible()
    screenshot("evaluation-01-wallet-list")

    row.get_by_role("link", name="Complete evaluation").click()
    expect(page.get_by_role("heading", name="Evaluation: Ethics in Telehealth")).to_be_visible()
    group = page.get_by_role("group", name="I am able to describe three risks")
    expect(group.get_by_text("Strongly disagree")).to_be_visible()
    expect(group.get_by_text("Strongly agree")).to_be_visible()

    # With the keyboard: focus the scale, then arrow keys move the choice (a radio group).
    group.get_by_label("1 Strongly disagree").focus()
    page.keyboard.press("Space")
    for _ in range(3):
        page.keyboard.press("ArrowRight")
    expect(group.get_by_label("4", exact=True)).to_be_checked()
    # With the mouse for the rest.
    rate(page, "I am able to apply an informed-consent", "5 Strongly agree")
    rate(page, "Ana Ruiz, PhD was knowledgeable", "5 Strongly agree")
    rate(page, "Ana Ruiz, PhD presented the material", "4")
    rate(page, "The content was relevant to my practice", "5 Strongly agree")
    rate(page, "sensitive to cultural and individual diversity", "4")
    page.get_by_role("group", name="free of commercial bias").get_by_label("Yes").check()
    page.get_by_label("Suggestions for improving this program").click()
    page.keyboard.type("A second session on supervision by video, please.")

    # Forgetting a question and the statement: both are pointed out, nothing is submitted.
    page.get_by_role("button", name="Submit evaluation").click()
    expect(page.get_by_text("Nothing was submitted")).to_be_visible()
    overall = page.get_by_role("group", name="Overall, I am satisfied")
    expect(overall.get_by_text("Answer this question: it is required.")).to_be_visible()
    expect(page.get_by_text("Confirm that you attended the entire event")).to_have_count(2)
    screenshot("evaluation-02-form-with-errors")
    expect(
        page.get_by_role("group", name="I am able to describe three risks").get_by_label(
            "4", exact=True
        )
    ).to_be_checked()

    rate(page, "Overall, I am satisfied", "5 Strongly agree")
    page.get_by_label(
        "I attended this event in its entirety, under my own name, and did not view it as a group"
    ).check()
    license = dana.licenses.get()
    page.get_by_label("Assign these hours to a license").select_option(
        label=f"CA LCSW — Licensed Clinical Social Worker (no. {license.number})"
    )
    page.get_by_label("CE category").select_option(label="Law and ethics")
    expect(page.get_by_text("You can change this later in the CE Tracker.")).to_be_visible()
    screenshot("evaluation-03-form-filled")
    page.get_by_role("button", name="Submit evaluation").click()

    expect(
        page.get_by_text("your evaluation of “Ethics in Telehealth” is submitted")
    ).to_be_visible()
    expect(page.get_by_role("heading", name="Your answers")).to_be_visible()
    expect(page.get_by_text("Your certificate is being issued now", exact=True)).to_be_visible()
    expect(page.get_by_role("radio")).to_have_count(0)
    screenshot("evaluation-04-complete")

    evaluation.refresh_from_db()
    assert evaluation.status == Evaluation.SUBMITTED
    assert evaluation.attested
    assert evaluation.assigned_license == license
    assert evaluation.assigned_category == CECategory.objects.get(code="law_ethics")
    assert evaluation.answers.get(key="objective-1").rating == 4
    assert evaluation.answers.get(key="presenter_knowledge-1").presenter_name == "Ana Ruiz, PhD"

    page.get_by_role("link", name="Evaluations", exact=True).first.click()
    expect(
        page.get_by_role("row", name="Ethics in Telehealth").get_by_text("Complete", exact=True)
    ).to_be_visible()


def test_staff_read_an_events_results(page, sam_staff, attended, screenshot):
    sam_staff.user_permissions.add(
        Permission.objects.get(content_type__app_label="evaluations", codename="manage_evaluations")
    )
    for scores, bias, suggestion in [
        (5, "Yes", "More on interstate compacts."),
        (4, "Yes", ""),
        (4, "No", "The consent checklist was the best part."),
    ]:
        evaluation = issue(attended, UserFactory())
        answers = {question["key"]: scores for question in evaluation.questions}
        answers["commercial_bias"] = bias
        answers["suggestions"] = suggestion
        submitted(evaluation, {key: value for key, value in answers.items() if value != ""})
    issue(attended, UserFactory())
    log_in(page, sam_staff.email)

    page.goto(f"/staff/events/{attended.slug}/")
    page.get_by_role("link", name="Evaluation settings and who has responded").click()
    expect(page.get_by_role("heading", name="Evaluation: Ethics in Telehealth")).to_be_visible()
    screenshot("evaluation-05-staff-settings")

    page.get_by_role("link", name="Results", exact=True).click()
    expect(page.get_by_text("75.0%", exact=True)).to_be_visible()
    summary = page.get_by_role("region", name="Summary")
    relevance = summary.get_by_role("row", name=re.compile("relevant to my practice"))
    expect(relevance.get_by_role("cell", name="4.33")).to_be_visible()
    suggestions = page.locator("details.result-detail", has_text="Suggestions for improving")
    suggestions.locator("summary").click()
    expect(page.get_by_text("The consent checklist was the best part.")).to_be_visible()
    screenshot("evaluation-06-staff-results")

    page.get_by_role("link", name="Results across events").click()
    expect(page.get_by_role("rowheader", name="Ana Ruiz, PhD")).to_be_visible()
    screenshot("evaluation-07-staff-results-across-events")
