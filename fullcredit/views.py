"""The front page: what the signed-in person should do next, what they have coming up and the
licenses they hold."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from core.next_steps import steps_for
from events.models import Event, Registration
from licensing.models import UserLicense


def home(request: HttpRequest) -> HttpResponse:
    context: dict[str, Any] = {}
    if request.user.is_authenticated:
        context["next_steps"] = steps_for(request.user)
        context["now"] = timezone.now()
        context["licenses"] = UserLicense.objects.filter(user=request.user).select_related(
            "license_type"
        )
        context["upcoming"] = (
            Registration.objects.active()
            .filter(user=request.user, event__end__gt=timezone.now())
            .exclude(event__status=Event.CANCELLED)
            .select_related("event")
            .order_by("event__start")[:3]
        )
    return render(request, "home.html", context)
