"""Bytes to text, text to CSV records, and the small clean-ups every cell needs."""

from __future__ import annotations

import codecs
import csv
import io
import unicodedata

from attendance.parsing import codes
from attendance.parsing.locales import ALIASES, YES_NO, normal
from attendance.parsing.types import ReportError

# (magic bytes, what the file is, what to do instead). People upload the report after opening it
# in Excel and saving as a workbook, or print it to PDF; say so rather than "unknown format".
_NOT_TEXT = [
    (b"PK\x03\x04", "an Excel workbook or a ZIP archive", "save it as CSV (Comma delimited)"),
    (b"\xd0\xcf\x11\xe0", "an old-style Excel workbook", "save it as CSV (Comma delimited)"),
    (b"%PDF", "a PDF", "download the CSV export from Zoom instead"),
]
_CONTROL_LIMIT = 0.01  # share of control characters above which "text" is really binary
_ABSENT = frozenset({"", "--", "na", "n/a", "null", "none"})
_YES_NO = {
    "yes": True,
    "y": True,
    "true": True,
    "no": False,
    "n": False,
    "false": False,
    **YES_NO,  # the portal's other languages ("Sì", "Ja", "はい", ...)
}
_ABSENT_LONGEST = 4  # len("none")

Record = tuple[int, list[str]]  # (1-based line where the record starts, its cells)


def decode(content: bytes, source: str) -> str:
    """The file's text: UTF-8 (with or without BOM), UTF-16 with a BOM, else Windows-1252."""
    if not content.strip():
        raise ReportError(codes.NOT_A_REPORT, "the file is empty.", source=source)
    for magic, what, instead in _NOT_TEXT:
        if content.startswith(magic):
            raise ReportError(
                codes.NOT_A_REPORT, f"this is {what}, not a report; {instead}.", source=source
            )
    if content.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        # Excel's "Unicode text" is UTF-16; it is text, so the NUL check below must not see it.
        try:
            text = content.decode("utf-16")
        except UnicodeDecodeError:
            raise _binary(source) from None
    else:
        if b"\x00" in content:
            raise _binary(source)
        try:
            text = content.decode("utf-8-sig")
        except UnicodeDecodeError:
            # Excel on Windows saves CSV in the ANSI code page; the five bytes cp1252 leaves
            # undefined do not occur in such files, so failing here means the file is not text.
            try:
                text = content.decode("cp1252")
            except UnicodeDecodeError:
                raise _binary(source) from None
    if not text.strip():
        raise ReportError(codes.NOT_A_REPORT, "the file is empty.", source=source)
    sample = text[:8192]
    controls = sum(1 for ch in sample if ch < " " and ch not in "\t\r\n")
    if controls > len(sample) * _CONTROL_LIMIT:
        raise _binary(source)
    return text


def _binary(source: str) -> ReportError:
    return ReportError(
        codes.NOT_A_REPORT,
        "this file is not a text report (it looks like a binary file). Upload the CSV or JSON "
        "file exactly as Zoom produced it.",
        source=source,
    )


def _delimiter(text: str) -> str:
    # Excel re-saves CSV with the locale's list separator (";" in much of Europe, where dates are
    # also day-first). Zoom itself always writes commas, so commas win ties.
    head = [line for line in text[:16384].splitlines() if line.strip()][:8]
    sample = "\n".join(head)
    counts = {d: sample.count(d) for d in (",", ";", "\t")}
    best = max(counts, key=lambda d: (counts[d], d == ","))
    return best if counts[best] else ","


def read_records(text: str, source: str) -> list[Record]:
    """CSV records with the physical line each starts on (quoted fields may span lines)."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(text))
    records: list[Record] = []
    previous_end = 0
    try:
        for cells in reader:
            records.append((previous_end + 1, cells))
            previous_end = reader.line_num
    except csv.Error as exc:
        raise ReportError(
            codes.NOT_A_REPORT,
            f"the file is not valid CSV ({exc}).",
            line=previous_end + 1,
            source=source,
        ) from None
    return records


def header_key(cell: str) -> str:
    """How a header cell is compared: case, width variants, spacing and UI language do not matter.

    A localised header or section title becomes the English key it stands for, so every layout
    rule is written once, in English.
    """
    key = normal(cell)
    return ALIASES.get(key, key)


def clean(value: str) -> str:
    """A cell's text: spaces (including Excel's non-breaking ones) trimmed, Unicode composed."""
    if value.isascii():
        return value.strip()
    value = value.replace("\xa0", " ").strip()
    return value if unicodedata.is_normalized("NFC", value) else unicodedata.normalize("NFC", value)


def is_absent(value: str) -> bool:
    """Zoom writes "--" for a no-show's times; R and Excel re-saves leave "NA" or nothing."""
    # Every marker is short; a length test first keeps this cheap on real timestamps.
    if len(value) > _ABSENT_LONGEST and not (value[0].isspace() or value[-1].isspace()):
        return False
    return value.strip().casefold() in _ABSENT


def email(value: str) -> str:
    value = clean(value)
    return "" if is_absent(value) else value.lower()


def yes_no(value: str) -> bool | None:
    key = value.strip().casefold()
    found = _YES_NO.get(key)
    if found is None and not key.isascii():
        # Decomposed accents ("Si" + a combining grave) from some editors.
        found = _YES_NO.get(normal(key))
    return found


def trailing_group(value: str) -> tuple[int, str] | None:
    """(where the last bracketed group starts, its content), for a value ending in ")";
    nested brackets belong to the group that holds them."""
    if not value.endswith(")"):
        return None
    depth = 0
    for index in range(len(value) - 1, -1, -1):
        char = value[index]
        if char == ")":
            depth += 1
        elif char == "(":
            depth -= 1
            if depth == 0:
                return index, value[index + 1 : -1]
    return None


def split_rename(value: str) -> tuple[str, str]:
    """`New (Original)` from a "Name (Original Name)" column, as (name, original name).

    Only the last bracketed group counts, so "Dana (she/her) (Dana Whitfield)" keeps the
    pronouns in the current name. A name that is only brackets is left whole.
    """
    group = trailing_group(value)
    if group is None:
        return value, ""
    name, original = value[: group[0]].strip(), group[1].strip()
    return (name, original) if name and original else (value, "")
    return value, ""
