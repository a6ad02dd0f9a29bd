"""The staff dashboard speaks in words: the recent audit log names actions, never their codes."""

from __future__ import annotations

from django.urls import reverse

from core import audit
from tests.factories import EventFactory


def test_recent_actions_read_as_words(client, sam_staff):
    event = EventFactory(title="Ethics in Telehealth")
    audit.record(sam_staff, "event.published", event)
    client.force_login(sam_staff)

    page = client.get(reverse("staff:dashboard")).content.decode()

    assert "Event published" in page
    assert "event.published" not in page


def test_attendees_cannot_open_the_dashboard(client, dana):
    client.force_login(dana)
    assert client.get(reverse("staff:dashboard")).status_code == 403
