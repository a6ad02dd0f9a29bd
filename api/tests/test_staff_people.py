"""Staff: registering people by email, one at a time or in bulk, inviting new ones."""

from __future__ import annotations

import re

from allauth.account.models import EmailAddress
from django.core import mail
from django.test import Client

from accounts.models import User
from core.models import AuditEntry
from events.models import Registration
from tests.factories import EventFactory, RegistrationFactory


def test_staff_list_an_events_registrations(staff_api):
    event = EventFactory()
    registration = RegistrationFactory(event=event)
    body = staff_api.get(f"staff/events/{event.slug}/registrations").json()
    assert [r["id"] for r in body["items"]] == [registration.pk]


def test_registering_an_existing_person_uses_their_account(staff_api, dana):
    event = EventFactory()
    response = staff_api.post(
        f"staff/events/{event.slug}/registrations", {"email": "DANA@example.com"}
    )
    assert response.status_code == 201
    assert response.json()["invited"] is False
    assert Registration.objects.get(event=event).user == dana


def test_a_new_person_gets_an_invited_account_and_a_set_password_link(
    staff_api, sam_staff, run_tasks
):
    event = EventFactory(title="Ethics Update")
    response = staff_api.post(
        f"staff/events/{event.slug}/registrations",
        {"email": "lee@example.org", "first_name": "Lee", "last_name": "Park"},
    )
    assert response.status_code == 201
    assert response.json()["invited"] is True
    user = User.objects.get(email="lee@example.org")
    assert user.legal_name == "Lee Park" and not user.has_usable_password()
    assert Registration.objects.get(event=event).user == user
    assert AuditEntry.objects.filter(action="account.invited", actor=sam_staff).exists()

    mail.outbox.clear()
    run_tasks()
    invitation = next(m for m in mail.outbox if "set your password" in m.subject)
    assert invitation.to == ["lee@example.org"] and "Ethics Update" in invitation.subject
    link = re.search(r"https?://\S+/accounts/password/reset/key/\S+", invitation.body).group(0)

    # The link is allauth's own reset page: it sets the password and proves the address.
    browser = Client()
    path = link.split("://", 1)[1].split("/", 1)[1]
    form_page = browser.get("/" + path, follow=True)
    assert form_page.status_code == 200
    browser.post(
        form_page.redirect_chain[-1][0] if form_page.redirect_chain else "/" + path,
        {"password1": "a long new passphrase", "password2": "a long new passphrase"},
    )
    user.refresh_from_db()
    assert user.check_password("a long new passphrase")
    assert EmailAddress.objects.get(user=user).verified


def test_a_new_person_needs_a_name(staff_api):
    event = EventFactory()
    response = staff_api.post(
        f"staff/events/{event.slug}/registrations", {"email": "nobody@example.org"}
    )
    assert response.status_code == 422
    assert response.json()["code"] == "name_required"
    assert not User.objects.filter(email="nobody@example.org").exists()


def test_bulk_registration_reports_each_row(staff_api, dana):
    event = EventFactory()
    RegistrationFactory(event=event, user=dana)
    people = [
        {"email": "dana@example.com"},
        {"email": "ana@example.org", "first_name": "Ana", "last_name": "Ruiz"},
        {"email": "not-an-email"},
    ]
    response = staff_api.post(f"staff/events/{event.slug}/registrations/bulk", {"people": people})
    assert response.status_code == 200
    body = response.json()
    assert (body["registered"], body["failed"]) == (1, 2)
    assert [(r["ok"], r["code"]) for r in body["results"]] == [
        (False, "already_registered"),
        (True, None),
        (False, "email_invalid"),
    ]
    assert body["results"][1]["invited"] is True


def test_bulk_is_limited_to_a_thousand_rows(staff_api):
    event = EventFactory()
    people = [{"email": f"p{n}@example.org"} for n in range(1001)]
    response = staff_api.post(f"staff/events/{event.slug}/registrations/bulk", {"people": people})
    assert response.status_code == 422
    assert response.json()["details"][0]["field"] == "people"


def test_attendees_cannot_register_other_people(dana_api):
    event = EventFactory()
    response = dana_api.post(f"staff/events/{event.slug}/registrations", {"email": "x@example.org"})
    assert response.status_code == 403
    assert dana_api.get(f"staff/events/{event.slug}/registrations").status_code == 403


def test_an_unknown_event_is_404_for_staff(staff_api):
    assert staff_api.get("staff/events/nope/registrations").status_code == 404
