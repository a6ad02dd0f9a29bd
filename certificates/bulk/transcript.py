"""A CE transcript as a PDF, from plain data alone (no database): the holder, the date range,
one row per certificate and the hours totalled by CE category.

Deterministic like the certificates: the same data always gives the same bytes.
"""

from __future__ import annotations

import calendar
import datetime as dt
import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal

from reportlab.lib.pagesizes import letter
from reportlab.lib.utils import simpleSplit
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfgen.canvas import Canvas

from certificates.pdfkit import INK, MUTED, NAVY, SANS, SERIF_BOLD, register_fonts, wrap
from credit.hours import format_hours

PAGE_WIDTH, PAGE_HEIGHT = letter
MARGIN = 48
UNCATEGORIZED = "No category"
# Column left edges and widths: number, date, event, hours, categories.
COLUMNS = [
    ("Certificate", MARGIN, 92),
    ("Date", MARGIN + 96, 72),
    ("Event", MARGIN + 172, 178),
    ("Hours", MARGIN + 354, 36),
    ("Categories · approvals", MARGIN + 394, PAGE_WIDTH - MARGIN - (MARGIN + 394)),
]
SIZE = 8.5
LEADING = 11


@dataclass(frozen=True)
class TranscriptRow:
    number: str
    event: str
    date: dt.date
    hours: Decimal
    categories: tuple[str, ...]
    approvals: tuple[str, ...]  # body codes
    license: str


def long_day(day: dt.date) -> str:
    return f"{calendar.month_name[day.month]} {day.day}, {day.year}"


def totals_by_category(rows: Iterable[TranscriptRow]) -> list[tuple[str, Decimal]]:
    """Hours per category, alphabetical, certificates without one under "No category".

    An event in two categories counts in both, so these may add up to more than the total.
    """
    totals: dict[str, Decimal] = {}
    for row in rows:
        for name in row.categories or (UNCATEGORIZED,):
            totals[name] = totals.get(name, Decimal(0)) + row.hours
    return sorted(totals.items(), key=lambda item: (item[0] == UNCATEGORIZED, item[0]))


class TranscriptWriter:
    """Lays out transcript pages: a running footer with the holder, period and page number, rows
    that flow onto a new page when one is full (the CE tracker's transcript uses it too)."""

    def __init__(self, canvas: Canvas, holder: str, period: str) -> None:
        self.canvas = canvas
        self.holder = holder
        self.period = period
        self.page = 0
        self.y = 0.0

    def new_page(self) -> None:
        if self.page:
            self.canvas.showPage()
        self.page += 1
        c = self.canvas
        c.setFillColor(MUTED)
        c.setFont(SANS, 7.5)
        c.drawString(MARGIN, MARGIN - 20, self._footer())
        c.drawRightString(PAGE_WIDTH - MARGIN, MARGIN - 20, f"Page {self.page}")
        self.y = PAGE_HEIGHT - MARGIN

    def _footer(self) -> str:
        # The full name heads the first page; the running footer may shorten a very long one
        # so it never runs into the page number or off the paper.
        room = PAGE_WIDTH - 2 * MARGIN - 50
        holder = self.holder
        while True:
            footer = f"CE transcript · {holder} · {self.period}"
            if len(holder) <= 1 or pdfmetrics.stringWidth(footer, SANS, 7.5) <= room:
                return footer
            holder = holder[:-2].rstrip() + "…"

    def room(self, height: float) -> None:
        if self.y - height < MARGIN:
            self.new_page()

    def text(self, text: str, font: str = SANS, size: float = SIZE, color=INK) -> None:
        for line in wrap(text, font, size, PAGE_WIDTH - 2 * MARGIN):
            self.room(size * 1.4)
            self.canvas.setFillColor(color)
            self.canvas.setFont(font, size)
            self.canvas.drawString(MARGIN, self.y - size, line)
            self.y -= size * 1.4

    def table_head(self) -> None:
        self.room(LEADING * 2)
        c = self.canvas
        c.setFillColor(NAVY)
        c.setFont(SERIF_BOLD, SIZE)
        for title, left, _width in COLUMNS:
            c.drawString(left, self.y - SIZE, title)
        self.y -= LEADING + 2
        c.setStrokeColor(NAVY)
        c.setLineWidth(0.5)
        c.line(MARGIN, self.y + 2, PAGE_WIDTH - MARGIN, self.y + 2)
        self.y -= 2

    def row(self, row: TranscriptRow) -> None:
        extra = ", ".join(row.categories) or "—"
        if row.approvals:
            extra += " · " + ", ".join(row.approvals)
        if row.license:
            extra += " · " + row.license
        cells = [
            [row.number],
            [row.date.isoformat()],
            simpleSplit(row.event, SANS, SIZE, COLUMNS[2][2]),
            [format_hours(row.hours)],
            simpleSplit(extra, SANS, SIZE, COLUMNS[4][2]),
        ]
        height = max(len(lines) for lines in cells) * LEADING
        if self.y - height < MARGIN:
            self.new_page()
            self.table_head()
        c = self.canvas
        c.setFillColor(INK)
        c.setFont(SANS, SIZE)
        for (_title, left, _width), lines in zip(COLUMNS, cells, strict=True):
            for index, line in enumerate(lines):
                c.drawString(left, self.y - SIZE - index * LEADING, line)
        self.y -= height + 3


