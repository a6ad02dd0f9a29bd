"""The attendee's certificates (CE Wallet → Certificates) and the public verification pages.

A certificate in the wallet is personal: someone else's number answers 404, exactly like a
number that does not exist. Verification needs no login; the unguessable code is the key.
"""

from __future__ import annotations

import hashlib
import zoneinfo

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET

from certificates.bulk import selection
from certificates.bulk.forms import CertificateFilterForm
from certificates.formatting import long_date
from certificates.images import pdf_bytes
from certificates.models import Certificate
from certificates.templatetags.certificate_times import viewer_when
from certificates.verification import LookupForm, find_certificate, public_record
from core.ratelimit import rate_limited


def _own(request: HttpRequest, number: str) -> Certificate:
    # The newest version: a corrected certificate keeps its number.
    certificate = (
        Certificate.objects.filter(number=number, user=request.user).order_by("-version").first()
    )
    if certificate is None:
        raise Http404("No such certificate in your wallet.")
    return certificate


@login_required
@require_GET
def certificate_list(request: HttpRequest) -> HttpResponse:
    certificates = selection.listed(request.user)
    form = CertificateFilterForm(
        request.GET or None, choices=selection.filter_choices(certificates)
    )
    filtered = bool(request.GET)
    if form.is_valid():
        certificates = selection.filter_certificates(
            certificates,
            license=form.cleaned_data["license"],
            year=form.cleaned_data["year"],
            category=form.cleaned_data["category"],
        )
    rows = [
        (c, viewer_when(c.snapshot["event"]), long_date(c.snapshot["issue_date"]))
        for c in certificates
    ]
    return render(
        request,
        "certificates/list.html",
        {"rows": rows, "filter_form": form, "filtered": filtered},
    )


@login_required
@require_GET
def certificate_detail(request: HttpRequest, number: str) -> HttpResponse:
    certificate = _own(request, number)
    return render(
        request,
        "certificates/detail.html",
        {"certificate": certificate, "record": public_record(certificate)},
    )


def _pdf_response(request: HttpRequest, number: str, disposition: str) -> HttpResponse:
    certificate = _own(request, number)
    content = pdf_bytes(certificate.snapshot)
    # Rendering is deterministic, so the hash of the bytes is a stable validator.
    etag = f'"{hashlib.sha256(content).hexdigest()}"'
    if etag in request.headers.get("If-None-Match", ""):
        response = HttpResponse(status=304)
    else:
        response = HttpResponse(content, content_type="application/pdf")
        response["Content-Disposition"] = f'{disposition}; filename="{certificate.number}.pdf"'
    response["ETag"] = etag
    response["Cache-Control"] = "private, no-cache"
    return response


@login_required
@require_GET
def certificate_pdf(request: HttpRequest, number: str) -> HttpResponse:
    return _pdf_response(request, number, "attachment")


@login_required
@require_GET
def certificate_print(request: HttpRequest, number: str) -> HttpResponse:
    """The same PDF, shown in the browser's PDF viewer, whose Print prints the certificate."""
    return _pdf_response(request, number, "inline")


def _by_code(code: str) -> Certificate | None:
    return Certificate.objects.filter(verification_code=code).first()


@require_GET
@rate_limited("verify", setting="VERIFY_RATE_LIMIT_PER_MINUTE")
def lookup(request: HttpRequest) -> HttpResponse:
    form = LookupForm(request.GET or None)
    not_found = False
    if form.is_bound and form.is_valid():
        found = find_certificate(form.cleaned_data["q"], form.cleaned_data["name"])
        if found is not None:
            return redirect("certificates:verify", found.verification_code)
        not_found = True
    return render(request, "certificates/lookup.html", {"form": form, "not_found": not_found})


@require_GET
@rate_limited("verify", setting="VERIFY_RATE_LIMIT_PER_MINUTE")
def verify(request: HttpRequest, code: str) -> HttpResponse:
    certificate = _by_code(code)
    if certificate is None:
        return render(request, "certificates/verify_unknown.html", {"code": code}, status=404)
    context = {"certificate": certificate, "record": public_record(certificate)}
    if request.user.is_authenticated:
        return render(request, "certificates/verify.html", context)
    # An anonymous verifier's zone is unknown: the page reads as the certificate does.
    with timezone.override(zoneinfo.ZoneInfo(certificate.snapshot["event"]["time_zone"])):
        return render(request, "certificates/verify.html", context)


@require_GET
@rate_limited("verify", setting="VERIFY_RATE_LIMIT_PER_MINUTE")
def verify_json(request: HttpRequest, code: str) -> JsonResponse:
    certificate = _by_code(code)
    if certificate is None:
        return JsonResponse(
            {"error": "unknown_code", "message": "This code is not a FullCredit certificate."},
            status=404,
        )
    return JsonResponse(public_record(certificate), json_dumps_params={"ensure_ascii": False})
