"""The assignment pages: split a certificate's or outside credit's hours across licenses and
categories. Someone else's certificate or record answers 404, like one that does not exist."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from certificates.models import Certificate
from core.errors import DomainError
from licensing.models import CECategory, UserLicense
from tracker.forms import attach_error, grid, read_grid
from tracker.models import OutsideCredit
from tracker.services.assignments import (
    assign_certificate,
    assign_outside_credit,
    certificate_categories,
    certificate_hours,
    suggested_outside_rows,
    suggested_rows,
)


def _licenses(request: HttpRequest) -> list[UserLicense]:
    return list(request.user.licenses.select_related("license_type"))


def _page(
    request: HttpRequest,
    *,
    context: dict[str, Any],
    categories: list[CECategory],
    current: list[Any],
    save: Any,
    done: str,
) -> HttpResponse:
    licenses = _licenses(request)
    data = request.POST if request.method == "POST" else None
    rows = grid(licenses, categories, current, data)
    error = ""
    if data is not None and licenses:
        try:
            save(read_grid(rows))
        except DomainError as refusal:
            if not attach_error(rows, refusal):
                error = refusal.message
        else:
            messages.success(request, "Saved. Your CE Tracker counts the hours as assigned.")
            return redirect(done)
    status = 400 if data is not None else 200
    has_errors = bool(error) or any(r.error or any(c.error for c in r.cells) for r in rows)
    return render(
        request,
        "tracker/assign.html",
        {
            **context,
            "licenses": licenses,
            "categories": categories,
            "rows": rows,
            "error": error,
            "has_errors": has_errors,
        },
        status=status if has_errors else 200,
    )


@login_required
def assign_certificate_view(request: HttpRequest, number: str) -> HttpResponse:
    certificate = (
        Certificate.objects.filter(number=number, user=request.user)
        .select_related("evaluation", "event")
        .order_by("-version")
        .first()
    )
    if certificate is None:
        raise Http404("No such certificate in your wallet.")
    current = list(certificate.credit_assignments.select_related("user_license", "category"))
    suggested = False
    if not current and certificate.is_valid and request.method != "POST":
        current, suggested = suggested_rows(certificate), True
    return _page(
        request,
        context={
            "kind": "certificate",
            "certificate": certificate,
            "title": certificate.snapshot["event"]["title"],
            "hours": certificate_hours(certificate),
            "suggested": suggested and bool(current),
            "editable": certificate.is_valid,
            "back": reverse("certificates:detail", args=[certificate.number]),
        },
        categories=certificate_categories(certificate),
        current=current,
        save=lambda rows: assign_certificate(certificate, request.user, rows),
        done=reverse("tracker:index"),
    )


@login_required
def assign_outside_view(request: HttpRequest, pk: int) -> HttpResponse:
    credit = get_object_or_404(OutsideCredit, pk=pk, user=request.user)
    current = list(credit.assignments.select_related("user_license", "category"))
    suggested = False
    if not current and request.method != "POST":
        current, suggested = suggested_outside_rows(credit), True
    return _page(
        request,
        context={
            "kind": "outside",
            "credit": credit,
            "title": credit.title,
            "hours": credit.hours,
            "suggested": suggested and bool(current),
            "editable": True,
            "back": reverse("tracker:outside_list"),
        },
        categories=list(credit.categories.all()),
        current=current,
        save=lambda rows: assign_outside_credit(credit, request.user, rows),
        done=reverse("tracker:index"),
    )
