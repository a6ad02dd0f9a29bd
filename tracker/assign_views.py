"""The assignment pages: split a certificate's or outside credit's hours across licenses and
categories. Someone else's certificate or record answers 404, like one that does not exist."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Sequence
from decimal import Decimal
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from certificates.models import Certificate
from core.errors import DomainError
from credit.hours import format_hours
from licensing.acceptance import BodyVerdict
from licensing.models import ApprovalBody, CECategory, UserLicense
from tracker.forms import attach_error, grid, hours_phrase, read_grid
from tracker.models import OutsideCredit
from tracker.services.assignments import (
    Row,
    assign_certificate,
    assign_outside_credit,
    certificate_bodies,
    certificate_categories,
    certificate_hours,
    outside_bodies,
    suggested_outside_rows,
    suggested_rows,
    verdicts,
)

NOWHERE = "These hours are not assigned to any license."
UNCONFIRMED = (
    "; its board's accepted approvals are not confirmed yet, so check before you rely on them."
)


def _licenses(request: HttpRequest) -> list[UserLicense]:
    return list(
        request.user.licenses.select_related("license_type__board").prefetch_related(
            "license_type__accepted_bodies"
        )
    )


def _parts(parts: list[tuple[CECategory | None, Decimal]]) -> str:
    if len(parts) == 1:
        category = parts[0][0]
        return f" ({category.name})" if category else " as general hours"
    described = [
        f"{format_hours(hours)} " + (f"in {c.name}" if c else "general") for c, hours in parts
    ]
    return " (" + ", ".join(described) + ")"


def saved_message(rows: Sequence[Row], judged: dict[int, BodyVerdict]) -> str:
    """What the save did, in words: where the hours now count, or that they count nowhere."""
    if not rows:
        return NOWHERE
    per_license: dict[int, list[tuple[CECategory | None, Decimal]]] = defaultdict(list)
    licenses: dict[int, UserLicense] = {}
    for license, category, hours in rows:
        per_license[license.pk].append((category, hours))
        licenses[license.pk] = license
    sentences = []
    for pk, parts in per_license.items():
        total = sum((hours for _, hours in parts), Decimal(0))
        amount = hours_phrase(total)
        label = licenses[pk].license_type.label
        where = _parts(parts)  # in the grid's order: general hours, then each category
        answer = judged.get(pk)
        if answer is not None and answer.counts:
            verb = "counts" if total == 1 else "count"
            sentences.append(f"{amount} now {verb} toward your {label}{where}.")
        else:
            sentences.append(f"{amount} recorded toward your {label}{where}{UNCONFIRMED}")
    return " ".join(sentences)


def _page(
    request: HttpRequest,
    *,
    context: dict[str, Any],
    categories: list[CECategory],
    current: list[Any],
    bodies: list[ApprovalBody],
    save: Callable[[list[Row]], None],
    done: str,
) -> HttpResponse:
    licenses = _licenses(request)
    judged = verdicts(licenses, bodies)
    data = request.POST if request.method == "POST" else None
    rows = grid(licenses, categories, current, data, judged)
    error = ""
    if data is not None and licenses:
        try:
            typed = read_grid(rows)
            save(typed)
        except DomainError as refusal:
            if not attach_error(rows, refusal):
                error = refusal.message
        else:
            messages.success(request, saved_message(typed, judged))
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
        bodies=certificate_bodies(certificate),
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
        bodies=outside_bodies(credit),
        save=lambda rows: assign_outside_credit(credit, request.user, rows),
        done=reverse("tracker:index"),
    )
