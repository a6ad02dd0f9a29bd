"""Inviting a person by email: staff register someone who has no account yet.

The invited account has no password. The invitation carries allauth's password-reset link, so
the person sets a password with the same mechanism as "forgot password", and following that
link proves they own the address.
"""

from __future__ import annotations

import hashlib
from typing import Any

from allauth.account import signals as allauth_signals
from allauth.account.forms import default_token_generator
from allauth.account.models import EmailAddress
from allauth.account.utils import user_pk_to_url_str
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.urls import reverse
from django_tasks import task

from accounts.errors import NAME_REQUIRED, AccountCode
from accounts.models import User
from accounts.names import (
    LEGAL_NAME_PART_MAX,
    has_invisible_characters,
    normalise_name,
    too_long_message,
)
from core import audit
from core.email import send_email
from core.tasks import enqueue


def set_password_url(user: User) -> str:
    key = default_token_generator.make_token(user)
    path = reverse(
        "account_reset_password_from_key",
        kwargs={"uidb36": user_pk_to_url_str(user), "key": key},
    )
    return settings.SITE_URL + path


def _find(email: str) -> User | None:
    address = EmailAddress.objects.filter(email__iexact=email).select_related("user").first()
    if address is not None:
        return address.user
    return User.objects.filter(email__iexact=email).first()


def _checked_name(first_name: str, last_name: str) -> tuple[str, str]:
    """The legal name a new account gets, held to the profile page's rules."""
    parts = {"first_name": first_name, "last_name": last_name}
    for field, value in parts.items():
        if has_invisible_characters(value.strip()):
            raise AccountCode.NAME_INVISIBLE_CHARACTERS.error(field=field)
        if len(normalise_name(value)) > LEGAL_NAME_PART_MAX:
            label = "legal first name" if field == "first_name" else "legal last name"
            raise AccountCode.NAME_TOO_LONG.error(too_long_message(label), field=field)
    first, last = normalise_name(first_name), normalise_name(last_name)
    if not first or not last:
        raise NAME_REQUIRED.error(
            "A new account needs the person's legal first and last name.",
            field="last_name" if first else "first_name",
        )
    return first, last


@transaction.atomic
def find_or_invite(
    email: str, *, first_name: str, last_name: str, actor: User, event_title: str = ""
) -> tuple[User, bool]:
    """The account with this email, or a new invited one (True when invited now)."""
    email = email.strip().lower()
    try:
        validate_email(email)
    except ValidationError:
        raise AccountCode.EMAIL_INVALID.error(field="email") from None
    existing = _find(email)
    if existing is not None:
        return existing, False
    first_name, last_name = _checked_name(first_name, last_name)
    user = User.objects.create_user(
        email, legal_first_name=first_name, legal_last_name=last_name
    )  # no password: set_password(None) makes it unusable until they choose one
    EmailAddress.objects.create(user=user, email=email, primary=True, verified=False)
    audit.record(actor, "account.invited", user, email=email)
    enqueue(send_invitation, user.pk, event_title)
    return user, True


@task()
def send_invitation(user_id: int, event_title: str) -> None:
    user = User.objects.filter(pk=user_id).first()
    # Once a password is set the link is spent; an invitation then would only confuse.
    if user is None or user.has_usable_password():
        return
    context: dict[str, Any] = {
        "name": user.legal_first_name or user.email,
        "event_title": event_title,
        "set_password_url": set_password_url(user),
    }
    # One invitation per person and event, however often the task runs.
    title_digest = hashlib.sha256(event_title.encode()).hexdigest()[:16]
    send_email("account_invited", [user.email], context, key=f"invited:{user.pk}:{title_digest}")


def _verify_on_reset(sender: Any, request: Any, user: User, **kwargs: Any) -> None:
    # The reset link reached the mailbox of the account's only address: that proves it, and an
    # invited person would otherwise be asked to confirm an address they just used.
    addresses = list(EmailAddress.objects.filter(user=user))
    if len(addresses) == 1 and not addresses[0].verified:
        addresses[0].verified = True
        addresses[0].save(update_fields=["verified"])


def connect_signals() -> None:
    allauth_signals.password_reset.connect(_verify_on_reset, dispatch_uid="accounts.invitations")
