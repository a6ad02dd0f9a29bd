from __future__ import annotations

from decimal import Decimal

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Count, Prefetch, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render

from core.errors import DomainError
from core.permissions import staff_required
from licensing.forms import LicenseForm
from licensing.models import VERIFIED, ApprovalBody, Board, LicenseType, UserLicense
from licensing.services import add_license, remove_license, update_license


def _own_license(request: HttpRequest, pk: int) -> UserLicense:
    # Someone else's license is simply "not found": its existence is not theirs to learn.
    return get_object_or_404(
        UserLicense.objects.select_related("license_type__board"), pk=pk, user=request.user
    )


@login_required
def license_list(request: HttpRequest) -> HttpResponse:
    licenses = (
        UserLicense.objects.filter(user=request.user)
        .select_related("license_type__board", "license_type__profession")
        .prefetch_related(
            Prefetch(
                "license_type__accepted_bodies", queryset=ApprovalBody.objects.order_by("code")
            )
        )
    )
    return render(request, "licensing/license_list.html", {"licenses": licenses})


def _save_license(request: HttpRequest, license: UserLicense | None) -> HttpResponse:
    initial = {}
    if license is not None:
        initial = {
            "state": license.license_type.state,
            "license_type": license.license_type_id,
            "number": license.number,
            "expires_on": license.expires_on,
            "issued_on": license.issued_on,
            "conditions": license.conditions,
            "carry_in_hours": license.carry_in_hours or None,
        }
    form = LicenseForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        values = {
            "license_type": form.cleaned_data["license_type"],
            "number": form.cleaned_data["number"],
            "expires_on": form.cleaned_data["expires_on"],
            "issued_on": form.cleaned_data["issued_on"],
            "conditions": form.cleaned_data["conditions"],
            "carry_in_hours": form.cleaned_data["carry_in_hours"] or Decimal(0),
        }
        try:
            if license is None:
                saved = add_license(request.user, **values)
                messages.success(request, f"Your {saved.license_type.label} license was added.")
            else:
                saved = update_license(license, **values)
                messages.success(request, f"Your {saved.license_type.label} license was saved.")
        except DomainError as exc:
            form.add_error(exc.field, exc.message)
        else:
            return redirect("licensing:list")
    return render(request, "licensing/license_form.html", {"form": form, "license": license})


@login_required
def license_add(request: HttpRequest) -> HttpResponse:
    return _save_license(request, None)


@login_required
def license_edit(request: HttpRequest, pk: int) -> HttpResponse:
    return _save_license(request, _own_license(request, pk))


@login_required
def license_delete(request: HttpRequest, pk: int) -> HttpResponse:
    license = _own_license(request, pk)
    if request.method == "POST":
        label = license.license_type.label
        remove_license(license)
        messages.success(request, f"Your {label} license was removed.")
        return redirect("licensing:list")
    return render(request, "licensing/license_confirm_delete.html", {"license": license})


@staff_required
def catalog(request: HttpRequest) -> HttpResponse:
    boards = Board.objects.prefetch_related(
        Prefetch(
            "license_types",
            queryset=LicenseType.objects.select_related("profession")
            .prefetch_related(
                Prefetch("accepted_bodies", queryset=ApprovalBody.objects.order_by("code"))
            )
            .annotate(
                rule_count=Count("rules", distinct=True),
                unverified_count=Count("rules", filter=~Q(rules__status=VERIFIED), distinct=True),
            ),
        )
    )
    return render(request, "licensing/staff_catalog.html", {"boards": boards})
