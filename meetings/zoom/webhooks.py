"""The endpoint Zoom posts event notifications to.

Zoom waits 3 seconds for an answer and otherwise delivers again 5, 20 and 60 minutes later, so
the view only checks the signature, stores the notification once and queues its processing.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import time
from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from core.safejson import JSONTooComplex, loads_bounded
from core.tasks import enqueue
from meetings.tasks import process_zoom_notification
from meetings.zoom.models import ZoomWebhookEvent

# Older timestamps are refused, so a captured request cannot be replayed later.
MAX_AGE_SECONDS = 5 * 60
URL_VALIDATION = "endpoint.url_validation"


def sign(secret: str, message: bytes) -> str:
    return hmac.new(secret.encode(), message, hashlib.sha256).hexdigest()


def signature_is_valid(secret: str, timestamp: str, body: bytes, signature: str) -> bool:
    """Zoom's v0 scheme: HMAC-SHA256 over "v0:{timestamp}:{raw body}", compared in constant
    time. The raw bytes are signed, never re-serialised JSON."""
    expected = "v0=" + sign(secret, b"v0:" + timestamp.encode() + b":" + body)
    return hmac.compare_digest(expected.encode(), signature.encode())


def is_fresh(timestamp: str, now: float) -> bool:
    try:
        sent = int(timestamp)
    except ValueError:
        return False
    # Zoom has sent milliseconds in some payload fields; accept either unit here.
    if sent > 10**11:
        sent //= 1000
    return abs(now - sent) <= MAX_AGE_SECONDS


def notification_key(data: dict[str, Any]) -> str:
    payload = json.dumps(data.get("payload"), sort_keys=True, separators=(",", ":"))
    digest = hashlib.sha256(payload.encode()).hexdigest()
    return hashlib.sha256(
        f"{data.get('event')}:{data.get('event_ts')}:{digest}".encode()
    ).hexdigest()


def _refuse(status: int, reason: str) -> JsonResponse:
    return JsonResponse({"error": reason}, status=status)


@csrf_exempt
@require_POST
def receive(request: HttpRequest) -> HttpResponse:
    secret = settings.ZOOM_WEBHOOK_SECRET_TOKEN
    if not secret:
        return _refuse(503, "Zoom notifications are not configured (ZOOM_WEBHOOK_SECRET_TOKEN).")
    body = request.body
    timestamp = request.headers.get("x-zm-request-timestamp", "")
    signature = request.headers.get("x-zm-signature", "")
    if not signature_is_valid(secret, timestamp, body, signature):
        return _refuse(401, "The signature does not match.")
    if not is_fresh(timestamp, time.time()):
        return _refuse(401, "The request timestamp is too old.")
    try:
        data = loads_bounded(body)
    except JSONTooComplex as exc:
        return _refuse(400, exc.message)
    except ValueError:
        return _refuse(400, "The body is not JSON.")
    if not isinstance(data, dict) or not isinstance(data.get("event"), str):
        return _refuse(400, "The body is not a Zoom event notification.")
    if data["event"] == URL_VALIDATION:
        plain = str((data.get("payload") or {}).get("plainToken", ""))
        return JsonResponse({"plainToken": plain, "encryptedToken": sign(secret, plain.encode())})
    event_ts = data.get("event_ts")
    notification, created = ZoomWebhookEvent.objects.get_or_create(
        key=notification_key(data),
        defaults={
            "event_name": data["event"][:100],
            "event_ts": event_ts if isinstance(event_ts, int) else 0,
            "payload": data,
        },
    )
    if created:
        enqueue(process_zoom_notification, notification.pk)
    return HttpResponse(status=200)
