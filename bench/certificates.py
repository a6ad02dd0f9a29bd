"""Certificate rendering benchmark: 1,000 certificate PDFs from varied snapshots, in one
process, against the floor of 1,000 bare ReportLab one-page PDFs with a line of text.

Prints both rates and their ratio (aim: certificates at least one third of the floor's speed).
Printed, never asserted.

    python -m bench.certificates [--count N]
"""

from __future__ import annotations

import argparse
import io
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
NAMES = ["Dana Whitfield", "Zoë Åström-Nuñez", "Олена Коваленко", "Νίκος Παπαδόπουλος", "Li Wei"]
TITLES = [
    "Trauma-Informed Care in Telehealth",
    "Ethics for Supervisors",
    "Suicide Risk Assessment and Safety Planning Across the Lifespan: An Evidence-Based Update "
    "for Community Mental Health Clinicians",
]
BODIES = [
    ("American Psychological Association", "APA"),
    ("Association of Social Work Boards", "ASWB_ACE"),
    ("National Board for Certified Counselors", "NBCC"),
    ("California Board of Behavioral Sciences", "CA_BBS"),
]


def snapshot(n: int) -> dict[str, Any]:
    code = f"bench{n:08d}abcdefghijklmn"
    approvals = [
        {
            "body_name": name,
            "body_code": body,
            "approval_number": f"{n % 9000 + 1000}" if i % 2 else "",
            "statement": f"{name} approves this program; the provider maintains responsibility "
            "for the program and its content. " * (1 + n % 3),
        }
        for i, (name, body) in enumerate(BODIES[: 1 + n % len(BODIES)])
    ]
    day = 1 + n % 28
    return {
        "schema": 1,
        "number": f"FC-2026-{n:06d}",
        "version": 1 + n % 2,
        "verification_code": code,
        "verification_url": f"https://ce.example.org/verify/{code}/",
        "holder_name": NAMES[n % len(NAMES)],
        "license": None
        if n % 4 == 0
        else {
            "type": "CA LCSW",
            "type_name": "Clinical Social Worker",
            "state": "CA",
            "number": f"{n}",
        },
        "event": {
            "title": TITLES[n % len(TITLES)],
            "start": f"2026-11-{day:02d}T15:00:00+00:00",
            "end": f"2026-11-{day:02d}T{17 + n % 3}:00:00+00:00",
            "time_zone": ["America/New_York", "America/Los_Angeles", "Europe/London"][n % 3],
            "format": "Live interactive webinar",
        },
        "program": {"code": f"program-{n % 50}", "title": "Continuing Education Program"},
        "presenters": [{"name": "Maya Chen", "credentials": "PhD"}][: n % 2 + 1]
        + [{"name": "Sam Ortiz", "credentials": ""}] * (n % 2),
        "ce_hours": ["1", "1.5", "2", "3"][n % 4],
        "categories": [["Ethics"], ["Clinical", "Telehealth"], []][n % 3],
        "approvals": approvals,
        "provider_name": "Northside Behavioral Health Institute",
        "signatory": {"name": "Dr. Ana Ruiz", "title": "Director of Continuing Education"},
        "issued_at": f"2026-12-{day:02d}T18:00:00+00:00",
        "issue_date": f"2026-12-{day:02d}",
    }


def bare_pdf(n: int) -> bytes:
    from reportlab.pdfgen.canvas import Canvas

    buffer = io.BytesIO()
    canvas = Canvas(buffer, invariant=1, pageCompression=1)
    canvas.setFont("Helvetica", 12)
    canvas.drawString(72, 720, f"Certificate FC-2026-{n:06d}")
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def rate(count: int, action) -> tuple[float, int]:
    began = time.perf_counter()
    size = sum(len(action(n)) for n in range(count))
    return count / (time.perf_counter() - began), size // count


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=1000)
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT))
    from certificates.pdf import render_certificate

    snapshots = [snapshot(n) for n in range(args.count)]
    render_certificate(snapshots[0])  # fonts registered before timing, as in a warm server
    bare_pdf(0)
    floor, floor_size = rate(args.count, bare_pdf)
    certs, cert_size = rate(args.count, lambda n: render_certificate(snapshots[n]))
    ratio = certs / floor
    verdict = "met" if ratio >= 1 / 3 else "NOT met"
    print(f"Certificates: {args.count:,} PDFs each, one process")
    print(f"  bare ReportLab page (floor)  {floor:8.1f} PDFs/s   ({floor_size:,} bytes each)")
    print(f"  render_certificate           {certs:8.1f} certificates/s ({cert_size:,} bytes avg)")
    print(f"  ratio                        {ratio:8.3f}   (aim >= 0.333: {verdict})")


if __name__ == "__main__":
    main()
