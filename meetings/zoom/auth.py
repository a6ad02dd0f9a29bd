"""Server-to-Server OAuth: an account-credentials access token, shared by the whole process.

Zoom issues a token for an hour and no refresh token; a new one is requested shortly before
the old one runs out, or at once when the API answers 401 (the app was re-activated, or the
token was revoked).
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass

import httpx

from meetings.providers import ProviderError

# Renew this long before Zoom's stated expiry, so a token never runs out during a request.
RENEW_BEFORE_EXPIRY = 5 * 60


@dataclass(frozen=True)
class Credentials:
    oauth_url: str
    account_id: str
    client_id: str
    client_secret: str

    @property
    def complete(self) -> bool:
        return bool(self.account_id and self.client_id and self.client_secret)


@dataclass(frozen=True)
class Token:
    access_token: str
    expires_at: float
    scopes: frozenset[str]


class ZoomAuthError(ProviderError):
    """Zoom refused the credentials: retrying cannot help until someone fixes the settings."""

    def __init__(self, message: str) -> None:
        super().__init__(message, retryable=False)


_cache: dict[Credentials, Token] = {}
_lock = threading.Lock()


def clear_cache() -> None:
    with _lock:
        _cache.clear()


def _request_token(credentials: Credentials, http: httpx.Client, now: float) -> Token:
    try:
        response = http.post(
            credentials.oauth_url,
            params={"grant_type": "account_credentials", "account_id": credentials.account_id},
            auth=(credentials.client_id, credentials.client_secret),
        )
    except httpx.HTTPError as exc:
        raise ProviderError(f"Zoom's sign-in service could not be reached ({exc}).") from exc
    if response.status_code >= 500 or response.status_code == 429:
        raise ProviderError(f"Zoom's sign-in service answered {response.status_code}; try later.")
    try:
        body = response.json()
    except ValueError:
        body = {}
    if response.status_code != 200 or not body.get("access_token"):
        reason = body.get("reason") or body.get("error") or response.text[:200]
        raise ZoomAuthError(
            f"Zoom refused the app credentials ({response.status_code}: {reason}). Check "
            "ZOOM_ACCOUNT_ID, ZOOM_CLIENT_ID and ZOOM_CLIENT_SECRET against the Server-to-Server "
            "OAuth app in the Zoom Marketplace, and that the app is activated."
        )
    return Token(
        access_token=body["access_token"],
        expires_at=now + float(body.get("expires_in", 3600)),
        scopes=frozenset(str(body.get("scope", "")).split()),
    )


def get_token(
    credentials: Credentials,
    http: httpx.Client,
    *,
    clock: Callable[[], float] = time.time,
    stale: str | None = None,
) -> Token:
    """The cached token, or a new one if it is close to expiry or is `stale` (got a 401)."""
    if not credentials.complete:
        raise ZoomAuthError(
            "Zoom is not configured: set ZOOM_ACCOUNT_ID, ZOOM_CLIENT_ID and ZOOM_CLIENT_SECRET."
        )
    with _lock:
        now = clock()
        token = _cache.get(credentials)
        usable = (
            token is not None
            and token.access_token != stale
            and now < token.expires_at - RENEW_BEFORE_EXPIRY
        )
        if not usable:
            token = _cache[credentials] = _request_token(credentials, http, now)
        assert token is not None
        return token
