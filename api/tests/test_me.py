"""The attendee's own records: profile, licenses, registrations and receipts."""

from __future__ import annotations

import pytest

from core.models import AuditEntry
from events.models import Registration
from licensing.models import UserLicense
from tests.factories import EventFactory, RegistrationFactory, UserLicenseFactory


def test_the_profile_is_the_callers(dana_api):
    body = dana_api.get("me/").json()
    assert body["legal_first_name"] == "Dana"
    assert body["time_zone"] == "America/Los_Angeles"
    assert body["is_clinical_staff"] is False


def test_the_profile_is_updated_field_by_field_and_audited(dana, dana_api):
    response = dana_api.patch(
        "me/profile", {"legal_last_name": "  Okafor   Reyes ", "phone": "+1 (415) 555-0100"}
    )
    assert response.status_code == 200
    assert response.json()["legal_last_name"] == "Okafor Reyes"
    assert response.json()["phone"] == "+14155550100"
    dana.refresh_from_db()
    assert (dana.legal_first_name, dana.legal_last_name) == ("Dana", "Okafor Reyes")
    assert dana.time_zone == "America/Los_Angeles"
    entry = AuditEntry.objects.get(action="account.profile_updated", target_id=str(dana.pk))
    assert entry.data["changed"] == ["legal_last_name", "phone"]


def test_an_unchanged_profile_records_nothing(dana, dana_api):
    assert dana_api.patch("me/profile", {"time_zone": dana.time_zone}).status_code == 200
    assert not AuditEntry.objects.filter(action="account.profile_updated").exists()


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"time_zone": "Mars/Olympus_Mons"}, "time_zone"),
        ({"phone": "12"}, "phone"),
        ({"legal_first_name": "   "}, "legal_first_name"),
    ],
)
def test_a_profile_the_page_would_refuse_is_422(dana, dana_api, change, field):
    response = dana_api.patch("me/profile", change)
    assert response.status_code == 422
    assert response.json()["code"] == "validation_error"
    # One detail per problem the page's form found, each coded as an invalid value.
    assert [(d["field"], d["code"]) for d in response.json()["details"]] == [(field, "invalid")]
    dana.refresh_from_db()
    assert dana.time_zone == "America/Los_Angeles"
    assert dana.legal_first_name == "Dana"


# --- licenses --------------------------------------------------------------------------------


def test_licenses_are_listed_created_updated_and_deleted(dana, dana_api):
    assert [item["license_type"] for item in dana_api.get("me/licenses").json()] == ["LCSW"]
    created = dana_api.post(
        "me/licenses", {"state": "NY", "license_type": "LCSW", "number": "NY-12345"}
    )
    assert created.status_code == 201
    license_id = created.json()["id"]
    assert created.json()["state"] == "NY"
    updated = dana_api.put(
        f"me/licenses/{license_id}",
        {"state": "NY", "license_type": "LCSW", "number": "NY-99999", "expires_on": "2028-06-30"},
    )
    assert updated.status_code == 200
    assert UserLicense.objects.get(pk=license_id).number == "NY-99999"
    assert dana_api.delete(f"me/licenses/{license_id}").status_code == 204
    assert not UserLicense.objects.filter(pk=license_id).exists()


@pytest.mark.parametrize(
    ("change", "field"),
    [({"license_type": "LC\u0000SW"}, "license_type"), ({"state": "N1"}, "state")],
)
def test_a_license_type_or_state_with_odd_characters_is_422(dana_api, change, field):
    body = {"state": "NY", "license_type": "LCSW", "number": "NY-1", **change}
    response = dana_api.post("me/licenses", body)
    assert response.status_code == 422
    assert response.json()["details"][0]["field"] == field


def test_a_license_carries_its_tracker_progress(dana, dana_api):
    created = dana_api.post(
        "me/licenses",
        {
            "state": "TX",
            "license_type": "LPC",
            "number": "TX-4411",
            "expires_on": "2027-06-30",
            "issued_on": "2015-02-01",
            "conditions": ["is_supervisor"],
            "carry_in_hours": "4",
        },
    )
    assert created.status_code == 201, created.json()
    body = created.json()
    assert (body["conditions"], body["carry_in_hours"]) == (["is_supervisor"], "4")
    progress = body["progress"]
    assert (progress["cycle_start"], progress["cycle_end"]) == ("2025-07-01", "2027-06-30")
    assert progress["required_hours"] == "24"
    assert progress["total_hours"] == "4" and progress["shortfall_hours"] == "20"
    supervision = next(c for c in progress["categories"] if c["code"] == "supervision")
    assert supervision["applies"] and supervision["required_hours"] == "6"
    assert any(rule["rule_id"] == "TX.LPC.total" for rule in progress["rules"])
    listed = {item["id"]: item for item in dana_api.get("me/licenses").json()}
    assert listed[body["id"]]["progress"]["shortfall_hours"] == "20"


