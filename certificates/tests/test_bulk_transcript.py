"""The transcript PDF is rendered from plain data alone, deterministically."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal

from pypdf import PdfReader

from certificates.bulk.transcript import TranscriptRow, render_transcript, totals_by_category


def _rows(count: int) -> list[TranscriptRow]:
    return [
        TranscriptRow(
            number=f"FC-2026-{n:06d}",
            event=f"Event number {n} with a long title that wraps onto a second line in the table",
            date=dt.date(2026, 1, 1) + dt.timedelta(days=n),
            hours=Decimal("1.5"),
            categories=("Ethics",) if n % 2 else (),
            approvals=("APA", "ASWB"),
            license="CA LCSW #1234",
        )
        for n in range(count)
    ]


def test_same_data_same_bytes_and_many_rows_paginate():
    kwargs = {
        "holder": "Zoë Åström",
        "start": dt.date(2026, 1, 1),
        "end": dt.date(2026, 12, 31),
        "rows": _rows(80),
    }

    first = render_transcript(**kwargs)

    assert first == render_transcript(**kwargs)
    reader = PdfReader(io.BytesIO(first))
    assert len(reader.pages) > 1
    text = " ".join(" ".join(page.extract_text() for page in reader.pages).split())
    assert "Zoë Åström" in text
    assert "FC-2026-000079" in text
    assert "Ethics 60 h" in text
    assert "No category 60 h" in text
    assert "Total CE hours 120 h" in text


def test_totals_count_an_event_in_each_of_its_categories():
    rows = [
        TranscriptRow("A", "a", dt.date(2026, 1, 1), Decimal("2"), ("X", "Y"), (), ""),
        TranscriptRow("B", "b", dt.date(2026, 1, 2), Decimal("1"), ("Y",), (), ""),
    ]

    assert totals_by_category(rows) == [("X", Decimal("2")), ("Y", Decimal("3"))]


def test_an_empty_period_still_renders():
    content = render_transcript(
        holder="Dana", start=dt.date(2026, 1, 1), end=dt.date(2026, 1, 2), rows=[]
    )

    text = " ".join(PdfReader(io.BytesIO(content)).pages[0].extract_text().split())
    assert "No valid certificates" in text
    assert "Total CE hours 0 h" in text
