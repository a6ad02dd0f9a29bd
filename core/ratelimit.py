"""A small fixed-window rate limit for public pages (certificate verification), per client IP.

It counts in Django's cache. With the default per-process memory cache each web process counts
on its own, which still makes enumeration hopeless given the codes' length; deployments with
many processes can point CACHES at a shared cache to make the limit exact.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone


def client_address(request: HttpRequest) -> str:
    # Behind a TLS proxy the client is the first X-Forwarded-For address; otherwise the peer.
    if settings.SECURE_PROXY_SSL_HEADER and (forwarded := request.META.get("HTTP_X_FORWARDED_FOR")):
        return forwarded.split(",")[0].strip()
    return request.META.get("REMOTE_ADDR", "unknown")


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
