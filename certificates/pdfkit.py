"""The PDF kit every FullCredit document is drawn with (certificates, transcripts, the CE
tracker's reports): the embedded fonts, the house colours and line wrapping that never cuts a
word short. Documents that share it look like one provider's papers."""

from __future__ import annotations

from pathlib import Path

from reportlab.lib.colors import HexColor
from reportlab.lib.utils import simpleSplit
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

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

INK = HexColor("#1b2430")
NAVY = HexColor("#1d3557")
GOLD = HexColor("#b08d57")
MUTED = HexColor("#5b6573")


def register_fonts() -> None:
    """Register the embedded fonts with ReportLab (once per process)."""
    for name, filename in _FONT_FILES.items():
        if name not in pdfmetrics.getRegisteredFontNames():
            pdfmetrics.registerFont(TTFont(name, str(FONTS_DIR / filename)))


def wrap(text: str, font: str, size: float, width: float) -> list[str]:
    """`text` in lines of at most `width`, broken at spaces; when a single word is wider than
    a line, broken between any two characters instead (a name is never cut short)."""
    lines: list[str] = simpleSplit(text, font, size, width)
    if all(pdfmetrics.stringWidth(line, font, size) <= width for line in lines):
        return lines
    lines, current, used = [], "", 0.0
    for char in text:
        advance = pdfmetrics.stringWidth(char, font, size)
        if current and used + advance > width:
            lines.append(current)
            current, used = "", 0.0
        current += char
        used += advance
    return [*lines, current]
