"""The development outbox and the error pages: what core can serve knowing no app above it."""

from __future__ import annotations

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from core.models import OutboxMessage


def _require_outbox() -> None:
    # The outbox holds every message the site "sent", sign-in codes included: development only.
    if not settings.OUTBOX_PAGE_ENABLED:
        raise Http404


def outbox(request: HttpRequest) -> HttpResponse:
    _require_outbox()
    return render(request, "core/outbox.html", {"messages_": OutboxMessage.objects.all()[:100]})


def outbox_message(request: HttpRequest, pk: int) -> HttpResponse:
    _require_outbox()
    message = get_object_or_404(OutboxMessage, pk=pk)
    return render(request, "core/outbox_message.html", {"message": message})


def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "400.html", status=400)


def permission_denied(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "403.html", status=403)


def page_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "404.html", status=404)
