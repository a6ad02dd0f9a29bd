"""The migration that turns the simulated room's stored absolute join links into paths."""

from __future__ import annotations

import importlib

import pytest
from django.apps import apps

from events.models import Registration
from tests.factories import EventFactory, RegistrationFactory

migration = importlib.import_module("meetings.migrations.0003_simulated_join_links_as_paths")


def _stored(registration: Registration, join_url: str) -> None:
    Registration.objects.filter(pk=registration.pk).update(join_url=join_url)


@pytest.mark.parametrize(
    "old_site_url", ["http://127.0.0.1:8000", "http://localhost:8000", "https://old.example.org"]
)
def test_room_links_stored_with_an_old_site_url_follow_todays(db, settings, old_site_url):
    registration = RegistrationFactory(event=EventFactory(meeting_provider="simulated"))
    room = f"/room/{registration.join_token}/"
    _stored(registration, f"{old_site_url}{room}")

    migration.links_to_paths(apps, None)

    registration.refresh_from_db()
    assert registration.join_url == room
    settings.SITE_URL = "https://ce.example.org"
    assert registration.join_link == f"https://ce.example.org{room}"


def test_zoom_links_and_other_rooms_are_left_alone(db):
    zoom = RegistrationFactory(event=EventFactory(meeting_provider="zoom"))
    _stored(zoom, f"https://us02web.zoom.us/room/{zoom.join_token}/")
    simulated = RegistrationFactory(event=EventFactory(meeting_provider="simulated"))
    other = RegistrationFactory()
    _stored(simulated, f"https://elsewhere.example/room/{other.join_token}/")

    migration.links_to_paths(apps, None)

    zoom.refresh_from_db()
    simulated.refresh_from_db()
    assert zoom.join_url == f"https://us02web.zoom.us/room/{zoom.join_token}/"
    assert simulated.join_url == f"https://elsewhere.example/room/{other.join_token}/"
