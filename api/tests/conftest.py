"""Fixtures for the API tests: tokens for the personas and a client that sends them."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
import time_machine
from django.test import Client

from api.tokens import create_token
from certificates.models import Certificate
from evaluations.models import Evaluation
from evaluations.services import submit_evaluation
from evaluations.tests.attendance_helpers import (
    IMPORTED,
    connect,
    decide_and_run,
    ended_event,
    register,
)
from events.models import Event, EventPresenter, Presenter


class ApiClient:
    """A test client that sends one bearer token and JSON bodies."""

    def __init__(self, secret: str | None) -> None:
        self.client = Client()
        self.headers = {"Authorization": f"Bearer {secret}"} if secret else {}

    def _call(self, method: str, path: str, data: Any = None, **extra: Any) -> Any:
        call = getattr(self.client, method)
        url = path if path.startswith("/") else f"/api/v1/{path}"
        if method in {"get", "delete"}:
            return call(url, data, headers=self.headers, **extra)
        return call(url, data, content_type="application/json", headers=self.headers, **extra)

    def get(self, path: str, data: Any = None, **extra: Any) -> Any:
        return self._call("get", path, data, **extra)

    def post(self, path: str, data: Any = None, **extra: Any) -> Any:
        return self._call("post", path, data or {}, **extra)

    def put(self, path: str, data: Any = None, **extra: Any) -> Any:
        return self._call("put", path, data or {}, **extra)

    def patch(self, path: str, data: Any = None, **extra: Any) -> Any:
        return self._call("patch", path, data or {}, **extra)

    def delete(self, path: str, **extra: Any) -> Any:
        return self._call("delete", path, None, **extra)

    def upload(self, path: str, data: dict[str, Any]) -> Any:
        return self.client.post(f"/api/v1/{path}", data, headers=self.headers)


@pytest.fixture
def anonymous(db):
    return ApiClient(None)


@pytest.fixture
def dana_api(dana):
    _, secret = create_token(dana, name="Dana's tools")
    return ApiClient(secret)


@pytest.fixture
def omar_api(omar):
    _, secret = create_token(omar, name="Omar's tools")
    return ApiClient(secret)


@pytest.fixture
def staff_api(sam_staff):
    _, secret = create_token(sam_staff, name="Membership sync")
    return ApiClient(secret)


# --- an attended event, its evaluation and certificate ------------------------------------

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
# A day after the event of evaluations.tests.attendance_helpers ended: evaluations are open.
SOON = IMPORTED + dt.timedelta(days=1)


@pytest.fixture
def at_soon():
    with time_machine.travel(SOON, tick=False):
        yield


@pytest.fixture
def attended_event(db) -> Event:
    event = ended_event(
        title="Trauma-Informed Care in Telehealth",
        slug="trauma-telehealth",
        learning_objectives=["Describe the model"],
    )
    presenter, _ = Presenter.objects.get_or_create(name="Maya Chen", credentials="PhD")
    EventPresenter.objects.create(event=event, presenter=presenter)
    return event


@pytest.fixture
def open_evaluation(attended_event, dana, run_tasks) -> Evaluation:
    """Dana attended in full; her evaluation is issued and open."""
    registration = register(attended_event, dana)
    connect(attended_event, registration)
    decide_and_run(attended_event, run_tasks)
    return Evaluation.objects.get(registration=registration)


@pytest.fixture
def issued_certificate(open_evaluation, dana, run_tasks) -> Certificate:
    with time_machine.travel(SOON, tick=False):
        submit_evaluation(open_evaluation, user=dana, answers=ANSWERS, attested=True)
        run_tasks()
    return Certificate.objects.get(evaluation=open_evaluation)
