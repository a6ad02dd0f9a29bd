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


@pytest.fixture(autouse=True)
def _catalog_in_transactional_tests(request):
    """Transactional tests (browser tests) end by emptying every table; put the catalog back."""
    marker = request.node.get_closest_marker("django_db")
    if marker is None or not marker.kwargs.get("transaction"):
        return
    request.getfixturevalue("transactional_db")
    from licensing.models import LicenseType

    if not LicenseType.objects.exists():
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


@pytest.fixture
def run_tasks(monkeypatch):
    """Run every task that is due, as the db_worker would, and fail on any task error."""
    from django_tasks_db.management.commands import db_worker
    from django_tasks_db.models import DBTaskResult

    # The worker drops "old" connections between tasks; inside a test that would close the
    # connection holding the test's transaction (PostgreSQL), so keep it.
    monkeypatch.setattr(db_worker, "close_old_connections", lambda: None)

    def run() -> int:
        before = DBTaskResult.objects.filter(status="SUCCESSFUL").count()
        call_command("db_worker", batch=True, no_startup_delay=True, interval=0, verbosity=0)
        # A failed task is queued again for a later try; either way the test must hear of it.
        failed = DBTaskResult.objects.filter(status="FAILED") | DBTaskResult.objects.filter(
            status="READY"
        ).exclude(exception_class_path="")
        if failed.exists():
            details = "\n".join(f"{r.task_path}: {r.traceback}" for r in failed)
            pytest.fail(f"Background tasks failed:\n{details}")
        return DBTaskResult.objects.filter(status="SUCCESSFUL").count() - before

    return run
