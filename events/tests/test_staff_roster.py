"""The roster of an event and its CSV export."""

from __future__ import annotations

import csv
import datetime as dt
import io

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from core.csvfiles import csv_safe
from events.models import Registration
from events.tests.test_staff_support import NOW, with_event_permissions
from tests.factories import (
    EventFactory,
    LicenseTypeLookup,
    RegistrationFactory,
    UserFactory,
    UserLicenseFactory,
)

REGISTERED_AT = dt.datetime(2026, 2, 18, 15, 30, tzinfo=dt.UTC)


@pytest.fixture(autouse=True)
def frozen_now():
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def staff(client, sam_staff):
    user = with_event_permissions(sam_staff)
    client.force_login(user)
    return user


@pytest.fixture
def event(db):
    return EventFactory(slug="ethics-refresher")


@pytest.fixture
def dana_registered(event, dana):
    license = dana.licenses.get()
    license.number = "LCS 88213"
    license.save()
    UserLicenseFactory(
        user=dana,
        license_type=LicenseTypeLookup(state="NY", code="LCSW"),
        number="R-094512",
    )
    return RegistrationFactory(event=event, user=dana, registered_at=REGISTERED_AT)


def csv_rows(response):
    text = b"".join(response.streaming_content if response.streaming else [response.content])
    return list(csv.reader(io.StringIO(text.decode("utf-8-sig"))))


def test_the_roster_shows_each_persons_licenses_time_and_status(client, staff, dana_registered):
    omar = UserFactory(email="omar@example.com", legal_first_name="Omar", legal_last_name="Haddad")
    RegistrationFactory(event=dana_registered.event, user=omar, status=Registration.WAITLISTED)

    response = client.get(reverse("staff:event_roster", args=[dana_registered.event.slug]))

    html = response.content.decode()
    assert "Dana Whitfield" in html and "dana@example.com" in html
    assert "CA LCSW #LCS 88213" in html and "NY LCSW #R-094512" in html
    assert "Feb 18, 2026, 10:30 AM EST" in html  # the viewer's zone, abbreviated
    assert "On the waiting list" in html
    assert "None on file" in html  # Omar holds no license
    assert response.context["counts"] == {"registered": 1, "waitlisted": 1, "cancelled": 0}


def test_the_roster_keeps_a_deleted_accounts_registration(client, staff, event):
    registration = RegistrationFactory(event=event)
    registration.user.delete()

    html = client.get(reverse("staff:event_roster", args=[event.slug])).content.decode()

    assert registration.name in html


def test_the_roster_takes_the_same_number_of_queries_for_more_people(client, staff, event):
    def queries():
        with CaptureQueriesContext(connection) as captured:
            client.get(reverse("staff:event_roster", args=[event.slug]))
        return len(captured)

    UserLicenseFactory(user=RegistrationFactory(event=event).user)
    few = queries()
    for _ in range(4):
        UserLicenseFactory(user=RegistrationFactory(event=event).user)
    assert queries() == few


def test_the_csv_holds_the_roster_with_times_and_their_offset(client, staff, dana_registered):
    response = client.get(reverse("staff:event_roster_csv", args=["ethics-refresher"]))

    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="ethics-refresher-roster.csv"'
    assert csv_rows(response) == [
        ["name", "email", "licenses", "registered_at", "status"],
        [
            "Dana Whitfield",
            "dana@example.com",
            "CA LCSW #LCS 88213; NY LCSW #R-094512",
            "2026-02-18T10:30:00-05:00",  # in the event's zone (New York)
            "registered",
        ],
    ]


def test_the_csv_defuses_cells_a_spreadsheet_would_run_as_formulas(client, staff, event):
    user = UserFactory(email="eve@example.com")
    RegistrationFactory(event=event, user=user, name='=HYPERLINK("http://evil.example")')
    UserLicenseFactory(user=user, number="-2+3")

    [_, row] = csv_rows(client.get(reverse("staff:event_roster_csv", args=[event.slug])))

    assert row[0] == '\'=HYPERLINK("http://evil.example")'
    assert row[2] == "CA LCSW #-2+3"  # starts with "CA": harmless


@pytest.mark.parametrize(
    ("value", "safe"),
    [
        ("=1+1", "'=1+1"),
        ("+1 415 555 0100", "'+1 415 555 0100"),
        ("-5", "'-5"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\t=1", "'\t=1"),
        ("Dana Whitfield", "Dana Whitfield"),
        ("", ""),
    ],
)
def test_csv_safe_prefixes_formula_starts_with_a_quote(value, safe):
    assert csv_safe(value) == safe
