"""Shared fixtures: the license catalog in every test database, and named personas."""

from __future__ import annotations

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth.models import Group
from django.core.management import call_command

from accounts.roles import CLINICAL_STAFF_GROUP
from tests.factories import UserFactory, UserLicenseFactory


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    # The catalog is reference data every page relies on; load it once per test run.
    with django_db_blocker.unblock():
        call_command("load_license_catalog", verbosity=0, stdout=open("/dev/null", "w"))  # noqa: SIM115


@pytest.fixture
def dana(db):
    """An attendee: California and New York LCSW, lives in Los Angeles."""
    user = UserFactory(
        email="dana@example.com",
        legal_first_name="Dana",
        legal_last_name="Whitfield",
        time_zone="America/Los_Angeles",
    )
    UserLicenseFactory(user=user, license_type__state="CA", license_type__code="LCSW")
    return user


@pytest.fixture
def omar(db):
    """Another attendee, to prove one person cannot reach another's records."""
    return UserFactory(email="omar@example.com", legal_first_name="Omar", legal_last_name="Haddad")


@pytest.fixture
def sam_staff(db):
    """A member of the clinical staff."""
    user = UserFactory(email="sam@example.com", legal_first_name="Sam", legal_last_name="Okafor")
    user.groups.add(Group.objects.get(name=CLINICAL_STAFF_GROUP))
    return user


@pytest.fixture
def verified_email():
    def make(user, email=None, primary=True):
        return EmailAddress.objects.create(
            user=user, email=email or user.email, verified=True, primary=primary
        )

    return make
