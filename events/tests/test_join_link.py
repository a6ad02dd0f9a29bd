"""Registration.join_link: the personal join link as shown, built from today's SITE_URL."""

from __future__ import annotations

import pytest

from events.models import Registration
from tests.factories import RegistrationFactory


@pytest.fixture
def registration(db) -> Registration:
    return RegistrationFactory()


def _stored(registration: Registration, join_url: str) -> Registration:
    Registration.objects.filter(pk=registration.pk).update(join_url=join_url)
    registration.refresh_from_db()
    return registration


def test_the_simulated_rooms_path_is_made_absolute_from_site_url(registration, settings):
    room = f"/room/{registration.join_token}/"
    _stored(registration, room)
    settings.SITE_URL = "http://127.0.0.1:8101"
    assert registration.join_link == f"http://127.0.0.1:8101{room}"
    settings.SITE_URL = "https://ce.example.org"
    assert registration.join_link == f"https://ce.example.org{room}"


def test_a_zoom_link_is_shown_as_zoom_gave_it(registration, settings):
    settings.SITE_URL = "https://ce.example.org"
    _stored(registration, "https://us02web.zoom.us/w/81234567890?tk=abc.def")
    assert registration.join_link == "https://us02web.zoom.us/w/81234567890?tk=abc.def"


def test_no_link_yet_is_no_link(registration):
    assert _stored(registration, "").join_link == ""
