"""The CSV kit for every export staff open in a spreadsheet: where rows are written, and
cells that cannot run as formulas."""

from __future__ import annotations

from typing import Protocol

# A spreadsheet runs a cell that starts with one of these as a formula (CSV injection); tab and
# carriage return can smuggle one past a naive check.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


class Writable(Protocol):
    """Anything CSV rows can be written to: an HTTP response, a file, a string buffer."""

    def write(self, data: str, /) -> object: ...


def csv_safe(value: str) -> str:
    """`value` as a cell a spreadsheet shows as text, never runs."""
    return f"'{value}" if value.startswith(FORMULA_STARTS) else value
