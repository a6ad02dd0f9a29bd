"""Finding CSV columns by their header text, never by position.

Zoom adds, drops and reorders columns between report versions and from webinar to webinar
(registration questions become columns), and one export even repeats header names.
"""

from __future__ import annotations

from attendance.parsing import codes
from attendance.parsing.text import clean, header_key
from attendance.parsing.types import ReportError


class Header:
    def __init__(self, cells: list[str], line: int) -> None:
        self.cells = [clean(c) for c in cells]
        self.keys = [header_key(c) for c in cells]
        self.line = line
        # Rows are padded to one cell past the header, so that last cell (always empty) stands
        # for every column the header lacks and data rows can be indexed without checks.
        self.absent = len(self.keys)

    def fit(self, cells: list[str]) -> list[str]:
        """A data row padded or cut to the header's width, plus the empty `absent` cell."""
        size = len(cells)
        if size > self.absent:
            return [*cells[: self.absent], ""]
        cells.extend([""] * (self.absent + 1 - size))
        return cells

    def at(self, index: int | None) -> int:
        """A column position for fitted rows: `absent` when the column is missing."""
        return self.absent if index is None else index

    def has(self, *names: str) -> bool:
        return any(key in names for key in self.keys)

    def find(self, *names: str, after: int | None = None) -> int | None:
        """The column with the first of `names` present.

        With `after`, columns to the right of that position are searched first: in the
        flattened meeting export the participant's columns follow the host's namesakes.
        """
        if after is not None:
            for name in names:
                for index in range(after + 1, len(self.keys)):
                    if self.keys[index] == name:
                        return index
        for name in names:
            if name in self.keys:
                return self.keys.index(name)
        return None

    def require(
        self, label: str, *names: str, where: str, source: str, after: int | None = None
    ) -> int:
        index = self.find(*names, after=after)
        if index is None:
            raise ReportError(
                codes.MISSING_COLUMN,
                f"{where} has no {label} column.",
                line=self.line,
                source=source,
            )
        return index


def cell(cells: list[str], index: int | None) -> str:
    """The cell at `index`; short rows (Excel drops trailing empty cells) read as empty."""
    if index is None or index >= len(cells):
        return ""
    return cells[index]
