"""The PDF kit every FullCredit document is drawn with (certificates, transcripts, the CE
tracker's reports): the embedded fonts, the house colours and line wrapping that never cuts a
word short. Documents that share it look like one provider's papers.

Text in any script: DejaVu draws Latin, Greek and Cyrillic; each character it lacks falls back to
Noto Naskh Arabic, Noto Serif Hebrew or Noto Serif CJK (Chinese, Japanese, Korean), picked per
character, and Arabic and Hebrew runs are shaped by HarfBuzz (joined letter forms, marks, right to
left order). A character no font has (emoji) is left out rather than printed as a box.
"""

from __future__ import annotations

import unicodedata
from functools import cache
from pathlib import Path
from typing import Literal

from reportlab.lib.colors import HexColor
from reportlab.lib.utils import simpleSplit
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont, shapeStr
from reportlab.pdfgen.canvas import Canvas

FONTS_DIR = Path(__file__).resolve().parent / "fonts"
SERIF = "FCSerif"
SERIF_BOLD = "FCSerif-Bold"
SERIF_ITALIC = "FCSerif-Italic"
SANS = "FCSans"
_FONT_FILES = {
    SERIF: "DejaVuSerif.ttf",
    SERIF_BOLD: "DejaVuSerif-Bold.ttf",
    SERIF_ITALIC: "DejaVuSerif-Italic.ttf",
    SANS: "DejaVuSans.ttf",
}
ARABIC = "FCArabic"
ARABIC_BOLD = "FCArabic-Bold"
HEBREW = "FCHebrew"
HEBREW_BOLD = "FCHebrew-Bold"
CJK = "FCCJK-Bold"  # one weight keeps the checkout small; it stands in for regular text too
_FALLBACK_FILES = {
    ARABIC: "NotoNaskhArabic-Regular.ttf",
    ARABIC_BOLD: "NotoNaskhArabic-Bold.ttf",
    HEBREW: "NotoSerifHebrew-Regular.ttf",
    HEBREW_BOLD: "NotoSerifHebrew-Bold.ttf",
    CJK: "FCCJK-Bold.ttf",
}
# Fonts whose runs are shaped (Arabic joins its letters; both read right to left).
_SHAPED = {ARABIC, ARABIC_BOLD, HEBREW, HEBREW_BOLD}
_REGULAR_CHAIN = (ARABIC, HEBREW, CJK)
_BOLD_CHAIN = (ARABIC_BOLD, HEBREW_BOLD, CJK)
FALLBACKS = {
    SERIF: _REGULAR_CHAIN,
    SERIF_BOLD: _BOLD_CHAIN,
    SERIF_ITALIC: _REGULAR_CHAIN,
    SANS: _REGULAR_CHAIN,
}

INK = HexColor("#1b2430")
NAVY = HexColor("#1d3557")
GOLD = HexColor("#b08d57")
MUTED = HexColor("#5b6573")


@cache
def register_fonts() -> None:
    """Register the embedded fonts with ReportLab (once per process). ReportLab embeds only
    the glyphs a document uses, so a fallback font costs nothing in a document that needs none."""
    registered = set(pdfmetrics.getRegisteredFontNames())
    for name, filename in _FONT_FILES.items():
        if name not in registered:
            pdfmetrics.registerFont(TTFont(name, str(FONTS_DIR / filename)))
    for name, filename in _FALLBACK_FILES.items():
        if name not in registered:
            font = TTFont(name, str(FONTS_DIR / filename), shapable=name in _SHAPED)
            pdfmetrics.registerFont(font)


def has_glyph(font: str, char: str) -> bool:
    """Whether `font` (registered) maps `char` to a glyph of its own."""
    return ord(char) in _cmap(font)


@cache
def _cmap(font: str) -> frozenset[int]:
    register_fonts()
    face = pdfmetrics.getFont(font).face  # type: ignore[attr-defined]
    return frozenset(code for code, glyph in face.charToGlyph.items() if glyph)


