"""The attendee's name-correction request, and the staff pages that decide requests and
revoke certificates. Every change goes through certificates.corrections.services."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Exists, OuterRef, Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from certificates.changed import changed_after_issue
from certificates.corrections import services
from certificates.corrections.forms import (
    ApproveForm,
    CertificateSearchForm,
    CorrectionRequestForm,
    DeclineForm,
    RevokeForm,
    StaffCorrectionForm,
)
from certificates.models import Certificate, NameCorrectionRequest
from core.errors import DomainError
from core.permissions import permission_required

MANAGE = services.MANAGE_CERTIFICATES
STAFF_PAGE_SIZE = 50


def _current(number: str, **filters: object) -> Certificate:
    certificate = (
        Certificate.objects.filter(number=number, **filters)
        .select_related("user", "event")
        .order_by("-version")
        .first()
    )
    if certificate is None:
        raise Http404("No such certificate.")
    return certificate


@login_required
def request_correction(request: HttpRequest, number: str) -> HttpResponse:
    # Someone else's number answers 404, as in the wallet.
    certificate = _current(number, user=request.user)
    pending = services.pending_request(certificate)
    form = CorrectionRequestForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            services.request_name_correction(
                certificate,
                user=request.user,
                requested_name=form.cleaned_data["requested_name"],
                explanation=form.cleaned_data["explanation"],
            )
        except DomainError as exc:
            if exc.field in form.fields:
                form.add_error(exc.field, exc.message)
            else:
                messages.error(request, exc.message)
                return redirect("certificates:detail", certificate.number)
        else:
            messages.success(
                request,
                "Your request was sent. Staff will review it; you will get an email with "
                "their decision.",
            )
            return redirect("certificates:detail", certificate.number)
    context = {"certificate": certificate, "form": form, "pending": pending}
    return render(request, "certificates/corrections/request.html", context)


@permission_required(MANAGE)
def staff_list(request: HttpRequest) -> HttpResponse:
    search = CertificateSearchForm(request.GET or None)
    pending = NameCorrectionRequest.objects.filter(
        certificate__number=OuterRef("number"), status=NameCorrectionRequest.PENDING
    )
    # One row per certificate: its newest version.
    certificates = (
        Certificate.objects.exclude(status=Certificate.SUPERSEDED)
        .annotate(has_pending=Exists(pending))
        .select_related("event")
        .order_by("-has_pending", "-issued_at", "-pk")
    )
    query = ""
    if search.is_valid() and search.cleaned_data["q"].strip():
        query = search.cleaned_data["q"].strip()
        certificates = certificates.filter(
            Q(number__icontains=query) | Q(snapshot__holder_name__icontains=query)
        )
    others = request.GET.copy()
    others.pop("page", None)
    context = {
        "search": search,
        "query": query,
        "page": Paginator(certificates, STAFF_PAGE_SIZE).get_page(request.GET.get("page")),
        "page_query": others.urlencode(),
        "pending_count": NameCorrectionRequest.objects.filter(
            status=NameCorrectionRequest.PENDING
        ).count(),
        "changed": changed_after_issue(),
    }
    return render(request, "certificates/corrections/staff_list.html", context)


def _render_detail(
    request: HttpRequest,
    number: str,
    *,
    approve_form: ApproveForm | None = None,
    decline_form: DeclineForm | None = None,
    revoke_form: RevokeForm | None = None,
    status: int = 200,
) -> HttpResponse:
    versions = list(
        Certificate.objects.filter(number=number)
        .select_related("user", "event")
        .order_by("-version")
    )
    if not versions:
        raise Http404("No such certificate.")
    current = versions[0]
    requests = (
        NameCorrectionRequest.objects.filter(certificate__number=number)
        .select_related("certificate", "requested_by", "decided_by")
        .order_by("-created_at", "-pk")
    )
    context = {
        "certificate": current,
        "versions": versions,
        "requests": requests,
        "pending": next((r for r in requests if r.is_pending), None),
        "approve_form": approve_form or ApproveForm(),
        "decline_form": decline_form or DeclineForm(),
        "revoke_form": revoke_form or RevokeForm(),
    }
    return render(request, "certificates/corrections/staff_detail.html", context, status=status)


@permission_required(MANAGE)
def staff_detail(request: HttpRequest, number: str) -> HttpResponse:
    return _render_detail(request, number)


def _staff_page(number: str) -> HttpResponse:
    return redirect("certificate_corrections:staff_detail", number)


@require_POST
@permission_required(MANAGE)
def approve(request: HttpRequest, pk: int) -> HttpResponse:
    correction = get_object_or_404(
        NameCorrectionRequest.objects.select_related("certificate"), pk=pk
    )
    number = correction.certificate.number
    form = ApproveForm(request.POST)
    if not form.is_valid():
        return _render_detail(request, number, approve_form=form, status=400)
    try:
        new = services.approve_correction(
            correction, actor=request.user, note=form.cleaned_data["note"]
        )
    except DomainError as exc:
        messages.error(request, f"Not approved: {exc.message}")
    else:
        messages.success(
            request,
            f"Certificate {new.number} re-issued as version {new.version} in the name "
            f"“{new.snapshot['holder_name']}”. The attendee was emailed.",
        )
    return _staff_page(number)


@require_POST
@permission_required(MANAGE)
def decline(request: HttpRequest, pk: int) -> HttpResponse:
    correction = get_object_or_404(
        NameCorrectionRequest.objects.select_related("certificate"), pk=pk
    )
    number = correction.certificate.number
    form = DeclineForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Not declined: say why (the attendee is told).")
        return _render_detail(request, number, decline_form=form, status=400)
    try:
        services.decline_correction(correction, actor=request.user, note=form.cleaned_data["note"])
    except DomainError as exc:
        messages.error(request, f"Not declined: {exc.message}")
    else:
        messages.success(request, "The request was declined. The attendee was emailed.")
    return _staff_page(number)


@permission_required(MANAGE)
def correct(request: HttpRequest, number: str) -> HttpResponse:
    certificate = _current(number)
    form = StaffCorrectionForm(
        request.POST if request.method == "POST" else None,
        initial={"name": certificate.snapshot["holder_name"]},
    )
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                new = services.correct_certificate(
                    certificate,
                    actor=request.user,
                    name=form.cleaned_data["name"],
                    reason=form.cleaned_data["reason"],
                )
            except DomainError as exc:
                if exc.field in form.fields:
                    form.add_error(exc.field, exc.message)
                else:
                    form.add_error(None, exc.message)
            else:
                messages.success(
                    request,
                    f"Certificate {new.number} re-issued as version {new.version} in the name "
                    f"“{new.snapshot['holder_name']}”. The attendee was emailed.",
                )
                return _staff_page(number)
        status = 400
    context = {
        "certificate": certificate,
        "form": form,
        "pending": services.pending_request(certificate),
    }
    return render(request, "certificates/corrections/staff_correct.html", context, status=status)


@permission_required(MANAGE)
def revoke(request: HttpRequest, number: str) -> HttpResponse:
    """The first visit or submission shows what revoking does; only the confirmed one revokes."""
    certificate = _current(number)
    form = RevokeForm(request.POST if request.method == "POST" else None)
    status = 200
    if request.method == "POST":
        if not form.is_valid():
            status = 400
        elif form.cleaned_data["confirmed"]:
            try:
                services.revoke_certificate(
                    certificate, actor=request.user, reason=form.cleaned_data["reason"]
                )
            except DomainError as exc:
                messages.error(request, f"Not revoked: {exc.message}")
            else:
                messages.success(
                    request, f"Certificate {number} was revoked. The attendee was emailed."
                )
            return _staff_page(number)
    context = {"certificate": certificate, "form": form}
    return render(request, "certificates/corrections/staff_revoke.html", context, status=status)
