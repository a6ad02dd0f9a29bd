from __future__ import annotations

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db.models import Count, Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone

from accounts.roles import CLINICAL_STAFF_GROUP
from core.models import AuditEntry, OutboxMessage
from core.permissions import staff_required
from evaluations.models import StaffAlert
from events.models import Event, Registration
from licensing.models import VERIFIED, Board, LicenseType, RequirementRule, UserLicense


def home(request: HttpRequest) -> HttpResponse:
    context = {}
    if request.user.is_authenticated:
        context["licenses"] = UserLicense.objects.filter(user=request.user).select_related(
            "license_type"
        )
        context["upcoming"] = (
            Registration.objects.filter(
                user=request.user, status=Registration.REGISTERED, event__end__gt=timezone.now()
            )
            .exclude(event__status=Event.CANCELLED)
            .select_related("event")
            .order_by("event__start")[:3]
        )
    return render(request, "core/home.html", context)


@staff_required
def staff_dashboard(request: HttpRequest) -> HttpResponse:
    users = get_user_model().objects.aggregate(
        total=Count("pk"),
        staff=Count("pk", filter=Q(groups__name=CLINICAL_STAFF_GROUP), distinct=True),
    )
    rules = RequirementRule.objects.aggregate(
        total=Count("pk"), verified=Count("pk", filter=Q(status=VERIFIED))
    )
    context = {
        "user_counts": users,
        "rule_counts": rules,
        "board_count": Board.objects.count(),
        "license_type_count": LicenseType.objects.count(),
        "license_count": UserLicense.objects.count(),
        "recent_audit": AuditEntry.objects.all()[:15],
        "event_counts": Event.objects.aggregate(
            published=Count("pk", filter=Q(status=Event.PUBLISHED)),
            upcoming=Count("pk", filter=Q(status=Event.PUBLISHED, start__gt=timezone.now())),
            draft=Count("pk", filter=Q(status=Event.DRAFT)),
        ),
        "registration_count": Registration.objects.active().count(),
        "open_alerts": StaffAlert.objects.filter(resolved_at__isnull=True)
        .select_related("event")
        .order_by("created_at"),
    }
    return render(request, "core/staff_dashboard.html", context)


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
