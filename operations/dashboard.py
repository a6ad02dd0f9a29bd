"""The staff dashboard: counts from every app, the recent audit log and what needs attention.
It reads every layer, so it lives at the top with the rest of operations."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from accounts.roles import CLINICAL_STAFF_GROUP
from core.models import AuditEntry
from core.permissions import staff_required
from events.models import Event, Registration
from licensing.models import VERIFIED, Board, LicenseType, RequirementRule, UserLicense
from operations.attention import needs_attention


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
    }
    attention = needs_attention()
    context["attention"] = attention
    context["attention_total"] = sum(item.count for item in attention)
    # The header's badge (operations.context_processors) would count the same queue again.
    context["staff_attention_count"] = context["attention_total"]
    return render(request, "operations/staff_dashboard.html", context)
