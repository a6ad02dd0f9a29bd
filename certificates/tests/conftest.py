"""Certificate fixtures: Dana attended a two-hour webinar in full and its evaluation is open."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
import time_machine

from evaluations.models import Evaluation
from evaluations.services import submit_evaluation
from evaluations.tests.attendance_helpers import IMPORTED, connect, decide_and_run, register
from evaluations.tests.attendance_helpers import ended_event as _ended_event
from events.models import Event, EventPresenter, Presenter

SOON = IMPORTED + dt.timedelta(days=1)

ANSWERS = {
    "objective-1": 5,
    "presenter_knowledge-1": 4,
    "presenter_effectiveness-1": "3",
    "relevance": 5,
    "cultural_sensitivity": 4,
    "commercial_bias": "Yes",
    "overall": 5,
    "suggestions": "",
}


@pytest.fixture(autouse=True)
def _now():
    with time_machine.travel(SOON, tick=False):
        yield


def make_event(**kwargs: object) -> Event:
    kwargs.setdefault("learning_objectives", ["Describe the model"])
    event = _ended_event(**kwargs)
    presenter, _ = Presenter.objects.get_or_create(name="Maya Chen", credentials="PhD")
    EventPresenter.objects.create(event=event, presenter=presenter)
    return event


@pytest.fixture
def event(db) -> Event:
    return make_event(title="Trauma-Informed Care in Telehealth")


@pytest.fixture
def open_evaluation(run_tasks) -> Callable[..., Evaluation]:
    """The evaluation `user` gets after attending `event` in full."""

    def make(event: Event, user: object) -> Evaluation:
        registration = register(event, user)
        connect(event, registration)
        decide_and_run(event, run_tasks)
        with time_machine.travel(SOON, tick=False):
            return Evaluation.objects.get(registration=registration)

    return make


@pytest.fixture
def submit(open_evaluation) -> Callable[..., Evaluation]:
    """Attend `event` in full and submit its evaluation (certificate tasks not yet run)."""

    def make(event: Event, user: object, **kwargs: object) -> Evaluation:
        evaluation = open_evaluation(event, user)
        return submit_evaluation(evaluation, user=user, answers=ANSWERS, attested=True, **kwargs)

    return make
