"""Rendering a certificate to PDF from its snapshot alone (no database, no settings).

US Letter landscape with print-safe margins, fonts embedded so a name in any script renders
(DejaVu for Latin, Greek and Cyrillic; Noto for Arabic, Hebrew, Chinese, Japanese and Korean,
shaped right to left where the script needs it), only human text (body names and approval
statements, never internal codes), and deterministic bytes: the same snapshot always yields the same
file, so the download's ETag is stable and an archived copy can be checked years later.
"""

from __future__ import annotations

import datetime as dt
import io
import itertools
from collections.abc import Mapping
from typing import Any

from reportlab.graphics.barcode import qrencoder
from reportlab.lib.colors import Color
from reportlab.lib.pagesizes import landscape, letter
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen.canvas import Canvas

from certificates.formatting import approval_heading, event_when, long_date
from certificates.pdfkit import (
    GOLD,
    INK,
    MUTED,
    NAVY,
    SANS,
    SERIF_BOLD,
    SERIF_ITALIC,
    draw_text,
    register_fonts,
    text_width,
    wrap,
)

PAGE_WIDTH, PAGE_HEIGHT = landscape(letter)
# Half an inch keeps every mark inside what office printers can reach.
MARGIN = 36
# The holder's name: one line of up to 28 pt, shrinking to 16 pt; a longer name (the profile
# allows 201 characters) takes two lines of up to 20 pt, never smaller than 6 pt.
HOLDER_WIDTH = PAGE_WIDTH - 220
HOLDER_SIZE = 28
HOLDER_ONE_LINE_MINIMUM = 16
HOLDER_TWO_LINE_MAXIMUM = 20
HOLDER_MINIMUM = 6
# Approval statements are part of what a board reads: never below 8.5 pt; what does not fit on
# the page continues on a second one.
APPROVAL_SIZE = 9
APPROVAL_MINIMUM = 8.5
APPROVAL_LEADING = 1.22
APPROVAL_WIDTH = PAGE_WIDTH - 2 * (MARGIN + 36)


def _fit(text: str, font: str, size: float, width: float, minimum: float) -> float:
    """The largest size up to `size` at which `text` fits on one line of `width`."""
    while size > minimum and text_width(text, font, size) > width:
        size -= 0.5
    return size


def _centered_lines(
    canvas: Canvas, lines: list[str], font: str, size: float, top: float, leading: float
) -> float:
    """Draw centred lines from `top` down; return the baseline below the last one."""
    y = top
    for line in lines:
        draw_text(canvas, PAGE_WIDTH / 2, y, line, font, size, "centre")
        y -= leading
    return y


def _frame(canvas: Canvas) -> None:
    canvas.setStrokeColor(NAVY)
    canvas.setLineWidth(2.5)
    canvas.rect(MARGIN, MARGIN, PAGE_WIDTH - 2 * MARGIN, PAGE_HEIGHT - 2 * MARGIN)
    canvas.setStrokeColor(GOLD)
    canvas.setLineWidth(0.75)
    inset = MARGIN + 6
    canvas.rect(inset, inset, PAGE_WIDTH - 2 * inset, PAGE_HEIGHT - 2 * inset)
    # Small gold diamonds at the corners of the inner frame.
    canvas.setFillColor(GOLD)
    for x in (inset, PAGE_WIDTH - inset):
        for y in (inset, PAGE_HEIGHT - inset):
            path = canvas.beginPath()
            path.moveTo(x, y + 5)
            path.lineTo(x + 5, y)
            path.lineTo(x, y - 5)
            path.lineTo(x - 5, y)
            path.close()
            canvas.drawPath(path, stroke=0, fill=1)


def _ornament(canvas: Canvas, y: float, half_width: float = 70) -> None:
    centre = PAGE_WIDTH / 2
    canvas.setStrokeColor(GOLD)
    canvas.setLineWidth(0.75)
    canvas.line(centre - half_width, y, centre - 6, y)
    canvas.line(centre + 6, y, centre + half_width, y)
    canvas.setFillColor(GOLD)
    canvas.circle(centre, y, 2, stroke=0, fill=1)


def _header(canvas: Canvas, snapshot: dict[str, Any]) -> float:
    canvas.setFillColor(NAVY)
    provider = snapshot["provider_name"].upper()
    size = _fit(provider, SANS, 11, PAGE_WIDTH - 200, 7)
    draw_text(canvas, PAGE_WIDTH / 2, PAGE_HEIGHT - 82, provider, SANS, size, "centre")
    _ornament(canvas, PAGE_HEIGHT - 94)
    canvas.setFillColor(GOLD)
    canvas.setFont(SERIF_BOLD, 30)
    canvas.drawCentredString(PAGE_WIDTH / 2, PAGE_HEIGHT - 132, "Certificate of Completion")
    canvas.setFillColor(MUTED)
    canvas.setFont(SERIF_ITALIC, 12)
    canvas.drawCentredString(PAGE_WIDTH / 2, PAGE_HEIGHT - 154, "This certifies that")
    return PAGE_HEIGHT - 190


