"""Presenters are chosen explicitly in the event form: never matched silently by name."""

from __future__ import annotations

import pytest
import time_machine
from django.urls import reverse

from events.models import Event, EventPresenter, Presenter
from events.tests.test_staff_support import NOW, event_form_data, with_event_permissions
from tests.factories import EventFactory


@pytest.fixture(autouse=True)
def frozen_now():
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def staff(client, sam_staff):
    client.force_login(with_event_permissions(sam_staff))
    return sam_staff


@pytest.fixture
def existing(db):
    presenter = Presenter.objects.create(name="Maya Ortiz", credentials="PhD", bio="Old bio.")
    EventPresenter.objects.create(event=EventFactory(title="Grief Work"), presenter=presenter)
    return presenter


def saved_presenter(title):
    return Event.objects.get(title=title).event_presenters.get().presenter


def test_a_new_presenter_with_an_existing_name_is_a_new_record(client, staff, existing):
    data = event_form_data(
        title="New Talk",
        presenters=[{"name": "Maya Ortiz", "credentials": "PhD", "bio": "New bio."}],
    )
    client.post(reverse("staff:event_new"), data)

    presenter = saved_presenter("New Talk")
    assert presenter.pk != existing.pk
    assert presenter.bio == "New bio."
    existing.refresh_from_db()
    assert existing.bio == "Old bio."


def test_choosing_the_existing_presenter_reuses_the_record(client, staff, existing):
    data = event_form_data(
        title="New Talk",
        presenters=[{"existing": str(existing.pk), "name": "", "credentials": "", "bio": ""}],
    )
    client.post(reverse("staff:event_new"), data)

    assert saved_presenter("New Talk").pk == existing.pk


def test_the_choice_shows_credentials_and_events(client, staff, existing):
    html = client.get(reverse("staff:event_new")).content.decode()
    assert "Maya Ortiz, PhD — Grief Work" in html


def test_a_row_with_neither_a_choice_nor_a_name_is_refused_plainly(client, staff, existing):
    data = event_form_data(
        title="New Talk", presenters=[{"name": "", "credentials": "PhD", "bio": ""}]
    )
    response = client.post(reverse("staff:event_new"), data)

    assert response.status_code == 200
    assert "Choose an existing presenter or type a new presenter’s name." in (
        response.content.decode()
    )
    assert not Event.objects.filter(title="New Talk").exists()
