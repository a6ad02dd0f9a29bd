"""An event's evaluation settings, its list of evaluations, and reopening a closed one."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from core.models import AuditEntry
from evaluations.defaults import ensure_default_template
from evaluations.models import Evaluation, EvaluationTemplate, EventEvaluation
from evaluations.tests.view_helpers import (
    ended_event,
    issue,
    page_text,
    submitted,
    with_evaluation_permission,
)
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff(client, sam_staff):
    user = with_evaluation_permission(sam_staff)
    client.force_login(user)
    return user


@pytest.fixture
def event(db):
    return ended_event(slug="ethics-in-telehealth")


def page_url(event) -> str:
    return reverse("evaluations:staff_event", args=[event.slug])


def test_before_any_setting_the_page_offers_the_default_template_and_deadline(
    client, staff, event, settings
):
    settings.EVALUATION_DEADLINE_DAYS = 21
    ensure_default_template()

    text = page_text(client.get(page_url(event)))

    assert '<option value="' in text and "selected>Standard CE evaluation</option>" in text
    assert 'name="deadline_days" value="21"' in text
    assert not EventEvaluation.objects.filter(event=event).exists()  # reading changes nothing


def test_staff_choose_the_template_and_deadline_for_evaluations_issued_from_now_on(
    client, staff, event
):
    ensure_default_template()
    short = EvaluationTemplate.objects.create(name="Short evaluation")

    response = client.post(
        reverse("evaluations:staff_event_setup", args=[event.slug]),
        {"template": short.pk, "deadline_days": "14"},
        follow=True,
    )

    setup = EventEvaluation.objects.get(event=event)
    assert (setup.template, setup.deadline_days) == (short, 14)
    assert "evaluations issued from now on use “Short evaluation”" in page_text(response)
    assert AuditEntry.objects.filter(action="evaluation_setup.changed").exists()


def test_an_impossible_deadline_is_refused_next_to_its_field(client, staff, event):
    template = ensure_default_template()

    response = client.post(
        reverse("evaluations:staff_event_setup", args=[event.slug]),
        {"template": template.pk, "deadline_days": "0"},
    )

    assert 'id="id_deadline_days_errors"' in page_text(response)
    assert not EventEvaluation.objects.filter(event=event).exists()


def test_the_list_shows_each_evaluation_and_offers_reopening_only_closed_ones(client, staff, event):
    now = timezone.now()
    open_one = issue(UserFactory(legal_first_name="Ann", legal_last_name="Open"), event)
    closed = issue(
        UserFactory(legal_first_name="Carl", legal_last_name="Closed"),
        event,
        deadline=now - dt.timedelta(days=1),
    )
    done = submitted(issue(UserFactory(legal_first_name="Dee", legal_last_name="Done"), event), {})

    text = page_text(client.get(page_url(event)))

    assert "Ann Open" in text and "Carl Closed" in text and "Dee Done" in text
    assert reverse("evaluations:staff_reopen", args=[event.slug, closed.pk]) in text
    assert reverse("evaluations:staff_reopen", args=[event.slug, open_one.pk]) not in text
    assert reverse("evaluations:staff_reopen", args=[event.slug, done.pk]) not in text
    assert '<span class="badge badge-closed">Closed</span>' in text


def test_reopening_a_closed_evaluation_gives_it_a_new_deadline(client, staff, event, dana):
    evaluation = issue(dana, event, deadline=timezone.now() - dt.timedelta(days=2))
    prefix = f"reopen-{evaluation.pk}"

    response = client.post(
        reverse("evaluations:staff_reopen", args=[event.slug, evaluation.pk]),
        {f"{prefix}-reason": "Was in hospital; emailed on day 31.", f"{prefix}-days": "5"},
        follow=True,
    )

    evaluation.refresh_from_db()
    assert evaluation.display_status == "incomplete"
    expected = timezone.now() + dt.timedelta(days=5)
    assert abs(evaluation.deadline - expected) < dt.timedelta(minutes=1)
    assert "Dana Whitfield&#x27;s evaluation is open again until" in page_text(response)
    entry = AuditEntry.objects.get(action="evaluation.reopened")
    assert entry.reason == "Was in hospital; emailed on day 31."


def test_reopening_needs_a_reason(client, staff, event, dana):
    evaluation = issue(dana, event, deadline=timezone.now() - dt.timedelta(days=2))

    response = client.post(
        reverse("evaluations:staff_reopen", args=[event.slug, evaluation.pk]),
        {f"reopen-{evaluation.pk}-reason": "", f"reopen-{evaluation.pk}-days": "7"},
    )

    assert f'id="id_reopen-{evaluation.pk}-reason_errors"' in page_text(response)
    evaluation.refresh_from_db()
    assert evaluation.is_closed()


def test_an_evaluation_of_another_event_cannot_be_reopened_from_this_one(
    client, staff, event, dana
):
    elsewhere = issue(dana, deadline=timezone.now() - dt.timedelta(days=2))

    response = client.post(
        reverse("evaluations:staff_reopen", args=[event.slug, elsewhere.pk]),
        {f"reopen-{elsewhere.pk}-reason": "x", f"reopen-{elsewhere.pk}-days": "7"},
    )

    assert response.status_code == 404
    assert Evaluation.objects.get(pk=elsewhere.pk).is_closed()
