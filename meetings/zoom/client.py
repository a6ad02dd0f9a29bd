"""A small Zoom REST API client: authentication, retries, rate limits and pagination.

Zoom's rate limits are per account and shared by every app on it, so a 429 is normal rather
than exceptional. Per-second limits are waited out here (honouring Retry-After, otherwise
exponential backoff with jitter). The daily limit resets at UTC midnight: a short wait is slept
here, a long one is raised as `ZoomRateLimited` so a background task can come back at the reset
instead of holding a worker for hours.
"""

from __future__ import annotations

import datetime as dt
import email.utils
import random
import threading
import time
from collections.abc import Callable
from typing import Any
from urllib.parse import quote

import httpx
from django.conf import settings

from meetings.providers import ProviderError
from meetings.zoom.auth import Credentials, Token, get_token

PAGE_SIZE = 300  # Zoom's maximum for the report and listing endpoints
TIMEOUT = httpx.Timeout(30.0, connect=10.0)
MAX_ATTEMPTS = 5
BACKOFF_BASE = 1.0  # seconds before the first retry; doubles each time
BACKOFF_CAP = 60.0
# A wait Zoom asks for up to this long is slept in place; a longer one is left to the caller.
MAX_INLINE_PAUSE = 60.0
# Listings are restarted this many times when Zoom says a page token expired (15 minutes).
MAX_LISTING_RESTARTS = 3
# Zoom's error code for "The next page token is invalid or has expired".
PAGE_TOKEN_EXPIRED = 300


class ZoomError(ProviderError):
    """Zoom answered with an error; `status` and Zoom's own `code` say which."""

    def __init__(self, message: str, *, status: int, code: int | None, retryable: bool) -> None:
        super().__init__(message, retryable=retryable)
        self.status = status
        self.code = code


class ZoomRateLimited(ProviderError):
    """Zoom asked for a pause longer than is worth sleeping through (typically the daily
    request limit); calls can resume at `retry_at`."""

    def __init__(self, retry_at: dt.datetime) -> None:
        super().__init__(
            f"Zoom's API rate limit for the account is reached until "
            f"{retry_at.isoformat(timespec='minutes')}.",
            retryable=True,
        )
        self.retry_at = retry_at


def encode_uuid(uuid: str) -> str:
    """A webinar or meeting instance UUID as a path segment.

    Zoom decodes the path once before routing, so a UUID that starts with "/" or contains "//"
    must be encoded twice, or the decoded slash splits the path and the call answers 404.
    """
    once = quote(uuid, safe="")
    if uuid.startswith("/") or "//" in uuid:
        return quote(once, safe="")
    return once


def credentials_from_settings() -> Credentials:
    return Credentials(
        oauth_url=settings.ZOOM_OAUTH_URL,
        account_id=settings.ZOOM_ACCOUNT_ID,
        client_id=settings.ZOOM_CLIENT_ID,
        client_secret=settings.ZOOM_CLIENT_SECRET,
    )


def _error_body(response: httpx.Response) -> dict[str, Any]:
    try:
        body = response.json()
    except ValueError:
        return {}
    return body if isinstance(body, dict) else {}


def _retry_after(response: httpx.Response, now: dt.datetime) -> float | None:
    """Seconds to wait from a Retry-After header (seconds or an HTTP date), if it has one."""
    raw = response.headers.get("Retry-After", "").strip()
    if not raw:
        return None
    if raw.isdigit():
        return float(raw)
    try:
        when = email.utils.parsedate_to_datetime(raw)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=dt.UTC)
    return max(0.0, (when - now).total_seconds())


def _is_daily_limit(response: httpx.Response) -> bool:
    kind = response.headers.get("X-RateLimit-Type", "").lower()
    if kind:
        return "daily" in kind
    return "daily" in str(_error_body(response).get("message", "")).lower()


_http: httpx.Client | None = None
_http_lock = threading.Lock()


def shared_http() -> httpx.Client:
    """One connection pool per process (httpx clients are thread-safe), so each provider call
    reuses Zoom's TLS connections instead of opening and leaking a pool of its own."""
    global _http
    with _http_lock:
        if _http is None:
            _http = httpx.Client(timeout=TIMEOUT)
        return _http


def pause(seconds: float) -> None:
    """The default sleeper; a module function so tests can replace it in one place."""
    time.sleep(seconds)


def _next_utc_midnight(now: dt.datetime) -> dt.datetime:
    return dt.datetime.combine(now.date() + dt.timedelta(days=1), dt.time(), tzinfo=dt.UTC)


