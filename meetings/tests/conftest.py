"""An event on a fixed winter day, so times and zone abbreviations can be asserted exactly."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.urls import reverse

from events.models import Break, EventPresenter, Presenter
from tests.factories import EventFactory, RegistrationFactory

# 10:00 AM PST / 1:00 PM EST; the room opens 15 minutes earlier and closes at 20:00 UTC.
START = dt.datetime(2026, 1, 15, 18, 0, tzinfo=dt.UTC)
END = START + dt.timedelta(hours=2)
BREAK_START = START + dt.timedelta(minutes=60)
BREAK_END = START + dt.timedelta(minutes=70)

CHROME_LINUX = (
    "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/131.0.0.0 Safari/537.36"
)
SAFARI_IPHONE = (
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 "
    "(KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1"
)


@pytest.fixture
def event(db):
    event = EventFactory(title="Trauma-Informed Care in Practice", start=START, end=END)
    Break.objects.create(event=event, start=BREAK_START, end=BREAK_END, label="Stretch break")
    presenter = Presenter.objects.create(name="Ana Ruiz", credentials="PhD")
    EventPresenter.objects.create(event=event, presenter=presenter)
    return event


@pytest.fixture
def registration(event, dana):
    return RegistrationFactory(event=event, user=dana, provider_registrant_id="sim-dana-0001")


@pytest.fixture
def room_url(registration):
    return reverse("meetings:room", args=[registration.join_token])


def connection_urls(connection) -> tuple[str, str]:
    args = [connection.registration.join_token, connection.participant_uuid]
    return reverse("meetings:heartbeat", args=args), reverse("meetings:leave", args=args)


def csrf_token_in(html: str) -> str:
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)


@pytest.fixture
def zoom(settings, monkeypatch):
    """A fake Zoom on the loopback, with FullCredit's Zoom settings pointing at it.

    The client's sleeps are recorded instead of slept, so retry waits cost no time.
    """
    from meetings.tests.fake_zoom import ACCOUNT_ID, CLIENT_ID, CLIENT_SECRET, FakeZoomServer
    from meetings.zoom import auth, client

    auth.clear_cache()
    with FakeZoomServer() as fake:
        monkeypatch.setattr(client, "pause", fake.sleeps.append)
        settings.ZOOM_API_BASE_URL = fake.base_url
        settings.ZOOM_OAUTH_URL = fake.oauth_url
        settings.ZOOM_ACCOUNT_ID = ACCOUNT_ID
        settings.ZOOM_CLIENT_ID = CLIENT_ID
        settings.ZOOM_CLIENT_SECRET = CLIENT_SECRET
        settings.ZOOM_WEBINAR_HOST = "me"
        yield fake
    auth.clear_cache()
