"""The PDF is rendered from the snapshot alone: every field printed, any name, same bytes."""

from __future__ import annotations

import io
from typing import Any

import pytest
from pypdf import PdfReader

from certificates.formatting import event_when, long_date
from certificates.pdf import render_certificate


@pytest.fixture
def snapshot() -> dict[str, Any]:
    code = "q3V9xY2kLmN0pQrStUvWxYz1"
    return {
        "schema": 1,
        "number": "FC-2026-000123",
        "version": 1,
        "verification_code": code,
        "verification_url": f"https://ce.example.org/verify/{code}/",
        "holder_name": "Zoë Åström-Nuñez",
        "license": {
            "type": "CA LCSW",
            "type_name": "Licensed Clinical Social Worker",
            "state": "CA",
            "number": "LCS 98765",
        },
        "event": {
            "title": "Trauma-Informed Care in Telehealth",
            "start": "2026-12-01T15:00:00+00:00",
            "end": "2026-12-01T17:00:00+00:00",
            "time_zone": "America/New_York",
            "format": "Live interactive webinar",
        },
        "program": {"code": "trauma-telehealth", "title": "Trauma-Informed Care Program"},
        "presenters": [
            {"name": "Maya Chen", "credentials": "PhD"},
            {"name": "Jorge Ramírez", "credentials": "LMFT"},
        ],
        "ce_hours": "2.5",
        "categories": ["General", "Law and ethics"],
        "approvals": [
            {
                "body_name": "American Psychological Association",
                "body_code": "APA",
                "approval_number": "123",
                "statement": "Northwest is approved by the American Psychological Association "
                "to sponsor continuing education for psychologists.",
            }
        ],
        "provider_name": "Northwest Behavioral Health Education",
        "signatory": {"name": "Jordan Ellis, PsyD", "title": "Director of Continuing Education"},
        "issued_at": "2026-12-02T16:00:00+00:00",
        "issue_date": "2026-12-02",
    }


def text_of(pdf: bytes) -> str:
    reader = PdfReader(io.BytesIO(pdf))
    # Wrapped lines come out as separate lines; compare with whitespace normalised.
    return " ".join(" ".join(page.extract_text() for page in reader.pages).split())


def test_every_snapshot_field_is_printed_including_an_accented_name(snapshot):
    text = text_of(render_certificate(snapshot))

    approval = snapshot["approvals"][0]
    expected = [
        "Zoë Åström-Nuñez",
        "FC-2026-000123",
        snapshot["verification_url"],
        snapshot["verification_code"],
        "Licensed Clinical Social Worker (CA LCSW)",
        "LCS 98765",
        "Trauma-Informed Care in Telehealth",
        "Live interactive webinar",
        event_when(snapshot["event"]),
        "America/New_York",
        "Program: Trauma-Informed Care Program",
        "Maya Chen, PhD",
        "Jorge Ramírez, LMFT",
        "2.5 CE hours awarded",
        "General, Law and ethics",
        "American Psychological Association, Provider No. 123",
        approval["statement"],
        "NORTHWEST BEHAVIORAL HEALTH EDUCATION",
        "Jordan Ellis, PsyD",
        "Director of Continuing Education",
        f"Issued {long_date('2026-12-02')}",
    ]
    assert [item for item in expected if item not in text] == []
    assert "December 1, 2026, 10:00 AM – 12:00 PM EST" in text


def test_the_document_is_us_letter_landscape_with_metadata(snapshot):
    reader = PdfReader(io.BytesIO(render_certificate(snapshot)))

    [page] = reader.pages
    assert (float(page.mediabox.width), float(page.mediabox.height)) == (792, 612)
    meta = reader.metadata
    assert meta.title == "Certificate FC-2026-000123: Trauma-Informed Care in Telehealth"
    assert meta.author == "Northwest Behavioral Health Education"
    assert meta.subject == "2.5 CE hours awarded to Zoë Åström-Nuñez"
    assert meta.creation_date.isoformat().startswith("2026-12-02T16:00:00")


def test_the_fonts_are_embedded(snapshot):
    reader = PdfReader(io.BytesIO(render_certificate(snapshot)))

    fonts = reader.pages[0]["/Resources"]["/Font"]
    embedded = [
        font.get_object()["/BaseFont"]
        for font in fonts.values()
        if "/FontFile2" in font.get_object().get("/FontDescriptor", {})
    ]
    assert any("DejaVuSerif-Bold" in name for name in embedded)


def test_the_same_snapshot_renders_the_same_bytes(snapshot):
    assert render_certificate(snapshot) == render_certificate(dict(snapshot))


def test_a_different_snapshot_renders_different_bytes(snapshot):
    assert render_certificate(snapshot) != render_certificate(snapshot | {"holder_name": "Ana"})


def test_a_non_latin_name_and_a_long_title_render(snapshot):
    snapshot["holder_name"] = "Αλέξανδρος Παπαδόπουλος-Иванов"
    snapshot["event"]["title"] = "A very long title " * 12

    assert "Αλέξανδρος Παπαδόπουλος-Иванов" in text_of(render_certificate(snapshot))
