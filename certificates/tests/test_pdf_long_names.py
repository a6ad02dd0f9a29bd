"""The longest legal name the profile accepts still fits the certificate, every character of it."""

from __future__ import annotations

import datetime as dt

import pytest
from reportlab.pdfbase import pdfmetrics

from accounts.names import LEGAL_NAME_PART_MAX
from certificates.pdf import HOLDER_WIDTH, SERIF_BOLD, holder_lines, render_certificate
from certificates.tests.test_pdf import snapshot, text_of  # noqa: F401  (the sample snapshot)

PART = LEGAL_NAME_PART_MAX
LONGEST = {
    "wide letters": f"{'W' * PART} {'M' * PART}",
    "many words": " ".join(["Wolfeschlegelsteinhausen"] * 8)[: 2 * PART + 1].strip(),
    "narrow letters": f"{'i' * PART} {'l' * PART}",
    "ordinary": "Dana",
}


@pytest.mark.parametrize("name", LONGEST.values(), ids=LONGEST.keys())
def test_every_line_of_the_name_fits_the_width_and_nothing_is_dropped(name):
    size, lines = holder_lines(name)
    assert size >= 6
    assert len(lines) <= 3
    for line in lines:
        assert pdfmetrics.stringWidth(line, SERIF_BOLD, size) <= HOLDER_WIDTH
    assert "".join(lines).replace(" ", "") == name.replace(" ", "")


def test_a_short_name_stays_on_one_line_in_the_large_type():
    assert holder_lines("Zoë Åström-Nuñez") == (28, ["Zoë Åström-Nuñez"])


@pytest.mark.parametrize("name", LONGEST.values(), ids=LONGEST.keys())
def test_the_certificate_prints_the_whole_name_and_everything_else(snapshot, name):  # noqa: F811
    text = text_of(render_certificate({**snapshot, "holder_name": name})).replace(" ", "")
    assert name.replace(" ", "") in text
    for kept in ("CE hours awarded", "American Psychological Association", "FC-2026-000123"):
        assert kept.replace(" ", "") in text


def test_the_transcripts_keep_every_line_inside_the_page(monkeypatch):
    from reportlab.pdfgen.canvas import Canvas

    from certificates.bulk.transcript import MARGIN, PAGE_WIDTH, render_transcript

    drawn: list[tuple[float, str, str, float]] = []
    original = Canvas.drawString

    def recording(canvas, x, y, text, *args, **kwargs):
        drawn.append((x, text, canvas._fontname, canvas._fontsize))
        return original(canvas, x, y, text, *args, **kwargs)

    monkeypatch.setattr(Canvas, "drawString", recording)
    name = LONGEST["many words"]
    render_transcript(holder=name, start=dt.date(2026, 1, 1), end=dt.date(2026, 1, 2), rows=[])
    assert "".join(text for _, text, _, _ in drawn).replace(" ", "").count(name.replace(" ", ""))
    for x, text, font, size in drawn:
        assert x + pdfmetrics.stringWidth(text, font, size) <= PAGE_WIDTH - MARGIN + 0.01, text