def holder_lines(name: str) -> tuple[float, list[str]]:
    """The type size and lines for the holder's name: one line in large type when it fits,
    else two (three for a name with no room to break) in the largest size that holds it."""
    register_fonts()
    size = _fit(name, SERIF_BOLD, HOLDER_SIZE, HOLDER_WIDTH, HOLDER_ONE_LINE_MINIMUM)
    if text_width(name, SERIF_BOLD, size) <= HOLDER_WIDTH:
        return size, [name]
    size = HOLDER_TWO_LINE_MAXIMUM
    while size > HOLDER_MINIMUM:
        lines = wrap(name, SERIF_BOLD, size, HOLDER_WIDTH)
        if len(lines) <= 2:
            return size, lines
        size -= 0.5
    return size, wrap(name, SERIF_BOLD, size, HOLDER_WIDTH)


def _holder(canvas: Canvas, snapshot: dict[str, Any], top: float) -> float:
    name = snapshot["holder_name"]
    size, lines = holder_lines(name)
    canvas.setFillColor(INK)
    y = _centered_lines(canvas, lines, SERIF_BOLD, size, top, size * 1.2) + size * 1.2
    widest = max(text_width(line, SERIF_BOLD, size) for line in lines)
    line_half = max(150, widest / 2 + 20)
    canvas.setStrokeColor(GOLD)
    canvas.setLineWidth(0.75)
    canvas.line(PAGE_WIDTH / 2 - line_half, y - 8, PAGE_WIDTH / 2 + line_half, y - 8)
    y -= 24
    license = snapshot.get("license")
    if license:
        canvas.setFillColor(MUTED)
        text = f"{license['type_name']} ({license['type']}) · License #{license['number']}"
        draw_text(canvas, PAGE_WIDTH / 2, y, text, SANS, 9.5, "centre")
        y -= 14
    return y - 6


def _event_block(canvas: Canvas, snapshot: dict[str, Any], top: float) -> float:
    event = snapshot["event"]
    canvas.setFillColor(MUTED)
    canvas.setFont(SERIF_ITALIC, 11)
    canvas.drawCentredString(
        PAGE_WIDTH / 2, top, "attended in full and completed the evaluation for"
    )
    canvas.setFillColor(NAVY)
    title_lines = wrap(event["title"], SERIF_BOLD, 17, PAGE_WIDTH - 240)[:2]
    y = _centered_lines(canvas, title_lines, SERIF_BOLD, 17, top - 24, 21)
    canvas.setFillColor(INK)
    details = [f"{event['format']} · {event_when(event)} ({event['time_zone']})"]
    presenters = [
        f"{p['name']}, {p['credentials']}" if p["credentials"] else p["name"]
        for p in snapshot["presenters"]
    ]
    if presenters:
        details += wrap("Presented by " + "; ".join(presenters), SANS, 9.5, PAGE_WIDTH - 240)[:2]
    program = snapshot["program"]
    if program["title"] and program["title"] != event["title"]:
        details.append(f"Program: {program['title']}")
    y = _centered_lines(canvas, details, SANS, 9.5, y + 2, 13)
    return y - 4


def _credit(canvas: Canvas, snapshot: dict[str, Any], top: float) -> float:
    hours = snapshot["ce_hours"]
    unit = "CE hour" if hours == "1" else "CE hours"
    canvas.setFillColor(NAVY)
    canvas.setFont(SERIF_BOLD, 15)
    canvas.drawCentredString(PAGE_WIDTH / 2, top - 6, f"{hours} {unit} awarded")
    y = top - 22
    if snapshot["categories"]:
        canvas.setFillColor(INK)
        text = "CE category: " + ", ".join(snapshot["categories"])
        draw_text(canvas, PAGE_WIDTH / 2, y, text, SANS, 9.5, "centre")
        y -= 14
    return y


def _approval_lines(approvals: list[dict[str, str]], size: float) -> list[tuple[str, str]]:
    """(font, line) pairs: each approving body's name and provider number in bold, then its
    statement, wrapped to the approvals' width."""
    lines: list[tuple[str, str]] = []
    for approval in approvals:
        heading = approval_heading(approval)
        lines += [(SERIF_BOLD, line) for line in wrap(heading, SERIF_BOLD, size, APPROVAL_WIDTH)]
        statement = approval["statement"].strip()
        if statement:
            lines += [(SANS, line) for line in wrap(statement, SANS, size, APPROVAL_WIDTH)]
    return lines


