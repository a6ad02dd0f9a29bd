"""Who may reach the staff event pages, and which ones accept only POST."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Permission
from django.core.files.base import ContentFile
from django.urls import reverse

from events.models import Event, Handout
from events.tests.test_staff_support import with_event_permissions
from tests.factories import EventFactory

SLUG = "ethics-refresher"
PAGES = [
    ("staff:events", []),
    ("staff:event_new", []),
    ("staff:event_manage", [SLUG]),
    ("staff:event_edit", [SLUG]),
    ("staff:event_roster", [SLUG]),
    ("staff:event_roster_csv", [SLUG]),
    ("staff:event_handout", [SLUG, "handout"]),
    ("staff:event_publish", [SLUG]),
]
POST_ONLY = [
    ("staff:event_cancel", [SLUG]),
    ("staff:event_duplicate", [SLUG]),
    ("staff:event_handout_add", [SLUG]),
    ("staff:event_handout_remove", [SLUG, "handout"]),
]


@pytest.fixture
def urls(db, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    event = EventFactory(slug=SLUG, status=Event.DRAFT)
    handout = Handout(event=event, title="Slides")
    handout.file.save("slides.pdf", ContentFile(b"%PDF-1.7"), save=True)

    def url(name, args):
        return reverse(name, args=[handout.pk if a == "handout" else a for a in args])

    return url


@pytest.mark.parametrize(("name", "args"), PAGES + POST_ONLY)
def test_anonymous_visitors_are_sent_to_log_in(client, urls, name, args):
    response = client.get(urls(name, args))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


@pytest.mark.parametrize(("name", "args"), PAGES + POST_ONLY)
def test_attendees_are_refused_every_staff_event_page(client, urls, dana, name, args):
    client.force_login(dana)

    assert client.get(urls(name, args)).status_code == 403
    assert client.post(urls(name, args)).status_code == 403


@pytest.mark.parametrize(("name", "args"), POST_ONLY)
def test_actions_refuse_get_with_405(client, urls, sam_staff, name, args):
    client.force_login(with_event_permissions(sam_staff))

    response = client.get(urls(name, args))

    assert response.status_code == 405
    assert response["Allow"] == "POST"


@pytest.mark.parametrize(("name", "args"), PAGES)
def test_staff_with_the_event_permissions_open_every_page(client, urls, sam_staff, name, args):
    client.force_login(with_event_permissions(sam_staff))

    assert client.get(urls(name, args)).status_code == 200


def test_the_roster_needs_view_registration_not_manage_events(client, urls, omar):
    omar.user_permissions.add(Permission.objects.get(codename="view_registration"))
    client.force_login(omar)

    assert client.get(urls("staff:event_roster", [SLUG])).status_code == 200
    assert client.get(urls("staff:event_roster_csv", [SLUG])).status_code == 200
    assert client.get(urls("staff:event_manage", [SLUG])).status_code == 403
