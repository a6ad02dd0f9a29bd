"""Cursor pagination: `limit` and an opaque `cursor`; each page says its `next_cursor`.

A queryset is paged by keyset (api.keyset): the cursor holds the last row's ordering values, so
pages stay stable while rows are added or removed. A plain Python list (already computed and
small) is paged by offset. The cursor is versioned JSON in URL-safe base64; it is opaque, so
clients only pass it back.
"""

from __future__ import annotations

import base64
import binascii
import json
from collections.abc import Sequence
from typing import Any, Generic, TypeVar

from django.db.models import QuerySet
from ninja import Schema

from api import keyset
from api.codes import ApiCode
from core.errors import DomainError
from core.safejson import loads_bounded

T = TypeVar("T")
DEFAULT_LIMIT = 50
MAX_LIMIT = 200
KEYSET = "k1"
OFFSET = "o1"


class Page(Schema, Generic[T]):
    items: list[T]
    next_cursor: str | None


def _encode(payload: list[Any]) -> str:
    raw = json.dumps(payload, separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def _invalid() -> DomainError:
    return ApiCode.CURSOR_INVALID.error(field="cursor")


def _decode(cursor: str, version: str) -> list[Any]:
    """The cursor's fields after its version tag; cursor_invalid if it is not of that kind."""
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        payload = loads_bounded(raw.decode())
    except (binascii.Error, UnicodeDecodeError, ValueError) as exc:
        raise _invalid() from exc
    if not isinstance(payload, list) or not payload or payload[0] != version:
        raise _invalid()
    return payload[1:]


def _offset_page(
    items: Sequence[Any], limit: int, cursor: str | None
) -> tuple[list[Any], str | None]:
    offset = 0
    if cursor:
        fields = _decode(cursor, OFFSET)
        if len(fields) != 1 or type(fields[0]) is not int or fields[0] < 0:
            raise _invalid()
        offset = fields[0]
    window = list(items[offset : offset + limit + 1])
    next_cursor = _encode([OFFSET, offset + limit]) if len(window) > limit else None
    return window[:limit], next_cursor


def _keyset_page(qs: QuerySet[Any], limit: int, cursor: str | None) -> tuple[list[Any], str | None]:
    keys = keyset.keys_of(qs)
    qs = keyset.ordered(qs, keys)
    signature = keyset.signature(keys)
    if cursor:
        fields = _decode(cursor, KEYSET)
        if len(fields) != 2 or fields[0] != signature or not isinstance(fields[1], list):
            raise _invalid()
        try:
            values = keyset.parse_values(fields[1], keys)
        except ValueError as exc:
            raise _invalid() from exc
        qs = qs.filter(keyset.after(keys, values))
    # One extra row says whether there is a next page without counting the whole set.
    window = list(qs[: limit + 1])
    if len(window) <= limit:
        return window, None
    page = window[:limit]
    return page, _encode([KEYSET, signature, keyset.values_of(page[-1], keys)])


def paginate(
    items: QuerySet[Any] | Sequence[Any], limit: int, cursor: str | None
) -> tuple[list[Any], str | None]:
    """One page of `items` and the cursor of the next page (None on the last page)."""
    if isinstance(items, QuerySet):
        return _keyset_page(items, limit, cursor)
    return _offset_page(items, limit, cursor)
