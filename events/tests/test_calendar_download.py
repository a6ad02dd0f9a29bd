"""The registrant's own "Add to calendar" download, from the Main Hall and My Events."""

import datetime as dt

from django.urls import reverse
from icalendar import Calendar

from events.models import Registration
from tests.factories import EventFactory, RegistrationFactory, UserFactory


def ics_url(event):
    return reverse("events:calendar", args=[event.slug])


def test_the_registrant_downloads_a_calendar_file_with_the_join_link(client, db, settings):
    settings.SITE_URL = "https://ce.example.org"
    start = dt.datetime(2030, 3, 12, 17, 0, tzinfo=dt.UTC)
    event = EventFactory(
        slug="ethics", time_zone="America/Chicago", start=start, end=start + dt.timedelta(hours=2)
    )
    registration = RegistrationFactory(event=event)
    registration.set_join_link("r-1", "https://zoom.example/w/123?tk=personal")
    client.force_login(registration.user)

    response = client.get(ics_url(event))

    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="ethics.ics"'
    entry = Calendar.from_ical(response.content).walk("VEVENT")[0]
    assert entry.decoded("dtstart").astimezone(dt.UTC) == start
    assert str(entry["dtstart"].params["TZID"]) == "America/Chicago"
    assert "https://zoom.example/w/123?tk=personal" in str(entry["description"])
    assert str(entry["url"]) == "https://ce.example.org/events/ethics/hall/"


def test_someone_else_gets_not_found(client, db):
    registration = RegistrationFactory()
    client.force_login(UserFactory())

    assert client.get(ics_url(registration.event)).status_code == 404


def test_a_cancelled_registration_has_no_calendar_file(client, db):
    registration = RegistrationFactory(status=Registration.CANCELLED)
    client.force_login(registration.user)

    assert client.get(ics_url(registration.event)).status_code == 404


def test_signed_out_visitors_are_sent_to_log_in(client, db):
    registration = RegistrationFactory()

    response = client.get(ics_url(registration.event))

    assert response.status_code == 302 and "login" in response["Location"]


def test_main_hall_and_my_events_link_to_the_download(client, db):
    registration = RegistrationFactory()
    client.force_login(registration.user)
    url = ics_url(registration.event)

    hall = client.get(reverse("events:hall", args=[registration.event.slug])).content.decode()
    mine = client.get(reverse("events:my_events")).content.decode()

    assert f'href="{url}"' in hall
    assert f'href="{url}"' in mine


def test_my_events_offers_cancelling_an_upcoming_registration(client, db):
    registration = RegistrationFactory()
    client.force_login(registration.user)

    html = client.get(reverse("events:my_events")).content.decode()

    cancel = reverse("events:cancel", args=[registration.event.slug])
    assert f'action="{cancel}"' in html
    assert "Cancel registration" in html
    client.post(cancel)
    registration.refresh_from_db()
    assert registration.status == Registration.CANCELLED
