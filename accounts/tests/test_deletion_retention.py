"""Deleting an account does what the deletion page says: the person's private files leave the
disk with it, and the records a provider must keep (the roster's name and license numbers)
stay exactly as they read before."""

from __future__ import annotations

import csv
import datetime as dt
import io
from pathlib import Path

import pytest
from django.urls import reverse

from accounts.models import User
from accounts.services import delete_account
from events.models import Registration
from events.tests.test_staff_support import with_event_permissions
from tests.factories import PASSWORD, EventFactory, RegistrationFactory, UserLicenseFactory
from tracker.services.outside import add_outside_credit
from tracker.tests.conftest import pdf_upload
from tracker.tests.test_outside import fields

LICENSE = "LCS 88213"


@pytest.fixture(autouse=True)
def _private_root(settings, tmp_path):
    settings.PRIVATE_ROOT = tmp_path / "private"


@pytest.fixture
def dana_with_records(dana):
    """Dana attended a webinar last month, is registered for one next month, and keeps an
    outside-credit certificate in her tracker."""
    ca = dana.licenses.get()
    ca.number = LICENSE
    ca.save()
    UserLicenseFactory(
        user=dana, license_type__state="NY", license_type__code="LCSW", number="NY-1"
    )
    now = dt.datetime.now(dt.UTC).replace(minute=0, second=0, microsecond=0)
    past = EventFactory(
        slug="past-webinar",
        start=now - dt.timedelta(days=30),
        end=now - dt.timedelta(days=30, hours=-2),
    )
    RegistrationFactory(event=past, user=dana)
    upcoming = EventFactory(slug="next-webinar")
    RegistrationFactory(event=upcoming, user=dana)
    credit = add_outside_credit(dana, fields(), pdf_upload())
    return {"past": past, "upcoming": upcoming, "file": Path(credit.file.path)}


def _delete_through_the_page(client, dana) -> None:
    client.force_login(dana)
    response = client.post(
        reverse("accounts:delete"), {"confirm_email": dana.email, "password": PASSWORD}
    )
    assert response.status_code == 302
    client.logout()


def _staff_client(client, sam_staff):
    client.force_login(with_event_permissions(sam_staff))
    return client


def test_the_outside_credit_file_leaves_the_disk_with_the_account(
    client, dana, dana_with_records, django_capture_on_commit_callbacks
):
    stored = dana_with_records["file"]
    assert stored.is_file()
    with django_capture_on_commit_callbacks(execute=True):
        _delete_through_the_page(client, dana)
    assert not User.objects.filter(pk=dana.pk).exists()
    assert not stored.exists()
    assert not stored.parent.exists()  # the person's folder goes too


def test_a_deletion_that_rolls_back_keeps_the_files(
    dana, dana_with_records, monkeypatch, django_capture_on_commit_callbacks
):
    def fail(*args, **kwargs):
        raise RuntimeError("the database went away")

    monkeypatch.setattr(User, "delete", fail)
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(RuntimeError):
        delete_account(dana, actor=dana)
    assert dana_with_records["file"].is_file()
    assert User.objects.filter(pk=dana.pk).exists()


def test_the_past_roster_page_and_csv_keep_the_name_and_license_numbers(
    client, dana, sam_staff, dana_with_records, django_capture_on_commit_callbacks
):
    past = dana_with_records["past"]
    staff = _staff_client(client, sam_staff)
    before = staff.get(reverse("staff:event_roster", args=[past.slug])).content.decode()
    assert f"CA LCSW #{LICENSE}" in before

    with django_capture_on_commit_callbacks(execute=True):
        _delete_through_the_page(client, dana)
    staff = _staff_client(client, sam_staff)

    page = staff.get(reverse("staff:event_roster", args=[past.slug])).content.decode()
    assert "Dana Whitfield" in page
    assert f"CA LCSW #{LICENSE}" in page and "NY LCSW #NY-1" in page
    response = staff.get(reverse("staff:event_roster_csv", args=[past.slug]))
    [row] = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert row["name"] == "Dana Whitfield"
    assert row["licenses"] == f"CA LCSW #{LICENSE}; NY LCSW #NY-1"


def test_the_attendance_export_keeps_the_license_numbers(
    client, dana, sam_staff, dana_with_records, django_capture_on_commit_callbacks
):
    past = dana_with_records["past"]
    with django_capture_on_commit_callbacks(execute=True):
        _delete_through_the_page(client, dana)
    staff = _staff_client(client, sam_staff)
    response = staff.get(reverse("attendance:staff_csv", args=[past.slug]))
    assert response.status_code == 200
    [row] = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert row["name"] == "Dana Whitfield"
    assert row["licenses"] == f"CA LCSW {LICENSE}; NY LCSW NY-1"


def test_registrations_for_events_not_yet_started_are_cancelled(
    client, dana, dana_with_records, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        _delete_through_the_page(client, dana)
    upcoming = Registration.objects.get(event=dana_with_records["upcoming"])
    past = Registration.objects.get(event=dana_with_records["past"])
    assert upcoming.status == Registration.CANCELLED
    assert past.status == Registration.REGISTERED
    assert upcoming.user is None and past.user is None


def test_the_deletion_page_says_what_the_code_does(client, dana):
    client.force_login(dana)
    html = client.get(reverse("accounts:delete")).content.decode()
    assert "outside CE records and the certificate files you uploaded" in html
    assert "registrations for events that have not started" in html
    assert "names and license numbers" in html


def test_deleting_in_the_admin_takes_the_same_path(
    client, dana, dana_with_records, django_capture_on_commit_callbacks
):
    admin = User.objects.create_superuser("admin@example.com", PASSWORD)
    client.force_login(admin)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("admin:accounts_user_delete", args=[dana.pk]), {"post": "yes"}
        )
    assert response.status_code == 302
    assert not dana_with_records["file"].exists()
    past = Registration.objects.get(event=dana_with_records["past"])
    assert [item["number"] for item in past.frozen_licenses] == [LICENSE, "NY-1"]
