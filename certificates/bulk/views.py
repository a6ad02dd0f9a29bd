"""CE Wallet bulk actions: a ZIP of selected certificates, a transcript (PDF or CSV) for a date
range, and a print-friendly page for one certificate.

Owner only, like the rest of the wallet: another person's numbers are ignored as if they did
not exist. ZIP and transcript hold valid certificates only (never revoked or superseded ones).
"""

from __future__ import annotations

import csv
import io

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_POST

from certificates.bulk import selection
from certificates.bulk.forms import TranscriptForm
from certificates.bulk.transcript import (
    TranscriptRow,
    format_hours,
    render_transcript,
    totals_by_category,
)
from certificates.bulk.zipping import zip_certificates
from certificates.models import Certificate
from certificates.verification import public_record
from core.csvfiles import csv_safe

# A wallet never holds this many; the cap only bounds the work one request can ask for.
MAX_ZIP = 500
CSV_HEADER = ["number", "event", "date", "hours", "categories", "approvals", "license"]


@login_required
@require_POST
def download_zip(request: HttpRequest) -> HttpResponse:
    wanted = set(request.POST.getlist("numbers")[:MAX_ZIP])
    chosen = [c for c in selection.valid(request.user) if c.number in wanted]
    if not chosen:
        raise Http404("None of the selected certificates is in your wallet.")
    response = HttpResponse(zip_certificates(chosen), content_type="application/zip")
    response["Content-Disposition"] = 'attachment; filename="certificates.zip"'
    response["Cache-Control"] = "private, no-store"
    return response


def _transcript_rows(certificates: list[Certificate]) -> list[TranscriptRow]:
    return [
        TranscriptRow(
            number=c.number,
            event=c.snapshot["event"]["title"],
            date=selection.event_date(c),
            hours=selection.hours(c),
            categories=tuple(c.snapshot["categories"]),
            approvals=tuple(a["body_code"] for a in c.snapshot["approvals"]),
            license=selection.license_text(c),
        )
        for c in certificates
    ]


def _transcript(request: HttpRequest, output: str) -> HttpResponse:
    form = TranscriptForm(request.GET or None, today=timezone.localdate())
    if not form.is_valid():
        return render(request, "certificates/bulk/transcript_form.html", {"form": form}, status=400)
    start, end = form.range
    rows = _transcript_rows(selection.in_range(selection.valid(request.user), start, end))
    filename = f"transcript-{start.isoformat()}-{end.isoformat()}.{output}"
    if output == "pdf":
        holder = request.user.legal_name or request.user.get_full_name() or request.user.email
        content = render_transcript(
            holder=holder, start=start, end=end, rows=rows, provider=settings.PROVIDER_NAME
        )
        response = HttpResponse(content, content_type="application/pdf")
    else:
        response = HttpResponse(_csv(rows), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    return response


def _csv(rows: list[TranscriptRow]) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(CSV_HEADER)
    for row in rows:
        writer.writerow(
            [
                csv_safe(row.number),
                csv_safe(row.event),
                row.date.isoformat(),
                format_hours(row.hours),
                csv_safe("; ".join(row.categories)),
                csv_safe("; ".join(row.approvals)),
                csv_safe(row.license),
            ]
        )
    # Totals by category after the rows, as on the PDF (an empty line between).
    writer.writerow([])
    writer.writerow(["category", "hours"])
    for name, hours in totals_by_category(rows):
        writer.writerow([csv_safe(name), format_hours(hours)])
    total = sum((row.hours for row in rows), 0)
    writer.writerow(["Total CE hours", format_hours(total) if rows else "0"])
    # A byte-order mark so spreadsheet programs read the names as UTF-8.
    return "\ufeff" + out.getvalue()


@login_required
@require_GET
def transcript_form(request: HttpRequest) -> HttpResponse:
    form = TranscriptForm(request.GET or None, today=timezone.localdate())
    status = 200 if form.is_valid() else 400
    return render(request, "certificates/bulk/transcript_form.html", {"form": form}, status=status)


@login_required
@require_GET
def transcript_pdf(request: HttpRequest) -> HttpResponse:
    return _transcript(request, "pdf")


@login_required
@require_GET
def transcript_csv(request: HttpRequest) -> HttpResponse:
    return _transcript(request, "csv")


@login_required
@require_GET
def certificate_print(request: HttpRequest, number: str) -> HttpResponse:
    certificate = (
        Certificate.objects.filter(number=number, user=request.user).order_by("-version").first()
    )
    if certificate is None:
        raise Http404("No such certificate in your wallet.")
    return render(
        request,
        "certificates/bulk/print.html",
        {"certificate": certificate, "record": public_record(certificate)},
    )
