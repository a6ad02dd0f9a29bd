"""The audit transcript of one license's cycle as a PDF, from the cycle report alone (no
database): every counted credit and the requirement it met, rejected items with the reason,
totals, and every rule used by name with the board's own citation.

It draws with the CE transcript's page writer (certificates.bulk.transcript), so both
documents share fonts, margins and footer; output is deterministic like theirs.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Sequence
from decimal import Decimal

from reportlab.lib.pagesizes import letter
from reportlab.lib.utils import simpleSplit
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfgen.canvas import Canvas

from certificates.bulk.transcript import (
    MARGIN,
    PAGE_WIDTH,
    SIZE,
    TranscriptWriter,
    format_hours,
    long_day,
)
from certificates.pdfkit import INK, MUTED, NAVY, SANS, SERIF_BOLD, register_fonts
from credit.tracker.types import CreditLine, CycleReport
from licensing.sources import BoardSource

WIDTH = PAGE_WIDTH - 2 * MARGIN
NO_CITATION = "Source: state board requirements as published by the board"


def hours(value: Decimal | None) -> str:
    return "—" if value is None else f"{format_hours(value)} h"


def requirement_names(report: CycleReport, line: CreditLine) -> str:
    """What a counted credit met, in words: its categories, else general hours."""
    labels = {progress.rule.code: progress.rule.label for progress in report.categories}
    parts = [
        f"{labels.get(code, code.replace('_', ' '))} ({format_hours(amount)} h)"
        for code, amount in sorted(line.categories.items())
        if amount
    ]
    general = line.counted - sum(line.categories.values(), Decimal(0))
    if general > 0 or not parts:
        parts.append(f"general hours ({format_hours(max(general, Decimal(0)))} h)")
    return "; ".join(parts)


def wrap(text: str, size: float, width: float) -> list[str]:
    """Lines that fit `width`; a word longer than a line (a source URL) is cut where it must."""
    lines: list[str] = []
    for line in simpleSplit(text, SANS, size, width) or [""]:
        while pdfmetrics.stringWidth(line, SANS, size) > width:
            cut = len(line)
            while cut > 1 and pdfmetrics.stringWidth(line[:cut], SANS, size) > width:
                cut -= 1
            lines.append(line[:cut])
            line = line[cut:]
        lines.append(line)
    return lines


class _Doc:
    def __init__(self, writer: TranscriptWriter) -> None:
        self.writer = writer

    def para(self, text: str, *, size: float = SIZE, color=INK, indent: float = 0) -> None:
        for line in wrap(text, size, WIDTH - indent):
            self.writer.room(size * 1.4)
            canvas = self.writer.canvas
            canvas.setFillColor(color)
            canvas.setFont(SANS, size)
            canvas.drawString(MARGIN + indent, self.writer.y - size, line)
            self.writer.y -= size * 1.4

    def heading(self, text: str) -> None:
        self.writer.y -= 8
        self.writer.room(40)
        self.writer.text(text, SERIF_BOLD, 12, NAVY)
        self.writer.y -= 2


def _summary(doc: _Doc, report: CycleReport) -> None:
    if report.window is not None:
        doc.para(f"Cycle: {long_day(report.window.start)} – {long_day(report.window.end)}")
    else:
        doc.para("Cycle: unknown (no renewal date on file)")
    if report.exempt:
        doc.para("This renewal needs no CE hours (first renewal exemption).")
    doc.para(
        f"Required: {hours(report.required)} · Earned this cycle: {hours(report.earned)} · "
        f"Carried in: {hours(report.carry_in)} · Total: {hours(report.total)}"
    )
    verdict = "All requirements met." if report.met else f"Still short: {hours(report.shortfall)}"
    doc.para(verdict, size=SIZE + 1)


def _counted(doc: _Doc, report: CycleReport) -> None:
    doc.heading("Credits counted")
    if not report.counted_lines:
        doc.para("None.")
    for line in report.counted_lines:
        credit = line.credit
        doc.para(
            f"{credit.completed_on.isoformat()} · {credit.title}"
            + (f" · {credit.provider}" if credit.provider else ""),
            size=SIZE + 0.5,
        )
        detail = f"Counted {hours(line.counted)} of {hours(credit.hours)}: "
        detail += requirement_names(report, line)
        if line.over_cap:
            detail += f". {hours(line.over_cap)} not counted because of a format limit"
        doc.para(detail, color=MUTED, indent=12)


def _requirements(doc: _Doc, report: CycleReport) -> None:
    if not report.categories and not report.caps:
        return
    doc.heading("Requirements")
    for progress in report.categories:
        rule = progress.rule
        state = "met" if progress.met else f"short {hours(progress.shortfall)}"
        if not progress.applies:
            state = f"does not apply ({progress.not_applicable_reason})"
        elif progress.met_earlier_on:
            state = (
                f"met earlier on {progress.met_earlier_on.isoformat()} by {progress.met_earlier_by}"
            )
        doc.para(
            f"{rule.label} ({rule.recurrence.describe()}): {hours(progress.earned)} of "
            f"{hours(progress.required)} — {state}"
        )
    for usage in report.caps:
        doc.para(
            f"Limit: {usage.cap.label}: {hours(usage.used)} used of at most {hours(usage.limit)}"
            + (f" ({hours(usage.unused)} not counted)" if usage.unused else "")
        )


def _rejected(doc: _Doc, report: CycleReport) -> None:
    doc.heading("Credits not counted")
    if not report.rejected_lines:
        doc.para("None.")
    for line in report.rejected_lines:
        credit = line.credit
        doc.para(
            f"{credit.completed_on.isoformat()} · {credit.title} · {hours(credit.hours)}",
            size=SIZE + 0.5,
        )
        doc.para(f"Why: {line.rejected_reason}", color=MUTED, indent=12)


def _sources(doc: _Doc, report: CycleReport, sources: Sequence[BoardSource]) -> None:
    if report.all_warnings:
        doc.heading("Warnings")
        for warning in report.all_warnings:
            doc.para(f"• {warning}")
    if not sources:
        return
    doc.heading("Rule sources")
    for source in sources:
        doc.para(source.name, size=SIZE + 0.5)
        if source.citation:
            doc.para(f"Source: {source.citation}", color=MUTED, indent=12)
            doc.para(source.url, color=MUTED, indent=12)
        else:
            doc.para(NO_CITATION, color=MUTED, indent=12)


def render_audit_transcript(
    *,
    holder: str,
    license_label: str,
    report: CycleReport,
    generated: dt.date,
    provider: str = "",
    sources: Sequence[BoardSource] = (),
) -> bytes:
    """`sources`: the rules used, as a board reads them (name, citation and official address
    of verified rules; see `licensing.sources`). Nothing internal is printed: no rule ids,
    no review status, no research notes."""
    register_fonts()
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=letter, invariant=1, pageCompression=1, initialFontName=SANS)
    canvas.setTitle(f"CE audit transcript: {holder}, {license_label}")
    canvas.setAuthor(provider or "FullCredit")
    canvas.setCreator("FullCredit")
    writer = TranscriptWriter(canvas, holder, license_label)
    writer.new_page()
    doc = _Doc(writer)
    writer.text("CE Audit Transcript", SERIF_BOLD, 18, NAVY)
    writer.y -= 4
    writer.text(holder, SERIF_BOLD, 12)
    doc.para(license_label, size=10)
    doc.para(f"Prepared {long_day(generated)}", color=MUTED)
    writer.y -= 6
    _summary(doc, report)
    _counted(doc, report)
    _requirements(doc, report)
    _rejected(doc, report)
    _sources(doc, report, sources)
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()
