"""What a legal name may be: the one rule every path that writes a name applies.

A legal name is printed on certificates and rosters and sent to the meeting provider, so it must
fit each of them and read the same everywhere. Invisible characters (bidi overrides and
isolates, zero-width characters) can make a name display differently from what is stored, or
reorder the text around it; control characters corrupt CSV files and logs.
"""

from __future__ import annotations

import unicodedata

from django.core.exceptions import ValidationError

# Generous for real names (passports print 39 characters in all) while one full name, first +
# space + last, still fits every copy of it: Registration.name, a name correction and the
# certificate PDF, which wraps a name this long onto two lines.
LEGAL_NAME_PART_MAX = 100
LEGAL_NAME_MAX = 2 * LEGAL_NAME_PART_MAX + 1

INVISIBLE_MESSAGE = "Names can't contain invisible or control characters."
# Control (Cc), format (Cf: bidi controls, zero-width characters, soft hyphen), private use
# (Co), lone surrogates (Cs) and the line and paragraph separators (Zl, Zp).
REFUSED_CATEGORIES = frozenset({"Cc", "Cf", "Co", "Cs", "Zl", "Zp"})


def has_invisible_characters(value: str) -> bool:
    return any(unicodedata.category(ch) in REFUSED_CATEGORIES for ch in value)


def validate_name_characters(value: str) -> None:
    """Django validator (model fields and forms)."""
    if has_invisible_characters(value):
        raise ValidationError(INVISIBLE_MESSAGE, code="name_invisible_characters")


def too_long_message(label: str, limit: int = LEGAL_NAME_PART_MAX) -> str:
    return f"The {label} can have at most {limit} characters."


def normalise_name(value: str) -> str:
    """Single spaces between words, none around them (after the characters were checked:
    str.split would quietly turn a line separator into a space)."""
    return " ".join(value.split())