def test_a_license_condition_must_be_one_the_tracker_knows(dana_api):
    response = dana_api.post(
        "me/licenses",
        {"state": "TX", "license_type": "LPC", "number": "TX-1", "conditions": ["astronaut"]},
    )
    assert response.status_code == 422
    assert response.json()["details"][0]["field"] == "conditions"


def test_an_unknown_license_type_is_422_on_the_field(dana_api):
    response = dana_api.post("me/licenses", {"state": "CA", "license_type": "XYZ", "number": "1"})
    assert response.status_code == 422
    assert response.json()["code"] == "license_type_unknown"
    assert response.json()["details"][0]["field"] == "license_type"


def test_a_license_number_is_checked_like_the_form_does(dana_api):
    response = dana_api.post(
        "me/licenses", {"state": "NY", "license_type": "LCSW", "number": "<script>"}
    )
    assert response.status_code == 422
    assert response.json()["details"][0]["field"] == "number"


def test_a_second_license_of_one_type_is_refused_with_the_services_code(dana_api):
    response = dana_api.post(
        "me/licenses", {"state": "CA", "license_type": "LCSW", "number": "LCS777"}
    )
    assert response.status_code == 422
    assert response.json()["code"] == "license_duplicate"


def test_a_missing_field_is_422_naming_it(dana_api):
    response = dana_api.post("me/licenses", {"state": "CA", "license_type": "LCSW"})
    assert response.status_code == 422
    assert response.json()["code"] == "validation_error"
    assert response.json()["details"][0]["field"] == "number"


def test_someone_elses_license_is_404(omar_api, dana):
    license = UserLicense.objects.get(user=dana)
    assert omar_api.get(f"me/licenses/{license.pk}").status_code == 404
    assert omar_api.delete(f"me/licenses/{license.pk}").status_code == 404
    assert UserLicense.objects.filter(pk=license.pk).exists()


# --- registrations ---------------------------------------------------------------------------


def test_registering_and_cancelling(dana, dana_api):
    event = EventFactory()
    response = dana_api.post("me/registrations", {"event": event.slug})
    assert response.status_code == 201
    body = response.json()
    assert body["status"] == "registered" and body["event"] == event.slug
    assert dana_api.get("me/registrations").json()["items"][0]["id"] == body["id"]
    cancelled = dana_api.post(f"me/registrations/{body['id']}/cancel")
    assert cancelled.status_code == 200
    assert Registration.objects.get(pk=body["id"]).status == Registration.CANCELLED


def test_a_registrations_join_url_is_absolute_from_todays_site_url(dana, dana_api, settings):
    registration = RegistrationFactory(event=EventFactory(), user=dana)
    Registration.objects.filter(pk=registration.pk).update(
        join_url=f"/room/{registration.join_token}/", link_status=Registration.LINK_READY
    )
    settings.SITE_URL = "https://ce.example.org"
    body = dana_api.get(f"me/registrations/{registration.pk}").json()
    assert body["join_url"] == f"https://ce.example.org/room/{registration.join_token}/"


def test_registering_twice_is_a_409_conflict_with_the_services_code(dana, dana_api):
    event = EventFactory()
    RegistrationFactory(event=event, user=dana)
    response = dana_api.post("me/registrations", {"event": event.slug})
    assert response.status_code == 409
    assert response.json()["code"] == "already_registered"


def test_a_full_event_offers_the_waiting_list(dana_api):
    event = EventFactory(capacity=1)
    RegistrationFactory(event=event)
    assert dana_api.post("me/registrations", {"event": event.slug}).json()["code"] == "event_full"
    response = dana_api.post("me/registrations", {"event": event.slug, "join_waitlist": True})
    assert response.json()["status"] == "waitlisted"


def test_someone_elses_registration_is_404(omar_api, dana):
    registration = RegistrationFactory(event=EventFactory(), user=dana)
    assert omar_api.get(f"me/registrations/{registration.pk}").status_code == 404
    assert omar_api.post(f"me/registrations/{registration.pk}/cancel").status_code == 404
    registration.refresh_from_db()
    assert registration.status == Registration.REGISTERED


# --- receipts --------------------------------------------------------------------------------


@pytest.mark.usefixtures("at_soon")
def test_the_receipt_says_why_the_credit_was_earned(dana_api, open_evaluation):
    registration = open_evaluation.registration
    response = dana_api.get(f"me/registrations/{registration.pk}/receipt")
    assert response.status_code == 200
    body = response.json()
    assert body["outcome"] == "eligible"
    assert body["credited_hours"] == "2"
    assert body["attended_seconds"] >= body["required_seconds"] > 0
    assert [c["counted"] for c in body["connections"]] == [True]


def test_no_receipt_before_the_event_ends(dana, dana_api):
    registration = RegistrationFactory(event=EventFactory(), user=dana)
    response = dana_api.get(f"me/registrations/{registration.pk}/receipt")
    assert response.status_code == 409
    assert response.json()["code"] == "receipt_not_ready"


def test_licenses_of_other_people_are_not_listed(dana_api, omar):
    UserLicenseFactory(user=omar)
    assert len(dana_api.get("me/licenses").json()) == 1
