"""Creating, finding and revoking personal access tokens (the one write path for each)."""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets

from django.db import transaction
from django.utils import timezone

from accounts.models import User
from api.codes import NAME_REQUIRED, ApiCode
from api.models import AccessToken
from core import audit

# A recognisable prefix lets secret scanners and people spot a leaked FullCredit token.
PREFIX = "fc_"
HINT_LENGTH = len(PREFIX) + 6
# Writing last_used_at on every request would turn each read into a write; a minute is precise
# enough to tell whether a token is still in use.
LAST_USED_PRECISION = dt.timedelta(minutes=1)
MAX_ACTIVE_TOKENS = 20


def hash_secret(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


@transaction.atomic
def create_token(
    user: User, *, name: str, expires_at: dt.datetime | None = None, read_only: bool = False
) -> tuple[AccessToken, str]:
    """A new token and its secret. The secret is not stored and cannot be shown again."""
    name = name.strip()
    if not name:
        raise NAME_REQUIRED.error("Name the token after what will use it.", field="name")
    if expires_at is not None and expires_at <= timezone.now():
        raise ApiCode.EXPIRY_IN_PAST.error(field="expires_at")
    active = AccessToken.objects.filter(user=user, revoked_at__isnull=True)
    if active.count() >= MAX_ACTIVE_TOKENS:
        raise ApiCode.TOO_MANY_TOKENS.error(most=MAX_ACTIVE_TOKENS)
    secret = PREFIX + secrets.token_urlsafe(32)
    token = AccessToken.objects.create(
        user=user,
        name=name,
        hint=secret[:HINT_LENGTH],
        token_hash=hash_secret(secret),
        expires_at=expires_at,
        read_only=read_only,
    )
    audit.record(
        user,
        "api_token.created",
        token,
        name=token.name,
        read_only=read_only,
        expires_at=expires_at.isoformat() if expires_at else None,
    )
    return token, secret


@transaction.atomic
def revoke_token(token: AccessToken, *, actor: User) -> AccessToken:
    token = AccessToken.objects.select_for_update().get(pk=token.pk)
    if token.revoked_at is not None:
        raise ApiCode.TOKEN_REVOKED.error()
    token.revoked_at = timezone.now()
    token.save(update_fields=["revoked_at"])
    audit.record(actor, "api_token.revoked", token, name=token.name)
    return token


def find_token(secret: str) -> AccessToken | None:
    """The active token with this secret, with its use recorded; None for anything else."""
    if not secret.startswith(PREFIX):
        return None
    token = (
        AccessToken.objects.select_related("user")
        .filter(token_hash=hash_secret(secret), revoked_at__isnull=True)
        .first()
    )
    now = timezone.now()
    if token is None or token.is_expired(now) or not token.user.is_active:
        return None
    if token.last_used_at is None or now - token.last_used_at >= LAST_USED_PRECISION:
        AccessToken.objects.filter(pk=token.pk).update(last_used_at=now)
        token.last_used_at = now
    return token