def render_transcript(
    *,
    holder: str,
    start: dt.date,
    end: dt.date,
    rows: Sequence[TranscriptRow],
    provider: str = "",
) -> bytes:
    register_fonts()
    buffer = io.BytesIO()
    # invariant=1 fixes the document id and dates, so the bytes depend on the data alone.
    canvas = Canvas(buffer, pagesize=letter, invariant=1, pageCompression=1, initialFontName=SANS)
    period = f"{long_day(start)} – {long_day(end)}"
    canvas.setTitle(f"CE transcript: {holder}, {start.isoformat()} to {end.isoformat()}")
    canvas.setAuthor(provider or "FullCredit")
    canvas.setCreator("FullCredit")
    writer = TranscriptWriter(canvas, holder, period)
    writer.new_page()
    writer.text("Continuing Education Transcript", SERIF_BOLD, 18, NAVY)
    writer.y -= 4
    writer.text(holder, SERIF_BOLD, 12)
    if provider:
        writer.text(f"Issued through {provider}", size=9, color=MUTED)
    writer.text(f"Events from {period}", size=9, color=MUTED)
    total = sum((row.hours for row in rows), Decimal(0))
    count = len(rows)
    writer.text(
        f"{count} certificate{'' if count == 1 else 's'}, {format_hours(total)} CE hours",
        size=9,
        color=MUTED,
    )
    writer.y -= 10
    if rows:
        writer.table_head()
        for row in rows:
            writer.row(row)
    else:
        writer.text("No valid certificates for events in this period.")
    writer.y -= 10
    writer.room(LEADING * 3)
    writer.text("Totals by category", SERIF_BOLD, 11, NAVY)
    width = max(
        [pdfmetrics.stringWidth(name, SANS, SIZE + 0.5) for name, _ in totals_by_category(rows)]
        + [120]
    )
    for name, hours in totals_by_category(rows):
        writer.room(LEADING)
        canvas.setFillColor(INK)
        canvas.setFont(SANS, SIZE + 0.5)
        canvas.drawString(MARGIN, writer.y - SIZE, name)
        canvas.drawRightString(MARGIN + width + 60, writer.y - SIZE, f"{format_hours(hours)} h")
        writer.y -= LEADING + 1
    writer.room(LEADING)
    canvas.setFont(SERIF_BOLD, SIZE + 0.5)
    canvas.drawString(MARGIN, writer.y - SIZE, "Total CE hours")
    canvas.drawRightString(MARGIN + width + 60, writer.y - SIZE, f"{format_hours(total)} h")
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()
