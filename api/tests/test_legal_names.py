"""Legal names through the API: the profile and staff registration by email refuse names that
are too long or carry invisible or control characters, as the pages do."""

from __future__ import annotations

import pytest

from accounts.models import User
from accounts.names import INVISIBLE_MESSAGE
from tests.factories import EventFactory


@pytest.mark.parametrize("name", ["Da\u202ena", "B" * 150], ids=["bidi", "too-long"])
def test_the_api_profile_refuses_it_with_a_422_naming_the_field(dana, dana_api, name):
    response = dana_api.patch("me/profile", {"legal_first_name": name})
    assert response.status_code == 422
    assert [d["field"] for d in response.json()["details"]] == ["legal_first_name"]
    dana.refresh_from_db()
    assert dana.legal_first_name == "Dana"


def test_the_api_profile_accepts_a_name_in_another_script(dana, dana_api):
    response = dana_api.patch("me/profile", {"legal_first_name": "محمد"})
    assert response.status_code == 200
    assert response.json()["legal_first_name"] == "محمد"


def test_staff_registering_a_new_person_by_email_cannot_give_an_invisible_name(staff_api):
    event = EventFactory()
    response = staff_api.post(
        f"staff/events/{event.slug}/registrations",
        {"email": "lee@example.org", "first_name": "Lee", "last_name": "Pa\u200brk"},
    )
    assert response.status_code == 422
    body = response.json()
    assert body["code"] == "name_invisible_characters"
    assert body["message"] == INVISIBLE_MESSAGE
    assert body["details"][0]["field"] == "last_name"
    assert not User.objects.filter(email="lee@example.org").exists()


def test_bulk_registration_reports_an_invisible_name_on_its_own_row(staff_api):
    event = EventFactory()
    people = [
        {"email": "ana@example.org", "first_name": "Ana", "last_name": "Ruiz"},
        {"email": "lee@example.org", "first_name": "L\u202eee", "last_name": "Park"},
    ]
    response = staff_api.post(f"staff/events/{event.slug}/registrations/bulk", {"people": people})
    assert response.status_code == 200
    assert [(r["ok"], r["code"]) for r in response.json()["results"]] == [
        (True, None),
        (False, "name_invisible_characters"),
    ]


def test_the_api_refuses_a_staff_given_name_over_the_limit(staff_api):
    event = EventFactory()
    response = staff_api.post(
        f"staff/events/{event.slug}/registrations",
        {"email": "lee@example.org", "first_name": "Lee", "last_name": "P" * 150},
    )
    assert response.status_code == 422
    assert response.json()["details"][0]["field"] == "last_name"
