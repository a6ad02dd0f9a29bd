"""Staff watching who is in a Zoom room see the list change without the page reloading."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from meetings.zoom import views
from meetings.zoom.models import ZoomPresence
from tests.browser.test_attendance_journey import log_in
from tests.factories import EventFactory, RegistrationFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_in_room_list_updates_in_place(page, screenshot, sam_staff, dana, monkeypatch):
    monkeypatch.setattr(views, "LIVE_REFRESH_SECONDS", 1)
    event = EventFactory(
        title="Ethics Live on Zoom",
        meeting_provider="zoom",
        provider_meeting_id="81200000001",
        start=timezone.now() - dt.timedelta(minutes=30),
        end=timezone.now() + dt.timedelta(minutes=90),
    )
    registration = RegistrationFactory(event=event, user=dana)
    log_in(page, sam_staff.email)
    page.goto(f"/staff/events/{event.slug}/attendance/zoom/in-room/")
    page.get_by_text("no join notifications have arrived").wait_for()
    page.evaluate("window.__marker = 'same page'")

    ZoomPresence.objects.create(
        event=event,
        instance_uuid="inst-1==",
        connection_id="16778240",
        name="Dana W",
        registration=registration,
        joined_at=timezone.now(),
    )

    page.locator("[data-in-room] li").get_by_text(registration.name).wait_for(timeout=5000)
    assert page.evaluate("window.__marker") == "same page"
    screenshot("zoom-live-room")
