"""What happens to a person's registrations when their account is deleted."""

from __future__ import annotations

from typing import Any

from django.utils import timezone

from accounts.models import User
from events.models import Registration
from events.services.registration import cancel_registration
from licensing.models import UserLicense


def frozen_licenses(user: User) -> list[dict[str, str]]:
    licenses = UserLicense.objects.filter(user=user).select_related("license_type")
    return [
        {
            "state": license.license_type.state,
            "type": license.license_type.code,
            "label": license.license_type.label,
            "number": license.number,
        }
        for license in licenses.order_by("license_type__state", "license_type__code", "number")
    ]


def keep_roster_records(sender: Any, *, user: User, **kwargs: Any) -> None:
    """Receiver of accounts.signals.account_deleting.

    Every registration keeps the licenses its roster shows today, so deleting the account
    changes nothing an accreditor reads there. Registrations for events that have not started
    are cancelled: nobody can attend under a deleted account, and the place goes to the
    waiting list."""
    Registration.objects.filter(user=user).update(frozen_licenses=frozen_licenses(user))
    ahead = Registration.objects.filter(
        user=user,
        status__in=[Registration.REGISTERED, Registration.WAITLISTED],
        event__start__gt=timezone.now(),
    )
    for registration in ahead:
        cancel_registration(registration, actor=user)
