"""Pre-filled assignments: from the evaluation's choice, else from the event's approvals and
categories; never brought back once the person cleared them; carried over on correction."""

from __future__ import annotations

from decimal import Decimal

from django.contrib.auth.models import Permission

from certificates.corrections.services import approve_correction, request_name_correction
from licensing.models import LicenseType, UserLicense
from tests.factories import UserLicenseFactory
from tracker.models import CreditAssignment
from tracker.services.assignments import assign_certificate, prefill_unassigned
from tracker.tests.conftest import make_certificate


def assigned(certificate) -> set[tuple[str, str | None, Decimal]]:
    return {
        (a.user_license.license_type.label, a.category.code if a.category else None, a.hours)
        for a in CreditAssignment.objects.filter(certificate=certificate)
    }


def test_issuance_assigns_the_license_and_category_chosen_in_the_evaluation(
    dana, ca_license, ny_license
):
    certificate = make_certificate(
        dana,
        hours="3",
        license=ny_license,
        category="law_ethics",
        approvals=["APA", "ASWB_ACE", "NY_SED"],
    )
    assert assigned(certificate) == {("NY LCSW", "law_ethics", Decimal("3"))}


def test_without_a_choice_every_license_that_accepts_the_approval_gets_the_hours(
    dana, ca_license, ny_license
):
    # California accepts ASWB ACE, New York its own State Education Department; the Texas
    # counselor license accepts neither.
    UserLicenseFactory(user=dana, license_type__state="TX", license_type__code="LPC")
    certificate = make_certificate(
        dana, approvals=["ASWB_ACE", "NY_SED"], categories=["law_ethics"]
    )
    assert assigned(certificate) == {
        ("CA LCSW", "law_ethics", Decimal("3")),
        ("NY LCSW", "law_ethics", Decimal("3")),
    }


def test_an_event_with_several_categories_is_prefilled_as_general_hours(dana, ca_license):
    certificate = make_certificate(dana, categories=["law_ethics", "suicide_risk"])
    assert assigned(certificate) == {("CA LCSW", None, Decimal("3"))}


def test_a_certificate_from_before_a_license_was_added_is_filled_when_it_is_added(dana, ca_license):
    ca_license.delete()
    certificate = make_certificate(dana, categories=["law_ethics"])
    assert assigned(certificate) == set()
    UserLicenseFactory(user=dana, license_type__state="CA", license_type__code="LCSW")
    assert assigned(certificate) == {("CA LCSW", "law_ethics", Decimal("3"))}
    assert prefill_unassigned(dana) == 0  # opening the tracker finds nothing left to fill


def test_the_tracker_fills_certificates_that_predate_it_when_it_opens(dana, ca_license):
    ca_license.delete()
    certificate = make_certificate(dana, categories=["law_ethics"])
    UserLicense.objects.bulk_create(  # as a data import would: no save signal
        [UserLicense(user=dana, license_type=LicenseType.objects.get(state="CA", code="LCSW"))]
    )
    assert assigned(certificate) == set()
    assert prefill_unassigned(dana) == 1
    assert assigned(certificate) == {("CA LCSW", "law_ethics", Decimal("3"))}


def test_a_deliberately_cleared_assignment_is_never_refilled(client, dana, ca_license):
    certificate = make_certificate(dana)
    assign_certificate(certificate, dana, [])
    assert prefill_unassigned(dana) == 0
    client.force_login(dana)
    client.get("/wallet/tracker/")
    assert assigned(certificate) == set()


def test_a_corrected_certificate_keeps_its_assignments(dana, ca_license, sam_staff):
    certificate = make_certificate(dana, categories=["law_ethics"])
    sam_staff.user_permissions.add(Permission.objects.get(codename="manage_certificates"))
    correction = request_name_correction(
        certificate, user=dana, requested_name="Dana Whitfield-Núñez", explanation="Accent"
    )
    corrected = approve_correction(correction, actor=sam_staff)
    assert assigned(corrected) == {("CA LCSW", "law_ethics", Decimal("3"))}
    assert not CreditAssignment.objects.filter(certificate=certificate).exists()