def _approvals(
    canvas: Canvas, snapshot: dict[str, Any], top: float, bottom: float
) -> list[tuple[str, str]]:
    """Approval statements in the space left, in readable dark type (9 pt, 8.5 pt when that
    makes them fit). Returns the lines that did not fit, for a continuation page."""
    approvals = snapshot["approvals"]
    if not approvals:
        return []
    size: float = APPROVAL_SIZE
    lines = _approval_lines(approvals, size)
    if len(lines) * size * APPROVAL_LEADING > top - bottom:
        size = APPROVAL_MINIMUM
        lines = _approval_lines(approvals, size)
    fitting = max(0, int((top - bottom) // (size * APPROVAL_LEADING)))
    canvas.setFillColor(INK)
    _draw_lines(canvas, lines[:fitting], size, top - size)
    return lines[fitting:]


def _draw_lines(canvas: Canvas, lines: list[tuple[str, str]], size: float, y: float) -> float:
    for font, line in lines:
        draw_text(canvas, PAGE_WIDTH / 2, y, line, font, size, "centre")
        y -= size * APPROVAL_LEADING
    return y


def _continuation(canvas: Canvas, snapshot: dict[str, Any], lines: list[tuple[str, str]]) -> None:
    """A second page for the approval statements that did not fit on the first."""
    canvas.showPage()
    canvas.setFillColor(Color(0.99, 0.98, 0.955))
    canvas.rect(0, 0, PAGE_WIDTH, PAGE_HEIGHT, stroke=0, fill=1)
    _frame(canvas)
    _corners(canvas, snapshot)
    canvas.setFillColor(NAVY)
    heading = "Approvals (continued)"
    draw_text(canvas, PAGE_WIDTH / 2, PAGE_HEIGHT - 100, heading, SERIF_BOLD, 15, "centre")
    canvas.setFillColor(INK)
    _draw_lines(canvas, lines, APPROVAL_MINIMUM, PAGE_HEIGHT - 130)


def _corners(canvas: Canvas, snapshot: dict[str, Any]) -> None:
    """The certificate number (top left) and issue date (top right), where a reader looks for
    them, leaving the footer wide enough for a long verification address."""
    inset = MARGIN + 20
    top = PAGE_HEIGHT - MARGIN - 26
    number = snapshot["number"]
    version = snapshot["version"]
    canvas.setFillColor(MUTED)
    canvas.setFont(SANS, 8)
    label = f"Certificate No. {number}" + (f" (version {version})" if version > 1 else "")
    canvas.drawString(inset, top, label)
    canvas.drawRightString(PAGE_WIDTH - inset, top, f"Issued {long_date(snapshot['issue_date'])}")


def _draw_qr(canvas: Canvas, text: str, x: float, y: float, size: float) -> None:
    """The QR code as one filled path: encoding once and drawing runs of dark modules as a
    single shape is several times faster than ReportLab's widget (a shape per module)."""
    code = qrencoder.QRCode(None, qrencoder.QRErrorCorrectLevel.M)
    code.addData(text)
    code.make()
    count = code.getModuleCount()
    border = 1  # a quiet zone of one module inside the printed square
    box = size / (count + 2 * border)
    path = canvas.beginPath()
    for row_index, row in enumerate(code.modules):
        column = 0
        for dark, run in itertools.groupby(bool(cell) for cell in row):
            length = sum(1 for _ in run)
            if dark:
                path.rect(
                    x + (column + border) * box,
                    y + size - (row_index + border + 1) * box,
                    length * box,
                    box,
                )
            column += length
    canvas.setFillColor(INK)
    canvas.drawPath(path, stroke=0, fill=1)


def _footer(canvas: Canvas, snapshot: dict[str, Any]) -> float:
    """Signature (left), QR and verification link (right).
    Returns the top of the footer, the lower limit for the approvals."""
    base = MARGIN + 34
    left = MARGIN + 40
    name, title = signatory_lines(snapshot)
    if not snapshot.get("images", {}).get("signature"):
        # No signature image: say that the signed original is on file, on the line itself.
        canvas.setFillColor(INK)
        draw_text(canvas, left + 4, base + 35, "Signature on file", SERIF_ITALIC, 11)
    canvas.setStrokeColor(INK)
    canvas.setLineWidth(0.6)
    canvas.line(left, base + 30, left + 190, base + 30)
    canvas.setFillColor(INK)
    draw_text(canvas, left, base + 17, name, SERIF_BOLD, 10)
    canvas.setFillColor(MUTED)
    for index, line in enumerate(wrap(title, SANS, 8, 200)[:2]):
        draw_text(canvas, left, base + 6 - index * 10, line, SANS, 8)

    qr_size = 64
    right = PAGE_WIDTH - MARGIN - 40
    _draw_qr(canvas, snapshot["verification_url"], right - qr_size, base - 8, qr_size)
    url = snapshot["verification_url"]
    url_size = _fit(url, SANS, 7.5, 300, 4.5)
    canvas.setFillColor(MUTED)
    canvas.setFont(SANS, 7.5)
    canvas.drawRightString(right - qr_size - 6, base + 30, "Verify this certificate at")
    canvas.setFont(SANS, url_size)
    canvas.drawRightString(right - qr_size - 6, base + 20, url)
    canvas.setFont(SANS, 7.5)
    canvas.drawRightString(
        right - qr_size - 6, base + 10, f"Verification code {snapshot['verification_code']}"
    )
    return base + qr_size + 4


def signatory_lines(snapshot: dict[str, Any]) -> tuple[str, str]:
    """The name and title under the signature line; the provider signs when no person is set."""
    signatory = snapshot.get("signatory") or {}
    name = (signatory.get("name") or "").strip()
    title = (signatory.get("title") or "").strip()
    if not name:
        return snapshot["provider_name"], title
    return name, title


def _fix_creation_date(canvas: Canvas, issued_at: str) -> None:
    """Stamp the document with the issue moment instead of "now", so renders are identical."""
    stamp = canvas._doc._timeStamp  # reportlab's only hook for the document dates
    seconds = int(dt.datetime.fromisoformat(issued_at).timestamp())
    stamp.t = seconds
    stamp.lt = dt.datetime.fromtimestamp(seconds, dt.UTC).timetuple()
    stamp.YMDhms = tuple(stamp.lt)[:6]
    stamp.dhh = stamp.dmm = 0
    stamp.tzname = "UTC"


def _draw_image(
    canvas: Canvas, content: bytes, x: float, y: float, box_w: float, box_h: float
) -> None:
    """Draw an uploaded image inside a box, keeping its proportions, anchored bottom-left."""
    reader = ImageReader(io.BytesIO(content))
    width, height = reader.getSize()
    scale = min(box_w / width, box_h / height)
    canvas.drawImage(reader, x, y, width * scale, height * scale, mask="auto")


def _branding_images(canvas: Canvas, snapshot: dict[str, Any], images: Mapping[str, bytes]) -> None:
    hashes = snapshot.get("images", {})
    if (logo := images.get(hashes.get("logo", ""))) is not None:
        # Top left, beside the provider name and clear of the title.
        _draw_image(canvas, logo, MARGIN + 40, PAGE_HEIGHT - MARGIN - 72, 100, 36)
    if (signature := images.get(hashes.get("signature", ""))) is not None:
        _draw_image(canvas, signature, MARGIN + 40, MARGIN + 34 + 32, 180, 30)


def render_certificate(
    snapshot: dict[str, Any], images: Mapping[str, bytes] | None = None
) -> bytes:
    """The certificate PDF from its snapshot alone, plus the bytes of the images the snapshot
    names by content hash (logo, signature)."""
    register_fonts()
    buffer = io.BytesIO()
    # invariant=1 fixes the document id and dates reportlab would otherwise take from the clock.
    canvas = Canvas(
        buffer,
        pagesize=(PAGE_WIDTH, PAGE_HEIGHT),
        invariant=1,
        pageCompression=1,
        initialFontName=SANS,
    )
    _fix_creation_date(canvas, snapshot["issued_at"])
    title = f"Certificate {snapshot['number']}: {snapshot['event']['title']}"
    canvas.setTitle(title)
    canvas.setAuthor(snapshot["provider_name"])
    canvas.setSubject(f"{snapshot['ce_hours']} CE hours awarded to {snapshot['holder_name']}")
    canvas.setCreator("FullCredit")
    canvas.setKeywords(f"CE certificate, {snapshot['number']}, {snapshot['verification_code']}")

    canvas.setFillColor(Color(0.99, 0.98, 0.955))
    canvas.rect(0, 0, PAGE_WIDTH, PAGE_HEIGHT, stroke=0, fill=1)
    _frame(canvas)
    _corners(canvas, snapshot)
    y = _header(canvas, snapshot)
    y = _holder(canvas, snapshot, y)
    y = _event_block(canvas, snapshot, y)
    y = _credit(canvas, snapshot, y)
    footer_top = _footer(canvas, snapshot)
    _branding_images(canvas, snapshot, images or {})
    rest = _approvals(canvas, snapshot, y - 4, footer_top)
    if rest:
        _continuation(canvas, snapshot, rest)
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()
