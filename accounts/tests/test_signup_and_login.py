import re

from allauth.account.models import EmailAddress
from django.core import mail
from django.urls import reverse

from accounts.models import User
from tests.factories import PASSWORD, UserFactory

SIGNUP = {
    "email": "new.person@example.com",
    "password1": "a long and unusual passphrase",
    "password2": "a long and unusual passphrase",
    "legal_first_name": "  Renée ",
    "legal_last_name": "O'Brien",
    "time_zone": "America/Chicago",
}


def test_sign_up_stores_the_legal_name_and_time_zone_and_sends_a_verification_email(client, db):
    response = client.post(reverse("account_signup"), SIGNUP)
    assert response.status_code == 302
    user = User.objects.get(email="new.person@example.com")
    assert (user.legal_first_name, user.legal_last_name) == ("Renée", "O'Brien")
    assert user.time_zone == "America/Chicago"
    assert not EmailAddress.objects.get(user=user).verified
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["new.person@example.com"]
    assert "/accounts/confirm-email/" in mail.outbox[0].body


def test_sign_up_refuses_an_unknown_time_zone(client, db):
    response = client.post(reverse("account_signup"), {**SIGNUP, "time_zone": "Mars/Olympus"})
    assert response.status_code == 200
    assert "Choose a time zone from the list." in response.content.decode()
    assert not User.objects.filter(email=SIGNUP["email"]).exists()


def test_sign_up_requires_the_legal_name(client, db):
    response = client.post(reverse("account_signup"), {**SIGNUP, "legal_last_name": ""})
    assert response.status_code == 200
    assert not User.objects.filter(email=SIGNUP["email"]).exists()


def test_following_the_verification_link_verifies_the_address(client, db):
    client.post(reverse("account_signup"), SIGNUP)
    link = re.search(r"http://\S+/accounts/confirm-email/\S+/", mail.outbox[0].body).group(0)
    path = link.split("testserver", 1)[1]
    assert client.post(path).status_code == 302
    assert EmailAddress.objects.get(email=SIGNUP["email"]).verified


def test_an_unverified_address_cannot_log_in(client, db):
    user = UserFactory(email="unverified@example.com")
    EmailAddress.objects.filter(user=user).update(verified=False)
    client.post(reverse("account_login"), {"login": user.email, "password": PASSWORD})
    assert "_auth_user_id" not in client.session


def test_log_in_and_out_with_email_and_password(client, dana):
    response = client.post(
        reverse("account_login"), {"login": "DANA@example.com", "password": PASSWORD}
    )
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(dana.pk)
    client.post(reverse("account_logout"))
    assert "_auth_user_id" not in client.session


def test_a_wrong_password_is_refused_with_a_message(client, dana):
    response = client.post(reverse("account_login"), {"login": dana.email, "password": "nope"})
    assert response.status_code == 200
    assert "not correct" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_log_in_by_a_one_time_emailed_code(client, dana):
    response = client.post(reverse("account_request_login_code"), {"email": dana.email})
    assert response.status_code == 302
    code = re.search(r"^([A-Z0-9]{4}-[A-Z0-9]{4})$", mail.outbox[-1].body, re.M).group(1)
    response = client.post(reverse("account_confirm_login_code"), {"code": code})
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(dana.pk)


def test_a_wrong_login_code_does_not_log_in(client, dana):
    client.post(reverse("account_request_login_code"), {"email": dana.email})
    client.post(reverse("account_confirm_login_code"), {"code": "WRONG1"})
    assert "_auth_user_id" not in client.session


def test_password_reset_sends_a_link_that_sets_a_new_password(client, dana):
    client.post(reverse("account_reset_password"), {"email": dana.email})
    link = re.search(r"http://testserver(/accounts/password/reset/key/\S+/)", mail.outbox[-1].body)
    response = client.get(link.group(1), follow=True)
    form_path = response.redirect_chain[-1][0] if response.redirect_chain else link.group(1)
    new = "another very long passphrase"
    response = client.post(form_path, {"password1": new, "password2": new})
    assert response.status_code == 302
    dana.refresh_from_db()
    assert dana.check_password(new)


def test_change_password(client, dana):
    client.force_login(dana)
    new = "another very long passphrase"
    response = client.post(
        reverse("account_change_password"),
        {"oldpassword": PASSWORD, "password1": new, "password2": new},
    )
    assert response.status_code == 302
    dana.refresh_from_db()
    assert dana.check_password(new)
