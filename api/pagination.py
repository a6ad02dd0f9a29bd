"""Cursor pagination: `limit` and an opaque `cursor`; each page says its `next_cursor`.

The cursor encodes a position in the ordered results; it is opaque so the encoding can change
(to keyset positions, say) without breaking clients that only pass it back.
"""

from __future__ import annotations

import base64
import binascii
from collections.abc import Sequence
from typing import Any, Generic, TypeVar

from django.db.models import QuerySet
from ninja import Schema

from core.errors import DomainError

T = TypeVar("T")
DEFAULT_LIMIT = 50
MAX_LIMIT = 200


class Page(Schema, Generic[T]):
    items: list[T]
    next_cursor: str | None


def _encode(offset: int) -> str:
    return base64.urlsafe_b64encode(f"o:{offset}".encode()).decode().rstrip("=")


def _decode(cursor: str) -> int:
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode()
        kind, _, value = raw.partition(":")
        offset = int(value)
    except (binascii.Error, UnicodeDecodeError, ValueError):
        offset = -1
        kind = ""
    if kind != "o" or offset < 0:
        raise DomainError("cursor_invalid", "This cursor is not one we gave out.", field="cursor")
    return offset


def paginate(
    items: QuerySet[Any] | Sequence[Any], limit: int, cursor: str | None
) -> tuple[list[Any], str | None]:
    """One page of `items` (already in a stable order) and the cursor of the next page."""
    offset = _decode(cursor) if cursor else 0
    # One extra row says whether there is a next page without counting the whole set.
    window = list(items[offset : offset + limit + 1])
    next_cursor = _encode(offset + limit) if len(window) > limit else None
    return window[:limit], next_cursor
