"""A small fixed-window rate limit for public pages (certificate verification), per client IP,
and the one rule for reading that IP behind proxies (allauth's lockouts use it too).

It counts in Django's cache. With the default per-process memory cache each web process counts
on its own, which still makes enumeration hopeless given the codes' length; deployments with
many processes can point CACHES at a shared cache to make the limit exact.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Callable
from functools import wraps
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone


def client_address(request: HttpRequest) -> str:
    """The client's address as the trusted proxies saw it (settings.TRUSTED_PROXY_COUNT).

    Each trusted proxy appends the address it received the request from, so with N of them
    the N-th X-Forwarded-For entry from the right was written by the outermost one. Entries to
    its left came from the client and can say anything, so they are never read.
    """
    peer = request.META.get("REMOTE_ADDR") or "unknown"
    count = settings.TRUSTED_PROXY_COUNT
    if count <= 0:
        return peer
    entries = [e.strip() for e in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    entries = [e for e in entries if e]
    if len(entries) < count:
        # The request did not pass through every trusted proxy (it reached an inner one or the
        # app directly), so no entry is vouched for. The peer is the one address nobody can
        # forge; if a miscount sends everyone here, they share one limit, which errs on the
        # strict side instead of letting a client choose its own key.
        return peer
    candidate = entries[-count]
    try:
        return str(ipaddress.ip_address(candidate))
    except ValueError:
        return peer


def rate_limited(scope: str, *, setting: str) -> Callable:
    """Answer 429 (with Retry-After) once an address made more requests this minute than the
    named setting allows (read per request, so it can be changed without a restart in tests)."""

    def decorator(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        @wraps(view)
        def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            minute = int(timezone.now().timestamp() // 60)
            key = f"ratelimit:{scope}:{client_address(request)}:{minute}"
            cache.add(key, 0, timeout=90)
            try:
                count = cache.incr(key)
            except ValueError:  # expired between add and incr
                cache.set(key, 1, timeout=90)
                count = 1
            if count > getattr(settings, setting):
                response = render(request, "429.html", status=429)
                response["Retry-After"] = str(60 - int(timezone.now().timestamp()) % 60)
                return response
            return view(request, *args, **kwargs)

        return wrapper

    return decorator
