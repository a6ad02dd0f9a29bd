"""The audit pack: one ZIP per license and cycle with the transcript, certificates, outside
credit files and attendance receipts."""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
import zoneinfo
from decimal import Decimal

import time_machine
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader
from reportlab.pdfbase import pdfmetrics

from attendance.services.deciding import decide_event
from evaluations.tests.attendance_helpers import IMPORTED, connect, ended_event, register
from licensing.models import RequirementRule
from licensing.sources import is_official
from tracker.models import CreditAssignment
from tracker.services import outside
from tracker.services.assignments import assign_outside_credit
from tracker.tests.conftest import make_certificate, pdf_upload
from tracker.tests.test_outside import fields
from tracker.transcript import SANS, SIZE, WIDTH, wrap

THIRD_PARTY_HOSTS = [
    "cupdf.com",
    "askwonder.com",
    "impactce.com",
    "aspirace.com",
    "traumaces.com",
    "casetext.com",
    "justia.com",
    "elaws.us",
    "ce-credit.com",
    "cloudfront.net",
]


def attended_certificate(user):
    """A live webinar attended in full, decided as the attendance import decides it."""
    event = ended_event(title="Suicide Risk Assessment", categories=["law_ethics"])
    registration = register(event, user)
    connect(event, registration)
    with time_machine.travel(IMPORTED, tick=False):
        decide_event(event)
    return make_certificate(user, event=event, registration=registration)


def open_pack(client, license, **query) -> zipfile.ZipFile:
    response = client.get(reverse("tracker:audit_pack", args=[license.pk]), query)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    return zipfile.ZipFile(io.BytesIO(response.content))


def transcript_text(pack: zipfile.ZipFile) -> str:
    reader = PdfReader(io.BytesIO(pack.read("transcript.pdf")))
    return " ".join(page.extract_text() for page in reader.pages)


def test_the_pack_holds_the_transcript_certificates_receipts_and_outside_files(
    client, dana, ca_license
):
    ca_license.expires_on = timezone.localdate() + dt.timedelta(days=200)
    ca_license.save()
    certificate = attended_certificate(dana)
    other = make_certificate(dana, title="Telehealth Law", days_ago=5)
    record = outside.add_outside_credit(
        dana, fields(completed_on=timezone.localdate() - dt.timedelta(days=20)), pdf_upload()
    )
    assign_outside_credit(record, dana, [(ca_license, None, Decimal("4"))])
    client.force_login(dana)

    pack = open_pack(client, ca_license)

    names = set(pack.namelist())
    assert names == {
        "transcript.pdf",
        f"certificates/{certificate.number}.pdf",
        f"certificates/{other.number}.pdf",
        f"attendance/{certificate.number}.html",
        # Every certificate stands on an eligible decision, so each live event has a receipt.
        f"attendance/{other.number}.html",
        f"outside-credit/{record.completed_on.isoformat()}-Motivational-Interviewing-Basics"
        f"-{record.pk}.pdf",
    }
    assert pack.read(f"certificates/{certificate.number}.pdf").startswith(b"%PDF-")
    # Entries are dated when their document was made: never the 1980 placeholder.
    issued = certificate.issued_at.astimezone(dt.UTC)
    assert pack.getinfo(f"certificates/{certificate.number}.pdf").date_time[:3] == (
        issued.year,
        issued.month,
        issued.day,
    )
    completed = record.completed_on
    outside_name = next(n for n in names if n.startswith("outside-credit/"))
    assert pack.getinfo(outside_name).date_time[:3] == (
        completed.year,
        completed.month,
        completed.day,
    )
    assert all(info.date_time[0] > 1980 for info in pack.infolist())
    receipt = pack.read(f"attendance/{certificate.number}.html").decode()
    assert "Suicide Risk Assessment" in receipt and "Attended" in receipt
    text = transcript_text(pack)
    assert "CE Audit Transcript" in text and "Dana Whitfield" in text
    assert "Suicide Risk Assessment" in text and "Motivational Interviewing Basics" in text
    assert "Rule sources" in text


def test_the_transcript_names_rules_with_the_boards_own_citation_and_nothing_internal(
    client, dana, ca_license
):
    attended_certificate(dana)
    client.force_login(dana)
    text = transcript_text(open_pack(client, ca_license))
    flat = " ".join(text.split())
    # A verified rule: its name, its citation and its official address.
    assert "Total CE hours per renewal" in flat
    assert "Source: California Board of Behavioral Sciences, Continuing Education" in flat
    assert "bbs.ca.gov" in flat.replace(" ", "")
    # An unverified rule: its name, without a research source.
    assert "Required topic: Law and ethics" in flat
    assert "Source: state board requirements as published by the board" in flat
    # Nothing internal: no rule ids, no review status, no research leads.
    used = [r for r in RequirementRule.objects.all() if r.rule_id.split(".")[0] == "CA"]
    assert used
    for rule in used:
        assert rule.rule_id not in flat
    assert "verified" not in flat.lower()
    squashed = flat.replace(" ", "").lower()
    for host in THIRD_PARTY_HOSTS:
        assert host not in squashed
    for url in re.findall(r"https?://\S+", flat):
        assert is_official(url), url


def test_each_attendance_receipt_in_the_pack_carries_the_event_date(client, dana, ca_license):
    certificate = attended_certificate(dana)
    client.force_login(dana)
    pack = open_pack(client, ca_license)
    receipt = pack.read(f"attendance/{certificate.number}.html").decode()
    day = certificate.event.start.astimezone(zoneinfo.ZoneInfo(dana.time_zone)).date()
    assert f"Event date: <strong>{day:%A}, {day:%B} {day.day}, {day.year}</strong>" in receipt
    assert certificate.number in receipt


def test_a_rejected_credit_is_listed_with_its_reason(client, dana, ca_license):
    ny_only = make_certificate(dana, title="New York Law Update", approvals=["NY_SED"])
    assert ny_only.credit_assignments.count() == 0  # California does not accept NY SED
    # Assigning it is refused now; one stored earlier (or before the board's list was on file)
    # still shows in the transcript, with the reason it does not count.
    CreditAssignment.objects.create(
        certificate=ny_only, user_license=ca_license, hours=Decimal("3")
    )
    client.force_login(dana)
    text = transcript_text(open_pack(client, ca_license))
    assert "Credits not counted" in text
    assert "New York Law Update" in text and "Why:" in text


def test_a_previous_cycle_can_be_asked_for_by_its_last_day(client, dana, ca_license):
    client.force_login(dana)
    end = (timezone.localdate() - dt.timedelta(days=400)).isoformat()
    response = client.get(reverse("tracker:audit_pack", args=[ca_license.pk]), {"cycle_end": end})
    assert response.status_code == 200
    assert end in response["Content-Disposition"]
    assert (
        client.get(
            reverse("tracker:audit_pack", args=[ca_license.pk]), {"cycle_end": "soon"}
        ).status_code
        == 404
    )


def test_a_long_source_address_is_wrapped_within_the_page():
    url = "https://example.org/" + "very-long-path-segment-" * 20
    lines = wrap(url, SIZE, WIDTH)
    assert "".join(lines) == url and len(lines) > 1
    assert all(pdfmetrics.stringWidth(line, SANS, SIZE) <= WIDTH for line in lines)
