"""The write paths for accounts: every view, command and (later) API call goes through these."""

from __future__ import annotations

from django.db import transaction

from accounts.models import User
from accounts.signals import account_deleting
from core import audit
from core.email import send_email


@transaction.atomic
def update_profile(user: User, *, actor: User, **changes: str) -> list[str]:
    """Apply profile changes and audit which fields changed (old and new legal name)."""
    changed = [field for field, value in changes.items() if getattr(user, field) != value]
    if not changed:
        return []
    before = {field: getattr(user, field) for field in changed}
    for field in changed:
        setattr(user, field, changes[field])
    user.save(update_fields=changed)
    audit.record(
        actor,
        "account.profile_updated",
        user,
        changed=changed,
        before=before,
        after={field: changes[field] for field in changed},
    )
    return changed


def delete_account(user: User, *, actor: User) -> None:
    """Delete the login and personal data; keep what a provider must retain, detached.

    Audit entries name the account by its address and lose the link (SET_NULL). Records that
    accreditors require a provider to keep (attendance, evaluations, certificates) point at the
    account with SET_NULL as well and keep the name printed on them; each registration keeps
    the license numbers its roster showed. What accounts/delete.html promises is what this
    does: change them together.
    """
    address = user.email
    name = user.legal_name
    with transaction.atomic():
        # The roster keeps license numbers, the tracker's files leave with the account, and
        # registrations for events still ahead are cancelled (receivers in events, tracker).
        account_deleting.send(sender=User, user=user)
        audit.record(actor, "account.deleted", user, deleted_email=address)
        user.delete()
    # Sent after commit: the account is gone whether or not the mail server answers.
    send_email("account_deleted", [address], {"name": name or address})
