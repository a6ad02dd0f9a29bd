"""Who is calling: a personal access token, or the site's own session (with CSRF).

A request that sends an Authorization header is judged by its token alone, so a bad token is
401 even in a browser that is also signed in. Read-only tokens may only read.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from ninja.errors import AuthenticationError
from ninja.security import HttpBearer, SessionAuth

from accounts.models import User
from api import ratelimit
from api.tokens import find_token

SAFE_METHODS = {"GET", "HEAD", "OPTIONS"}
STAFF_AREA = "accounts.access_staff_area"


def _refuse_unless_staff(user: User, staff_only: bool) -> None:
    # Checked while authenticating, before the body is validated: a non-staff caller learns
    # only that the endpoint is not theirs, never how a valid request would look.
    if staff_only and not user.has_perm(STAFF_AREA):
        raise PermissionDenied("Only clinical staff can use this endpoint.")


class TokenAuth(HttpBearer):
    def __init__(self, *, staff_only: bool = False) -> None:
        super().__init__()
        self.staff_only = staff_only

    def __call__(self, request: HttpRequest) -> Any:
        # The header is read here rather than by ninja's HttpBearer, which logs the whole
        # value (the token itself) when it lacks the "Bearer " prefix and DEBUG is on. Nothing
        # about the header is logged: a wrong scheme is simply a 401 like a wrong token.
        if "HTTP_AUTHORIZATION" not in request.META:
            return None
        scheme, _, token = request.META["HTTP_AUTHORIZATION"].partition(" ")
        result = None
        if scheme.lower() == self.openapi_scheme and token.strip():
            result = self.authenticate(request, token.strip())
        if not result:
            raise AuthenticationError()
        return result

    def authenticate(self, request: HttpRequest, token: str) -> User | None:
        found = find_token(token)
        if found is None:
            return None
        ratelimit.limit_caller(f"token:{found.pk}")
        _refuse_unless_staff(found.user, self.staff_only)
        if found.read_only and request.method not in SAFE_METHODS:
            raise PermissionDenied("This token is read-only.")
        request.user = found.user
        request.api_token = found  # type: ignore[attr-defined]
        return found.user


class SiteSessionAuth(SessionAuth):
    def __init__(self, *, staff_only: bool = False) -> None:
        super().__init__()
        self.staff_only = staff_only

    def __call__(self, request: HttpRequest) -> Any:
        if "HTTP_AUTHORIZATION" in request.META:
            return None
        return super().__call__(request)

    def authenticate(self, request: HttpRequest, key: str | None) -> User | None:
        user = super().authenticate(request, key)
        if user is not None:
            ratelimit.limit_caller(f"user:{user.pk}")
            _refuse_unless_staff(user, self.staff_only)
        return user


AUTH = [TokenAuth(), SiteSessionAuth()]
STAFF_AUTH = [TokenAuth(staff_only=True), SiteSessionAuth(staff_only=True)]


def caller(request: HttpRequest) -> User:
    """The authenticated person (the auth classes set request.auth)."""
    return request.auth  # type: ignore[attr-defined]


def require_perm(request: HttpRequest, permission: str) -> User:
    user = caller(request)
    if not user.has_perm(STAFF_AREA) or not user.has_perm(permission):
        raise PermissionDenied("Only clinical staff with the right permission can do this.")
    return user
