"""When the profile phone was last changed is known, whoever changed it: a dial-in claim trusts
only a number saved before the event it is about."""

import datetime as dt
import importlib

import time_machine
from django.apps import apps
from django.urls import reverse

from accounts.models import User
from core import audit

MONDAY = dt.datetime(2026, 11, 2, 15, 0, tzinfo=dt.UTC)
FRIDAY = MONDAY + dt.timedelta(days=4)
PROFILE = {"legal_first_name": "Dana", "legal_last_name": "Whitfield", "time_zone": "UTC"}


def test_an_account_created_with_a_phone_knows_when_it_was_set(db):
    with time_machine.travel(MONDAY, tick=False):
        user = User.objects.create_user("lee@example.org", phone="4155550100")
    assert user.phone_changed_at == MONDAY


def test_an_account_without_a_phone_has_no_time(db):
    assert User.objects.create_user("kim@example.org").phone_changed_at is None


def test_changing_the_phone_on_the_profile_page_records_when(client, dana):
    client.force_login(dana)
    with time_machine.travel(FRIDAY, tick=False):
        client.post(reverse("accounts:profile"), {**PROFILE, "phone": "(415) 555-0142"})
    dana.refresh_from_db()
    assert dana.phone_changed_at == FRIDAY


def test_saving_the_profile_without_changing_the_phone_keeps_the_time(client, dana):
    with time_machine.travel(MONDAY, tick=False):
        dana.phone = "4155550142"
        dana.save()
    client.force_login(dana)
    with time_machine.travel(FRIDAY, tick=False):
        client.post(reverse("accounts:profile"), {**PROFILE, "phone": "(415) 555-0142"})
    dana.refresh_from_db()
    assert dana.time_zone == "UTC"
    assert dana.phone_changed_at == MONDAY


def test_any_save_that_changes_the_phone_records_it(dana):
    """The admin and commands save the whole account: the change is noticed there too."""
    user = User.objects.get(pk=dana.pk)
    with time_machine.travel(FRIDAY, tick=False):
        user.phone = "2125550199"
        user.save()
        user.save(update_fields=["time_zone"])  # not the phone: nothing to record
    user.refresh_from_db()
    assert user.phone_changed_at == FRIDAY


def test_existing_numbers_take_their_last_audited_change_else_the_accounts_creation(dana, omar):
    User.objects.filter(pk__in=[dana.pk, omar.pk]).update(phone="4155550142")
    with time_machine.travel(FRIDAY, tick=False):
        audit.record(dana, "account.profile_updated", dana, changed=["phone"])
    User.objects.update(phone_changed_at=None)
    migration = importlib.import_module("accounts.migrations.0003_user_phone_changed_at")

    migration.backfill(apps, None)

    dana.refresh_from_db()
    omar.refresh_from_db()
    assert dana.phone_changed_at == FRIDAY
    assert omar.phone_changed_at == omar.date_joined
