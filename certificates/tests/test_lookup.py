"""Anyone can look a certificate up at /verify/ by its verification code, or by its number
together with the holder's last name (a number alone is sequential, so it opens nothing)."""

from __future__ import annotations

import pytest
from django.core.cache import cache
from django.urls import reverse

from certificates.models import Certificate
from licensing.models import UserLicense

NOT_FOUND = "We found no certificate with that number or code. Check it against the certificate."


@pytest.fixture
def certificate(event, dana, submit, run_tasks) -> Certificate:
    submit(event, dana, license=UserLicense.objects.get(user=dana))
    run_tasks()
    return Certificate.objects.get()


@pytest.fixture(autouse=True)
def _fresh_rate_limit():
    cache.clear()
    yield
    cache.clear()


def test_the_lookup_page_has_a_labelled_form(client, db):
    response = client.get("/verify/")

    assert response.status_code == 200
    page = response.content.decode()
    assert '<label for="id_q"' in page
    assert '<label for="id_name"' in page
    assert 'method="get"' in page


@pytest.mark.parametrize(
    "typed", ["{code}", "  {code}  ", "{upper}", "https://x.test/verify/{code}/"]
)
def test_a_verification_code_leads_to_its_verification_page(certificate, client, typed):
    code = certificate.verification_code
    query = typed.format(code=code, upper=code.upper())

    response = client.get("/verify/", {"q": query})

    assert response.status_code == 302
    assert response["Location"] == f"/verify/{code}/"


@pytest.mark.parametrize("typed", ["{number}", "{lower}", "{bare}", " {spaced} "])
def test_a_number_and_the_holders_last_name_lead_to_the_verification_page(
    certificate, client, typed
):
    number = certificate.number
    query = typed.format(
        number=number,
        lower=number.lower(),
        bare=number.replace("-", ""),
        spaced=number.replace("-", " "),
    )

    response = client.get("/verify/", {"q": query, "name": " whitfield "})

    assert response.status_code == 302
    assert response["Location"] == f"/verify/{certificate.verification_code}/"


def test_the_full_name_also_matches(certificate, client):
    response = client.get("/verify/", {"q": certificate.number, "name": "Dana Whitfield"})

    assert response["Location"] == f"/verify/{certificate.verification_code}/"


@pytest.mark.parametrize("name", ["", "Haddad", "field"])
def test_a_number_without_the_right_name_reveals_nothing(certificate, client, name):
    response = client.get("/verify/", {"q": certificate.number, "name": name})

    assert response.status_code == 200
    page = response.content.decode()
    assert NOT_FOUND in page
    assert "Dana" not in page and certificate.verification_code not in page


@pytest.mark.parametrize("query", ["FC-2026-999999", "nonsense", "---", "<script>", "FC2026"])
def test_unknown_input_gets_the_plain_message(certificate, client, query):
    response = client.get("/verify/", {"q": query, "name": "Whitfield"})

    assert response.status_code == 200
    assert NOT_FOUND in response.content.decode()


@pytest.mark.parametrize(
    ("query", "name", "error"),
    [
        ("x" * 201, "", "at most 200 characters"),
        ("FC-2026-\x00", "", "Null characters are not allowed"),
        ("FC-2026-000001", "y" * 201, "at most 200 characters"),
    ],
)
def test_malformed_input_is_explained_not_a_crash(certificate, client, query, name, error):
    response = client.get("/verify/", {"q": query, "name": name})

    assert response.status_code == 200
    page = response.content.decode()
    assert error in page and NOT_FOUND not in page


def test_an_empty_lookup_asks_for_the_number(client, db):
    response = client.get("/verify/", {"q": "   "})

    assert response.status_code == 200
    page = response.content.decode()
    assert "Enter the certificate number or the verification code." in page
    assert NOT_FOUND not in page


def test_an_old_version_is_found_under_its_own_name(certificate, client, sam_staff):
    from certificates.corrections.services import correct_certificate

    new = correct_certificate(
        certificate, actor=sam_staff, name="Dana Reyes", reason="Legal name change."
    )

    old = client.get("/verify/", {"q": certificate.number, "name": "Whitfield"})
    current = client.get("/verify/", {"q": certificate.number, "name": "Reyes"})

    assert old["Location"] == f"/verify/{certificate.verification_code}/"
    assert current["Location"] == f"/verify/{new.verification_code}/"


def test_the_lookup_shares_the_verification_rate_limit(certificate, client, settings):
    settings.VERIFY_RATE_LIMIT_PER_MINUTE = 2
    statuses = [
        client.get("/verify/", {"q": "nonsense"}, REMOTE_ADDR="203.0.113.9").status_code
        for _ in range(3)
    ]

    assert statuses == [200, 200, 429]


def test_the_verification_page_names_approvals_in_words_never_their_codes(certificate, client):
    page = client.get(reverse("certificates:verify", args=[certificate.verification_code]))
    text = page.content.decode()

    approval = certificate.snapshot["approvals"][0]
    assert f"{approval['body_name']}, Provider No." in text
    assert f"({approval['body_code']})" not in text
