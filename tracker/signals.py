"""Receivers for the certificates and accounts apps' signals; they run inside their
transactions."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from certificates.models import Certificate
from tracker.models import OutsideCredit, outside_credit_folder
from tracker.services import assignments
from tracker.storage import remove_files


def prefill_issued(sender: Any, *, certificate: Certificate, **kwargs: Any) -> None:
    assignments.prefill(certificate)


def carry_over(sender: Any, *, old: Certificate, new: Certificate, **kwargs: Any) -> None:
    assignments.carry_over(old, new)


def remove_private_files(sender: Any, *, user: Any, **kwargs: Any) -> None:
    """Receiver of accounts.signals.account_deleting: the person's uploaded certificates leave
    the disk with the account (their OutsideCredit rows go by cascade)."""
    names = [
        name
        for name in OutsideCredit.objects.filter(user=user).values_list("file", flat=True)
        if name
    ]
    folder = outside_credit_folder(user.pk)
    # Only once the deletion has committed: a deletion that rolls back leaves the account and
    # its records in place, and they must still find their files. Should the process die
    # between the commit and this, the files are orphans no account points to, the lesser harm.
    transaction.on_commit(lambda: remove_files(names, folder))


def prefill_for_new_license(sender: Any, *, instance: Any, created: bool, **kwargs: Any) -> None:
    """Receiver of post_save on licensing.UserLicense: certificates issued before the person
    had a license get their suggested assignment as soon as they add one, so their home page
    does not ask them to assign hours the tracker can place by itself."""
    if created and not kwargs.get("raw"):
        assignments.prefill_unassigned(instance.user)
