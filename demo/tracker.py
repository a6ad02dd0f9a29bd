"""The demo attendee's CE Tracker: two courses taken elsewhere, each with a generated certificate
file and assigned to one license, so the tracker shows real progress next to the certificate
the demo issued here (whose hours are assigned when it is issued).

Safe to run again: records are found by title and left as they are.
"""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass
from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from reportlab.lib.pagesizes import landscape, letter
from reportlab.pdfgen.canvas import Canvas

from accounts.models import User
from licensing.models import ApprovalBody, CECategory
from tracker.models import OutsideCredit
from tracker.services.assignments import assign_outside_credit, prefill_unassigned
from tracker.services.outside import add_outside_credit


@dataclass(frozen=True)
class DemoCredit:
    title: str
    provider: str
    body: str
    days_ago: int
    hours: Decimal
    format: str
    category: str | None
    state: str  # the license it counts for


CREDITS = [
    DemoCredit(
        "Suicide Risk Assessment and Safety Planning",
        "Pacific Behavioral Health Institute",
        "ASWB_ACE",
        75,
        Decimal("6"),
        "live_online",
        "suicide_risk",
        "CA",
    ),
    DemoCredit(
        "Cognitive Behavioral Therapy for Insomnia (recorded course)",
        "Empire Clinical Training",
        "NY_SED",
        40,
        Decimal("3"),
        "self_study",
        None,
        "NY",
    ),
]


def certificate_pdf(user: User, credit: DemoCredit, completed: dt.date) -> bytes:
    """A plain one-page certificate as another provider might issue it."""
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=landscape(letter), invariant=1)
    width, height = landscape(letter)
    canvas.setFont("Helvetica-Bold", 26)
    canvas.drawCentredString(width / 2, height - 120, "Certificate of Completion")
    canvas.setFont("Helvetica", 14)
    lines = [
        f"{credit.provider} certifies that",
        user.legal_name,
        f"completed “{credit.title}”",
        f"on {completed.isoformat()} for {credit.hours} continuing education hours.",
    ]
    for index, line in enumerate(lines):
        canvas.drawCentredString(width / 2, height - 190 - index * 30, line)
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def load(dana: User) -> None:
    today = timezone.localdate()
    for credit in CREDITS:
        if OutsideCredit.objects.filter(user=dana, title=credit.title).exists():
            continue
        license = dana.licenses.filter(license_type__state=credit.state).first()
        if license is None:
            continue
        completed = today - dt.timedelta(days=credit.days_ago)
        category = CECategory.objects.filter(code=credit.category).first()
        upload = SimpleUploadedFile(
            "certificate.pdf", certificate_pdf(dana, credit, completed), "application/pdf"
        )
        record = add_outside_credit(
            dana,
            {
                "title": credit.title,
                "provider": credit.provider,
                "approval_body": ApprovalBody.objects.get(code=credit.body),
                "approval_body_other": "",
                "completed_on": completed,
                "hours": credit.hours,
                "format": credit.format,
                "categories": [category] if category else [],
            },
            upload,
        )
        assign_outside_credit(record, dana, [(license, category, credit.hours)])
    # A certificate issued before the tracker existed gets its suggested assignment.
    prefill_unassigned(dana)
