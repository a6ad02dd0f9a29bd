"""The audit pack: everything a board's CE audit asks for, for one license and cycle, in one ZIP.

- ``transcript.pdf``: the cycle report (what counted, for which requirement, what did not and
  why, and the source of every rule);
- ``certificates/<number>.pdf``: each certificate assigned to the license in the cycle;
- ``outside-credit/<date> <title>.<ext>``: each outside credit's uploaded file;
- ``attendance/<number>.html``: the attendance receipt of each live event.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
import zoneinfo

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone

from attendance.receipt import receipt_for
from certificates.bulk.zipping import ENTRY_DATE
from certificates.images import pdf_bytes
from certificates.models import Certificate
from credit.tracker.types import CycleReport, Window
from events.models import Event
from licensing.models import UserLicense
from tracker.models import OutsideCredit
from tracker.transcript import render_audit_transcript

LIVE_FORMATS = {Event.LIVE_WEBINAR, Event.CONFERENCE}
EXTENSIONS = {"application/pdf": "pdf", "image/png": "png", "image/jpeg": "jpg"}


def certificate_day(certificate: Certificate) -> dt.date:
    """The day of the event, in the event's own zone (as the certificate prints it)."""
    event = certificate.snapshot["event"]
    start = dt.datetime.fromisoformat(event["start"])
    return start.astimezone(zoneinfo.ZoneInfo(event["time_zone"])).date()


def _in(window: Window | None, day: dt.date) -> bool:
    return window is None or day in window


def _safe(text: str) -> str:
    return re.sub(r"[^\w.-]+", "-", text).strip("-")[:60] or "record"


def certificates_for(license: UserLicense, window: Window | None) -> list[Certificate]:
    found = (
        Certificate.objects.filter(
            credit_assignments__user_license=license, status=Certificate.VALID
        )
        .select_related("event", "evaluation__registration__event")
        .distinct()
        .order_by("number")
    )
    return [c for c in found if _in(window, certificate_day(c))]


def outside_for(license: UserLicense, window: Window | None) -> list[OutsideCredit]:
    found = OutsideCredit.objects.filter(assignments__user_license=license).distinct()
    return [c for c in found.order_by("completed_on", "pk") if _in(window, c.completed_on)]


def _receipt_html(certificate: Certificate, zone: zoneinfo.ZoneInfo) -> str | None:
    if certificate.event.format not in LIVE_FORMATS:
        return None
    registration = certificate.evaluation.registration
    receipt = receipt_for(registration, zone)
    if receipt is None:
        return None
    with timezone.override(zone):
        return render_to_string(
            "tracker/audit_receipt.html",
            {
                "receipt": receipt,
                "event": registration.event,
                "registration": registration,
                "zone": str(zone),
            },
        )


def _add(archive: zipfile.ZipFile, name: str, content: bytes | str) -> None:
    info = zipfile.ZipInfo(name, date_time=ENTRY_DATE)
    info.external_attr = 0o644 << 16
    info.compress_type = zipfile.ZIP_DEFLATED
    archive.writestr(info, content)


def build_audit_pack(
    license: UserLicense, report: CycleReport, *, today: dt.date
) -> tuple[str, bytes]:
    """The file name and bytes of the pack for `license` in the cycle of `report`."""
    user = license.user
    zone = zoneinfo.ZoneInfo(user.time_zone or settings.TIME_ZONE)
    label = f"{license.license_type.label} #{license.number}"
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        _add(
            archive,
            "transcript.pdf",
            render_audit_transcript(
                holder=user.legal_name,
                license_label=label,
                report=report,
                generated=today,
                provider=settings.PROVIDER_NAME,
            ),
        )
        for certificate in certificates_for(license, report.window):
            _add(archive, f"certificates/{certificate.number}.pdf", pdf_bytes(certificate.snapshot))
            receipt = _receipt_html(certificate, zone)
            if receipt is not None:
                _add(archive, f"attendance/{certificate.number}.html", receipt)
        for credit in outside_for(license, report.window):
            extension = EXTENSIONS.get(credit.content_type, "bin")
            name = f"{credit.completed_on.isoformat()}-{_safe(credit.title)}-{credit.pk}"
            with credit.file.open("rb") as handle:
                _add(archive, f"outside-credit/{name}.{extension}", handle.read())
    end = report.window.end.isoformat() if report.window else today.isoformat()
    filename = f"audit-pack-{_safe(license.license_type.label)}-{end}.zip"
    return filename, buffer.getvalue()
