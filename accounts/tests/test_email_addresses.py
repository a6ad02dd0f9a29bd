from allauth.account.models import EmailAddress
from django.core import mail
from django.urls import reverse


def test_a_second_address_can_be_added_and_is_sent_a_verification(client, dana):
    client.force_login(dana)
    response = client.post(
        reverse("account_email"), {"action_add": "", "email": "dana.work@example.org"}
    )
    assert response.status_code == 302
    added = EmailAddress.objects.get(email="dana.work@example.org")
    assert added.user == dana and not added.verified and not added.primary
    assert mail.outbox[-1].to == ["dana.work@example.org"]


def test_an_unverified_address_cannot_become_primary(client, dana):
    EmailAddress.objects.create(user=dana, email="dana.work@example.org", verified=False)
    client.force_login(dana)
    client.post(reverse("account_email"), {"action_primary": "", "email": "dana.work@example.org"})
    dana.refresh_from_db()
    assert dana.email == "dana@example.com"
    assert EmailAddress.objects.get(email="dana@example.com").primary


def test_a_verified_address_can_become_primary_and_becomes_the_login(client, dana):
    EmailAddress.objects.create(user=dana, email="dana.work@example.org", verified=True)
    client.force_login(dana)
    client.post(reverse("account_email"), {"action_primary": "", "email": "dana.work@example.org"})
    dana.refresh_from_db()
    assert dana.email == "dana.work@example.org"
