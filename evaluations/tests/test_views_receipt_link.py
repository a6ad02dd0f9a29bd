"""The attendance receipt of an eligible attendee leads to their evaluation once it is issued."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.urls import reverse

from attendance.services.deciding import decide_event
from attendance.tests.view_helpers import AFTER, connect, finished_event, register
from evaluations.models import Evaluation
from evaluations.tests.view_helpers import QUESTIONS

pytestmark = pytest.mark.django_db


@pytest.fixture
def eligible(dana):
    event = finished_event()
    registration = register(event, dana)
    connect(event, "09:55:00", "13:02:00", registration=registration)
    decide_event(event)
    return registration


def receipt(client, registration):
    with time_machine.travel(AFTER, tick=False):
        return client.get(reverse("attendance:receipt", args=[registration.event.slug]))


def test_the_receipt_links_to_the_evaluation_once_issued(client, dana, eligible):
    evaluation = Evaluation.objects.create(
        registration=eligible,
        event=eligible.event,
        questions=QUESTIONS,
        issued_at=AFTER,
        deadline=AFTER + dt.timedelta(days=30),
    )
    client.force_login(dana)

    text = receipt(client, eligible).content.decode()

    assert (
        f'<a class="button" href="{reverse("evaluations:detail", args=[evaluation.pk])}">'
        "Complete your evaluation</a>" in text
    )


def test_before_issuance_the_receipt_only_promises_the_evaluation(client, dana, eligible):
    client.force_login(dana)

    text = receipt(client, eligible).content.decode()

    assert "/wallet/evaluations/" not in text.split("</header>", 1)[1]
    assert "within 24 hours" in text


def test_after_submitting_the_receipt_points_to_the_certificate_not_a_past_promise(
    client, dana, eligible
):
    Evaluation.objects.create(
        registration=eligible,
        event=eligible.event,
        questions=QUESTIONS,
        issued_at=AFTER,
        deadline=AFTER + dt.timedelta(days=30),
        status=Evaluation.SUBMITTED,
        submitted_at=AFTER,
    )
    client.force_login(dana)

    with time_machine.travel(AFTER + dt.timedelta(days=3), tick=False):
        text = client.get(reverse("attendance:receipt", args=[eligible.event.slug])).content
    text = text.decode()

    assert "You submitted your evaluation" in text
    assert f'href="{reverse("certificates:list")}">Your certificates</a>' in text
    assert "arrives by email" not in text


def test_an_open_evaluation_shows_its_deadline(client, dana, eligible):
    Evaluation.objects.create(
        registration=eligible,
        event=eligible.event,
        questions=QUESTIONS,
        issued_at=AFTER,
        deadline=AFTER + dt.timedelta(days=30),
    )
    client.force_login(dana)

    text = receipt(client, eligible).content.decode()

    assert "Complete it by" in text
    assert "arrives by email" not in text