class ZoomClient:
    def __init__(
        self,
        *,
        credentials: Credentials | None = None,
        base_url: str | None = None,
        http: httpx.Client | None = None,
        sleep: Callable[[float], None] | None = None,
        jitter: Callable[[], float] = random.random,
        now: Callable[[], dt.datetime] = lambda: dt.datetime.now(dt.UTC),
    ) -> None:
        self.credentials = credentials or credentials_from_settings()
        self.base_url = (base_url or settings.ZOOM_API_BASE_URL).rstrip("/")
        self.http = http or shared_http()
        self.sleep = sleep or pause
        self.jitter = jitter
        self.now = now

    def token(self, *, stale: str | None = None) -> Token:
        return get_token(self.credentials, self.http, stale=stale)

    def _backoff(self, attempt: int) -> float:
        """Exponential backoff with "equal jitter": half fixed, half random, so clients that
        were refused together do not all come back at the same instant."""
        delay = min(BACKOFF_CAP, BACKOFF_BASE * 2**attempt)
        return delay / 2 + self.jitter() * delay / 2

    def _send(self, method: str, url: str, token: Token, **kwargs: Any) -> httpx.Response:
        headers = {"Authorization": f"Bearer {token.access_token}"}
        return self.http.request(method, url, headers=headers, **kwargs)

    def request(self, method: str, path: str, **kwargs: Any) -> httpx.Response:
        """One API call, retried on 429, 5xx and network errors; renews the token on a 401.

        Raises ZoomError for an answer that retrying cannot change (or after the last retry).
        """
        url = f"{self.base_url}{path}"
        token = self.token()
        renewed = False
        attempt = 0
        while True:
            try:
                response = self._send(method, url, token, **kwargs)
            except httpx.HTTPError as exc:
                if attempt + 1 >= MAX_ATTEMPTS:
                    raise ProviderError(f"Zoom could not be reached ({exc}).") from exc
                self.sleep(self._backoff(attempt))
                attempt += 1
                continue
            status = response.status_code
            if status == 401 and not renewed:
                token = self.token(stale=token.access_token)
                renewed = True
                continue
            if status == 429 or status >= 500:
                if attempt + 1 >= MAX_ATTEMPTS:
                    raise self._error(response, retryable=True)
                self.sleep(self._wait(response, attempt))
                attempt += 1
                continue
            if status >= 300:
                raise self._error(response, retryable=False)
            return response

    def _wait(self, response: httpx.Response, attempt: int) -> float:
        """How long to wait before trying again: what Zoom asked for, else until the daily
        limit resets, else backoff. A wait too long to sleep through is raised instead."""
        now = self.now()
        wait = _retry_after(response, now)
        if wait is None and response.status_code == 429 and _is_daily_limit(response):
            wait = (_next_utc_midnight(now) - now).total_seconds()
        if wait is None:
            return self._backoff(attempt)
        if wait > MAX_INLINE_PAUSE:
            raise ZoomRateLimited(now + dt.timedelta(seconds=wait))
        return wait

    @staticmethod
    def _error(response: httpx.Response, *, retryable: bool) -> ZoomError:
        body = _error_body(response)
        code = body.get("code")
        message = body.get("message") or response.text[:200] or response.reason_phrase
        return ZoomError(
            f"Zoom answered {response.status_code}"
            + (f" (code {code})" if code is not None else "")
            + f": {message}",
            status=response.status_code,
            code=code if isinstance(code, int) else None,
            retryable=retryable,
        )

    def get(self, path: str, **params: Any) -> dict[str, Any]:
        return self.request("GET", path, params=params).json()

    def pages(self, path: str, **params: Any) -> list[dict[str, Any]]:
        """Every page of a listing, following next_page_token to the end.

        Zoom's page tokens expire after 15 minutes; if one has, the whole listing is fetched
        again from the first page, because pages fetched before may have shifted since.
        """
        for restart in range(MAX_LISTING_RESTARTS + 1):
            pages: list[dict[str, Any]] = []
            query: dict[str, Any] = {**params, "page_size": PAGE_SIZE}
            try:
                while True:
                    page = self.get(path, **query)
                    pages.append(page)
                    token = page.get("next_page_token") or ""
                    if not token:
                        return pages
                    query["next_page_token"] = token
            except ZoomError as exc:
                if not _page_token_expired(exc) or restart == MAX_LISTING_RESTARTS:
                    raise
        raise AssertionError("unreachable: the last restart returns or raises")


def _page_token_expired(exc: ZoomError) -> bool:
    return exc.code == PAGE_TOKEN_EXPIRED or exc.status == PAGE_TOKEN_EXPIRED
