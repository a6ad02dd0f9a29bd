"""Request-wide behaviour: security headers, and showing every time in the viewer's zone."""

from __future__ import annotations

import zoneinfo
from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils import timezone

# Everything the pages need is served from this origin; no inline script or style is used, so
# the policy can stay strict.
CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        "img-src 'self' data:",
        "style-src 'self'",
        "script-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)
PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=(), payment=()"
TIME_ZONE_COOKIE = "tz"


class SecurityHeadersMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        # The Django admin still relies on a few inline scripts of its own.
        if not request.path.startswith("/admin/"):
            response.headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
        response.headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        return response


def zone_for(request: HttpRequest) -> zoneinfo.ZoneInfo:
    """The viewer's zone: their account setting, else the browser's (a cookie), else the default."""
    user = getattr(request, "user", None)
    names = []
    if user is not None and user.is_authenticated:
        names.append(user.time_zone)
    names.append(request.COOKIES.get(TIME_ZONE_COOKIE, ""))
    names.append(settings.DEFAULT_USER_TIME_ZONE)
    for name in names:
        if name:
            try:
                return zoneinfo.ZoneInfo(name)
            # OSError: a cookie too long to be a file name under the zone database.
            except (zoneinfo.ZoneInfoNotFoundError, ValueError, OSError):
                continue
    return zoneinfo.ZoneInfo("UTC")


class UserTimeZoneMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        with timezone.override(zone_for(request)):
            return self.get_response(request)
