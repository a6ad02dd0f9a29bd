"""The audit pack: everything a board's CE audit asks for, for one license and cycle, in one ZIP.

- ``transcript.pdf``: the cycle report (what counted, for which requirement, what did not and
  why, and every rule used by name with the board's own citation);
- ``certificates/<number>.pdf``: each certificate assigned to the license in the cycle;
- ``outside-credit/<date> <title>.<ext>``: each outside credit's uploaded file;
- ``attendance/<number>.html``: the attendance receipt of each live event, with its date.
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
from certificates.bulk.zipping import zip_entry
from certificates.images import pdf_bytes
from certificates.models import Certificate
from credit.tracker.types import CycleReport
from events.models import Event
from licensing.models import RequirementRule, UserLicense
from licensing.requirements import category_code_map
from licensing.sources import BoardSource, is_official, rule_name
from tracker.evaluation import sources_of
from tracker.models import OutsideCredit
from tracker.transcript import render_audit_transcript

LIVE_FORMATS = {Event.LIVE_WEBINAR, Event.CONFERENCE}
EXTENSIONS = {"application/pdf": "pdf", "image/png": "png", "image/jpeg": "jpg"}


def _safe(text: str) -> str:
    return re.sub(r"[^\w.-]+", "-", text).strip("-")[:60] or "record"


def _records(
    license: UserLicense, report: CycleReport
) -> tuple[list[Certificate], list[OutsideCredit]]:
    """The records behind the report's credits: the pack holds exactly what the transcript
    lists, placed in the cycle by the same dates."""
    numbers, outside_ids = sources_of(report)
    certificates = (
        Certificate.objects.filter(user=license.user, number__in=numbers, status=Certificate.VALID)
        .select_related("event", "evaluation__registration__event")
        .order_by("number")
    )
    outside = OutsideCredit.objects.filter(user=license.user, pk__in=outside_ids).order_by(
        "completed_on", "pk"
    )
    return list(certificates), list(outside)


def _receipt_html(certificate: Certificate, zone: zoneinfo.ZoneInfo) -> str | None:
    if certificate.event.format not in LIVE_FORMATS:
        return None
    registration = certificate.evaluation.registration
    receipt = receipt_for(registration, zone)
    if receipt is None:
        return None
    event = registration.event
    with timezone.override(zone):
        return render_to_string(
            "tracker/audit_receipt.html",
            {
                "receipt": receipt,
                "event": event,
                "event_date": event.start.astimezone(zone).date(),
                "certificate": certificate,
                "registration": registration,
                "zone": str(zone),
            },
        )


def board_sources(report: CycleReport) -> list[BoardSource]:
    """The rules the report used, as a board reads them: a name, and for a verified rule the
    board's own citation and its official address. Research leads and ids stay inside."""
    ids = [provenance.rule_id for provenance in report.rules.provenances]
    rules = {rule.rule_id: rule for rule in RequirementRule.objects.filter(rule_id__in=ids)}
    names = {code: name for code, (_, name) in category_code_map().items()}
    sources: list[BoardSource] = []
    for rule_id in ids:
        rule = rules.get(rule_id)
        if rule is None:
            continue
        name = rule_name(rule.kind, rule.value, names)
        official = (
            rule.is_verified
            and rule.citation
            and is_official(rule.source_url, accreditor=rule.rule_id.startswith("BODY."))
        )
        source = (
            BoardSource(name, rule.citation, rule.source_url) if official else BoardSource(name)
        )
        if source not in sources:
            sources.append(source)
    return sources


def _add(
    archive: zipfile.ZipFile, name: str, content: bytes | str, made: dt.datetime | dt.date
) -> None:
    info = zip_entry(name, made)
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
                sources=board_sources(report),
            ),
            today,
        )
        certificates, outside = _records(license, report)
        for certificate in certificates:
            made = certificate.issued_at
            _add(
                archive,
                f"certificates/{certificate.number}.pdf",
                pdf_bytes(certificate.snapshot),
                made,
            )
            receipt = _receipt_html(certificate, zone)
            if receipt is not None:
                _add(archive, f"attendance/{certificate.number}.html", receipt, made)
        for credit in outside:
            extension = EXTENSIONS.get(credit.content_type, "bin")
            name = f"{credit.completed_on.isoformat()}-{_safe(credit.title)}-{credit.pk}"
            with credit.file.open("rb") as handle:
                _add(
                    archive,
                    f"outside-credit/{name}.{extension}",
                    handle.read(),
                    credit.completed_on,
                )
    end = report.window.end.isoformat() if report.window else today.isoformat()
    filename = f"audit-pack-{_safe(license.license_type.label)}-{end}.zip"
    return filename, buffer.getvalue()
