"""Legal names: short enough for every place they are printed or stored, and free of invisible
or control characters, on every path that writes one."""

from __future__ import annotations

import pytest
from allauth.account.models import EmailAddress
from django.urls import reverse
from django.utils.html import escape

from accounts.invitations import find_or_invite
from accounts.models import User
from accounts.names import INVISIBLE_MESSAGE, LEGAL_NAME_MAX, LEGAL_NAME_PART_MAX
from certificates.models import NameCorrectionRequest
from core.errors import DomainError
from events.models import Registration
from events.services import register_attendee
from tests.factories import EventFactory

PROFILE = {"time_zone": "America/Denver", "phone": ""}
SIGNUP = {
    "email": "new.person@example.com",
    "password1": "a long and unusual passphrase",
    "password2": "a long and unusual passphrase",
    "time_zone": "America/Chicago",
}
LONGEST = "A" * LEGAL_NAME_PART_MAX
REAL_NAMES = [
    ("Renée", "Núñez-O'Brien"),
    ("Zoë", "D'Angelo"),
    ("Nguyễn", "Thị Minh Khai"),
    ("美咲", "佐藤"),
    ("محمد", "الحسيني"),
    ("שרה", "כהן-לוי"),
    ("Siobhán", "Ó Briain"),
    ("Jean-Luc", "St. Pierre"),
]
INVISIBLE = {
    "right-to-left override": "Dana\u202eztiW",
    "left-to-right isolate": "Dana\u2066W",
    "zero-width space": "Da\u200bna",
    "zero-width joiner": "Da\u200dna",
    "null": "Da\x00na",
    "escape": "Da\x1b[31mna",
    "bell": "Dana\x07",
    "private use": "Dana\ue000",
    "line separator": "Da\u2028na",
    "paragraph separator": "Da\u2029na",
}


def _profile(client, first: str, last: str):
    return client.post(
        reverse("accounts:profile"),
        {**PROFILE, "legal_first_name": first, "legal_last_name": last},
    )


def test_every_field_a_legal_name_is_copied_into_can_hold_the_longest_one():
    user_fields = [User._meta.get_field(f) for f in ("legal_first_name", "legal_last_name")]
    assert {field.max_length for field in user_fields} == {LEGAL_NAME_PART_MAX}
    assert LEGAL_NAME_MAX == 2 * LEGAL_NAME_PART_MAX + 1
    assert Registration._meta.get_field("name").max_length >= LEGAL_NAME_MAX
    assert NameCorrectionRequest._meta.get_field("requested_name").max_length >= LEGAL_NAME_MAX


def test_the_profile_refuses_a_name_longer_than_the_limit_with_a_plain_message(client, dana):
    client.force_login(dana)
    response = _profile(client, "B" * 150, "C" * 150)
    assert response.status_code == 200
    assert f"at most {LEGAL_NAME_PART_MAX} characters" in response.content.decode()
    dana.refresh_from_db()
    assert dana.legal_first_name == "Dana"


def test_sign_up_refuses_a_name_longer_than_the_limit(client, db):
    response = client.post(
        reverse("account_signup"),
        {**SIGNUP, "legal_first_name": "B" * 150, "legal_last_name": "C" * 150},
    )
    assert response.status_code == 200
    assert f"at most {LEGAL_NAME_PART_MAX} characters" in response.content.decode()
    assert not User.objects.filter(email=SIGNUP["email"]).exists()


def test_the_longest_name_the_profile_accepts_can_register(client, dana):
    client.force_login(dana)
    assert _profile(client, LONGEST, LONGEST).status_code == 302
    dana.refresh_from_db()
    registration = register_attendee(EventFactory(), dana)
    assert registration.name == f"{LONGEST} {LONGEST}"
    assert len(registration.name) <= Registration._meta.get_field("name").max_length


@pytest.mark.parametrize(("first", "last"), REAL_NAMES)
def test_real_names_in_many_scripts_are_accepted(client, dana, first, last):
    client.force_login(dana)
    assert _profile(client, first, last).status_code == 302
    dana.refresh_from_db()
    assert (dana.legal_first_name, dana.legal_last_name) == (first, last)


@pytest.mark.parametrize("name", INVISIBLE.values(), ids=INVISIBLE.keys())
def test_the_profile_refuses_invisible_and_control_characters(client, dana, name):
    client.force_login(dana)
    response = _profile(client, name, "Whitfield")
    assert response.status_code == 200
    assert escape(INVISIBLE_MESSAGE) in response.content.decode()
    dana.refresh_from_db()
    assert dana.legal_first_name == "Dana"


def test_sign_up_refuses_a_bidi_override_in_the_name(client, db):
    response = client.post(
        reverse("account_signup"),
        {**SIGNUP, "legal_first_name": "Renée", "legal_last_name": "O\u202eneirB"},
    )
    assert response.status_code == 200
    assert escape(INVISIBLE_MESSAGE) in response.content.decode()
    assert not User.objects.filter(email=SIGNUP["email"]).exists()


@pytest.mark.parametrize(
    ("first", "last", "field"),
    [("B" * 101, "Reyes", "first_name"), ("Ana", "C" * 101, "last_name")],
)
def test_staff_cannot_invite_a_person_under_a_name_longer_than_the_limit(
    sam_staff, first, last, field
):
    with pytest.raises(DomainError) as refused:
        find_or_invite("new.person@example.com", first_name=first, last_name=last, actor=sam_staff)
    assert (refused.value.code, refused.value.field) == ("name_too_long", field)
    assert f"at most {LEGAL_NAME_PART_MAX} characters" in refused.value.message
    assert not User.objects.filter(email="new.person@example.com").exists()
    assert not EmailAddress.objects.filter(email="new.person@example.com").exists()
