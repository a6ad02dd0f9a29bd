"""JSON from outside, refused plainly when its shape would crash `json.loads`.

`json.loads` recurses once per nesting level (RecursionError somewhere past 1,000 levels) and
converts integers of more than 4,300 digits only to raise a bare ValueError; both reach the
caller as a 500. `loads_bounded` checks the text for both before parsing, in linear time and
without recursion, and raises JSONTooComplex with a stable code and a plain message.

Standard library only: the pure attendance parsers use it too.
"""

from __future__ import annotations

import json
import re
from itertools import accumulate
from typing import Any

# Far beyond any document FullCredit reads (Zoom's pages nest four levels, API bodies three).
MAX_DEPTH = 64
# Longer than any real ID or timestamp Zoom sends (13 digits), far below Python's 4,300.
MAX_NUMBER_LENGTH = 100

# A complete JSON string, escapes included (the unrolled form never backtracks).
_STRING = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"', re.DOTALL)
_NOT_BRACKET = re.compile(r"[^\[\]{}]+")
# Strings are blanked to "_" first, so a run of these characters can only be a number.
_NUMBER_CHARS = "[-+.0-9eE]"


class JSONTooComplex(ValueError):
    """The JSON nests too deeply or holds too long a number. A ValueError, so callers that
    already turn invalid JSON into a plain refusal handle it too."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


def check_bounds(text: str, *, max_depth: int, max_number_length: int) -> None:
    bare = _STRING.sub("_", text)
    # Whatever follows a quote that never closes is inside a string as far as the parser is
    # concerned (it stops there with a decode error), so it must not count as structure.
    bare = bare.partition('"')[0]
    brackets = _NOT_BRACKET.sub("", bare)
    # Closing brackets can only lower the depth, so fewer brackets than the limit is safe.
    if len(brackets) > max_depth:
        deepest = max(accumulate(1 if c in "[{" else -1 for c in brackets))
        if deepest > max_depth:
            raise JSONTooComplex(
                "json_too_deep", f"The JSON is nested more than {max_depth} levels deep."
            )
    if re.search(f"{_NUMBER_CHARS}{{{max_number_length + 1},}}", bare):
        raise JSONTooComplex(
            "json_number_too_long",
            f"The JSON holds a number longer than {max_number_length} characters.",
        )


def loads_bounded(
    data: str | bytes,
    *,
    max_depth: int = MAX_DEPTH,
    max_number_length: int = MAX_NUMBER_LENGTH,
) -> Any:
    """`json.loads(data)`, or JSONTooComplex before parsing; invalid JSON still raises
    json.JSONDecodeError (UnicodeDecodeError for bytes that are no Unicode at all)."""
    if isinstance(data, bytes | bytearray):
        # What json.loads itself does with bytes: UTF-8, -16 or -32, told apart by the start.
        data = bytes(data).decode(json.detect_encoding(data), "surrogatepass")
    check_bounds(data, max_depth=max_depth, max_number_length=max_number_length)
    return json.loads(data)
