"""The staff page for background work."""

from __future__ import annotations

from collections.abc import Callable

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from core.errors import DomainError
from core.permissions import staff_required
from operations import services
from operations.machinery import overview
from operations.models import WorkAlert


@staff_required
def background(request: HttpRequest) -> HttpResponse:
    context = {
        "machinery": overview(),
        "alert": WorkAlert.objects.filter(is_open=True).first(),
    }
    return render(request, "operations/background.html", context)


def _act(request: HttpRequest, action: Callable[[], object], success: str) -> HttpResponse:
    try:
        action()
    except DomainError as refusal:
        messages.error(request, refusal.message)
    else:
        messages.success(request, success)
    return redirect("staff:background")


@staff_required
@require_POST
def task_retry(request: HttpRequest, task_id: str) -> HttpResponse:
    return _act(
        request,
        lambda: services.retry_task(task_id, actor=request.user),
        "The task is queued to run now.",
    )


@staff_required
@require_POST
def task_dismiss(request: HttpRequest, task_id: str) -> HttpResponse:
    return _act(
        request,
        lambda: services.dismiss_task(
            task_id, actor=request.user, reason=request.POST.get("reason", "")
        ),
        "The failed task was dismissed; the audit log keeps what it was.",
    )


@staff_required
@require_POST
def email_retry(request: HttpRequest, email_id: int) -> HttpResponse:
    return _act(
        request,
        lambda: services.retry_email(email_id, actor=request.user),
        "The email is queued to be delivered now.",
    )