def _neutral(char: str) -> bool:
    """Spaces, punctuation and marks: they take the font of the text around them."""
    return unicodedata.bidirectional(char) in {"WS", "ON", "CS", "ES", "ET", "NSM", "BN", "S"}


def font_runs(text: str, font: str) -> list[tuple[str, str]]:
    """`text` as (font, text) runs in logical order: each character in `font` if it has the
    glyph, else in the first fallback that has; characters none has are left out."""
    register_fonts()
    chain = (font, *FALLBACKS.get(font, ()))
    runs: list[tuple[str, str]] = []
    for char in text:
        current = runs[-1][0] if runs else None
        if current is not None and _neutral(char) and has_glyph(current, char):
            chosen: str | None = current
        else:
            chosen = next((name for name in chain if has_glyph(name, char)), None)
        if chosen is None:
            continue
        if chosen == current:
            runs[-1] = (chosen, runs[-1][1] + char)
        else:
            runs.append((chosen, char))
    return [(name, part) for name, part in runs if part]


def _right_to_left(text: str) -> bool:
    """The paragraph direction: that of the first letter with a strong direction."""
    for char in text:
        kind = unicodedata.bidirectional(char)
        if kind in {"R", "AL"}:
            return True
        if kind == "L":
            return False
    return False


def _visual_runs(text: str, font: str, size: float) -> list[tuple[str, str, float]]:
    """The runs in drawing order (left to right), shaped where their script needs it, with
    their widths. Runs in a right-to-left font read right to left (HarfBuzz orders their
    glyphs); a line that starts right to left puts its runs right to left too."""
    runs = font_runs(text, font)
    if _right_to_left(text):
        runs.reverse()
    drawn: list[tuple[str, str, float]] = []
    for name, part in runs:
        if name in _SHAPED:
            shaped = shapeStr(part, name, size, force=True)
            advance = sum(glyph.x_advance for glyph in shaped.__shapeData__) * size / 1000
            drawn.append((name, shaped, advance))
        else:
            drawn.append((name, part, pdfmetrics.stringWidth(part, name, size)))
    return drawn


def text_width(text: str, font: str, size: float) -> float:
    """How wide `text` prints in `font` with its fallbacks."""
    return sum(width for _, _, width in _visual_runs(text, font, size))


def draw_text(
    canvas: Canvas,
    x: float,
    y: float,
    text: str,
    font: str,
    size: float,
    align: Literal["left", "centre", "right"] = "left",
) -> float:
    """Draw `text` in `font` (falling back per character, shaped where needed) with its left
    edge, centre or right edge at `x`; returns its width. Leaves `font` set on the canvas."""
    runs = _visual_runs(text, font, size)
    total = sum(width for _, _, width in runs)
    left = {"left": x, "centre": x - total / 2, "right": x - total}[align]
    for name, part, width in runs:
        canvas.setFont(name, size)
        canvas.drawString(left, y, part)
        left += width
    canvas.setFont(font, size)
    return total


def wrap(text: str, font: str, size: float, width: float) -> list[str]:
    """`text` in lines of at most `width`, broken at spaces; when a single word is wider than
    a line, broken between any two characters instead (a name is never cut short)."""
    lines = _split_at_spaces(text, font, size, width)
    if all(text_width(line, font, size) <= width for line in lines):
        return lines
    lines, current, used = [], "", 0.0
    for char in text:
        advance = text_width(char, font, size)
        if current and used + advance > width:
            lines.append(current)
            current, used = "", 0.0
        current += char
        used += advance
    return [*lines, current]


def _split_at_spaces(text: str, font: str, size: float, width: float) -> list[str]:
    """Like ReportLab's simpleSplit, measuring with the fallback fonts."""
    if all(ord(char) in _cmap(font) for char in text):
        return list(simpleSplit(text, font, size, width))
    lines: list[str] = []
    current = ""
    for word in text.split():
        candidate = f"{current} {word}" if current else word
        if current and text_width(candidate, font, size) > width:
            lines.append(current)
            current = word
        else:
            current = candidate
    return [*lines, current] if current or not lines else lines
