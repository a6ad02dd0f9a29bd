"""CE Wallet → CE Tracker: one card per license, the certificates and where they count, and the
audit pack download."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.views.decorators.http import require_GET

from certificates.formatting import long_date
from certificates.models import Certificate
from credit.tracker.types import CategoryProgress, CycleReport
from licensing.models import CECategory, UserLicense
from tracker.audit import build_audit_pack
from tracker.evaluation import license_report, license_reports
from tracker.gaps import gaps_url, short_categories
from tracker.models import OutsideCredit
from tracker.services.assignments import prefill_unassigned


def met_in_cycle(report: CycleReport, progress: CategoryProgress) -> tuple[dt.date | None, str]:
    """When a requirement was met this cycle, and by what: the credit that completed it."""
    if progress.met_earlier_on is not None:
        return progress.met_earlier_on, progress.met_earlier_by
    if not progress.met:
        return None, ""
    code, total = progress.rule.code, Decimal(0)
    lines = [line for line in report.counted_lines if line.categories.get(code)]
    for line in sorted(lines, key=lambda line: line.credit.completed_on):
        total += line.categories[code]
        if progress.required is None or total >= progress.required:
            return line.credit.completed_on, line.credit.title
    return None, ""


@dataclass
class Card:
    license: UserLicense
    report: CycleReport
    days_left: int | None
    gaps_url: str
    gap_names: list[str]

    @property
    def lifetime(self) -> list[tuple[CategoryProgress, dt.date | None, str]]:
        return [(p, *met_in_cycle(self.report, p)) for p in self.report.lifetime]

    @property
    def unverified(self) -> bool:
        return any(not p.verified for p in self.report.rules.provenances)


def _cards(request: HttpRequest, today: dt.date) -> list[Card]:
    categories = list(CECategory.objects.all())
    cards = []
    for license, report in license_reports(request.user, today=today):
        days_left = (report.window.end - today).days if report.window else None
        gaps = short_categories(report, categories)
        cards.append(
            Card(
                license,
                report,
                days_left,
                gaps_url(license, report, categories),
                [c.name for c in gaps],
            )
        )
    return cards


@login_required
@require_GET
def index(request: HttpRequest) -> HttpResponse:
    # Certificates issued before a license was added get their suggested assignment now.
    prefill_unassigned(request.user)
    today = timezone.localdate()
    certificates = (
        Certificate.objects.filter(user=request.user)
        .exclude(status=Certificate.SUPERSEDED)
        .prefetch_related("credit_assignments__user_license__license_type")
        .prefetch_related("credit_assignments__category")
    )
    rows = [(c, long_date(c.snapshot["issue_date"])) for c in certificates]
    outside = OutsideCredit.objects.filter(user=request.user).count()
    return render(
        request,
        "tracker/index.html",
        {
            "cards": _cards(request, today),
            "today": today,
            "certificate_rows": rows,
            "outside_count": outside,
        },
    )


def _cycle_end(request: HttpRequest) -> dt.date | None:
    text = request.GET.get("cycle_end", "")
    if not text:
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise Http404("Not a date.") from None


@login_required
@require_GET
def audit_pack(request: HttpRequest, pk: int) -> HttpResponse:
    license = get_object_or_404(
        UserLicense.objects.select_related("license_type"), pk=pk, user=request.user
    )
    today = timezone.localdate()
    report = license_report(license, today=today, cycle_end=_cycle_end(request))
    name, content = build_audit_pack(license, report, today=today)
    response = HttpResponse(content, content_type="application/zip")
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    response["Cache-Control"] = "private, no-store"
    return response
