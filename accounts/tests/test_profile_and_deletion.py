from django.core import mail
from django.urls import reverse

from accounts.models import User
from core.models import AuditEntry
from licensing.models import UserLicense
from tests.factories import PASSWORD

PROFILE = {
    "legal_first_name": "Dana",
    "legal_last_name": "Whitfield-Núñez",
    "time_zone": "America/Denver",
    "phone": "(415) 555-0142",
}


def test_the_profile_page_explains_the_legal_name(client, dana):
    client.force_login(dana)
    response = client.get(reverse("accounts:profile"))
    assert "This is the name printed on your certificates" in response.content.decode()


def test_saving_the_profile_updates_it_and_audits_the_name_change(client, dana):
    client.force_login(dana)
    response = client.post(reverse("accounts:profile"), PROFILE)
    assert response.status_code == 302
    dana.refresh_from_db()
    assert dana.legal_last_name == "Whitfield-Núñez"
    assert dana.time_zone == "America/Denver"
    assert dana.phone == "4155550142"
    entry = AuditEntry.objects.get(action="account.profile_updated")
    assert entry.data["before"]["legal_last_name"] == "Whitfield"
    assert entry.data["after"]["legal_last_name"] == "Whitfield-Núñez"


def test_an_invalid_phone_number_is_refused_next_to_the_field(client, dana):
    client.force_login(dana)
    response = client.post(reverse("accounts:profile"), {**PROFILE, "phone": "call me"})
    assert response.status_code == 200
    assert "Enter a phone number of 7 to 15 digits" in response.content.decode()
    dana.refresh_from_db()
    assert dana.phone == ""


def test_the_profile_requires_logging_in(client, db):
    response = client.get(reverse("accounts:profile"))
    assert response.status_code == 302
    assert reverse("account_login") in response["Location"]


def test_the_deletion_page_says_what_is_removed_and_what_is_kept(client, dana):
    client.force_login(dana)
    html = client.get(reverse("accounts:delete")).content.decode()
    assert "This cannot be undone" in html
    assert "What is removed" in html
    assert "certificates issued to you" in html


def test_deletion_requires_typing_the_primary_address(client, dana):
    client.force_login(dana)
    response = client.post(
        reverse("accounts:delete"), {"confirm_email": "someone@else.com", "password": PASSWORD}
    )
    assert response.status_code == 200
    assert "This is not your primary email address." in response.content.decode()
    assert User.objects.filter(pk=dana.pk).exists()


def test_deletion_requires_the_password(client, dana):
    client.force_login(dana)
    client.post(reverse("accounts:delete"), {"confirm_email": dana.email, "password": "wrong"})
    assert User.objects.filter(pk=dana.pk).exists()


def test_deleting_the_account_removes_login_and_personal_data_and_keeps_the_audit(client, dana):
    client.force_login(dana)
    response = client.post(
        reverse("accounts:delete"), {"confirm_email": "Dana@Example.com", "password": PASSWORD}
    )
    assert response.status_code == 302
    assert not User.objects.filter(email="dana@example.com").exists()
    assert not UserLicense.objects.exists()
    entry = AuditEntry.objects.get(action="account.deleted")
    assert entry.actor is None and entry.actor_label == "dana@example.com"
    assert mail.outbox[-1].to == ["dana@example.com"]
    assert "deleted" in mail.outbox[-1].subject
    assert "_auth_user_id" not in client.session
