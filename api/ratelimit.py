"""Fixed-window request limits for the API: per token (or signed-in person) and per client IP.

Counts live in Django's cache, like the verification pages' limit (core.ratelimit): with the
default per-process cache each process counts on its own; a shared cache makes it exact.
"""

from __future__ import annotations

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest
from django.utils import timezone

from api.errors import RateLimited
from core.ratelimit import client_address

WINDOW_SECONDS = 60


def hit(scope: str, who: str, limit: int) -> None:
    """Count one request by `who`; raise RateLimited once it exceeds `limit` this minute."""
    now = timezone.now().timestamp()
    window = int(now // WINDOW_SECONDS)
    key = f"api-ratelimit:{scope}:{who}:{window}"
    cache.add(key, 0, timeout=WINDOW_SECONDS + 30)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=WINDOW_SECONDS + 30)
        count = 1
    if count > limit:
        raise RateLimited(retry_after=WINDOW_SECONDS - int(now) % WINDOW_SECONDS)


def limit_client(request: HttpRequest, scope: str = "public", setting: str = "") -> None:
    limit = getattr(settings, setting or "API_PUBLIC_RATE_LIMIT_PER_MINUTE")
    hit(scope, client_address(request), limit)


def limit_caller(who: str) -> None:
    hit("caller", who, settings.API_RATE_LIMIT_PER_MINUTE)
