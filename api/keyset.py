"""Keyset positions for ordered querysets: "the rows after this one", not "skip N rows".

A page boundary is the last row's values of the ordering fields (with the primary key as the
final tie-breaker), so rows inserted or deleted before the boundary between two requests
neither repeat nor skip rows on the next page.

NULLs sort differently on SQLite (first when ascending) and PostgreSQL (last when ascending),
so a nullable field is ordered explicitly: NULLs last when ascending and first when
descending, as if NULL were the greatest value. The "after" condition assumes the same.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q, QuerySet
from django.db.models.expressions import OrderBy


@dataclass(frozen=True)
class Key:
    """One ordering field: its lookup path, direction, model field and whether it can be NULL."""

    path: str
    descending: bool
    field: models.Field[Any, Any]
    nullable: bool

    @property
    def spec(self) -> str:
        return f"-{self.path}" if self.descending else self.path


def _resolve(model: type[models.Model], path: str) -> tuple[models.Field[Any, Any], bool]:
    """The concrete field a lookup path ends at, and whether a NULL can reach it."""
    nullable = False
    field: models.Field[Any, Any] | None = None
    parts = path.split("__")
    for index, part in enumerate(parts):
        field = model._meta.pk if part == "pk" else model._meta.get_field(part)  # type: ignore[assignment]
        nullable = nullable or bool(getattr(field, "null", False))
        if index < len(parts) - 1:
            if not field.is_relation or field.related_model is None:
                raise ValueError(f"Cannot follow {part!r} in the ordering {path!r}.")
            model = field.related_model  # type: ignore[assignment]
    assert field is not None
    if field.is_relation:
        # Django would order by the related model's own ordering; name its column instead.
        raise ValueError(f"Order by a concrete field, not the relation {path!r}.")
    return field, nullable


def _ordering(qs: QuerySet[Any]) -> list[str | OrderBy]:
    if qs.query.order_by:
        return list(qs.query.order_by)
    if qs.query.default_ordering:
        return list(qs.model._meta.ordering)
    return []


def _parse(term: str | OrderBy) -> tuple[str, bool]:
    if isinstance(term, str):
        return term.removeprefix("-"), term.startswith("-")
    if isinstance(term, OrderBy) and isinstance(term.expression, F):
        return term.expression.name, term.descending
    raise ValueError(f"Cannot page by the ordering {term!r}; name a field.")


def keys_of(qs: QuerySet[Any]) -> list[Key]:
    """The queryset's ordering as keys, ending with the primary key."""
    model = qs.model
    keys: list[Key] = []
    for term in _ordering(qs):
        path, descending = _parse(term)
        if path == "?":
            raise ValueError("A random ordering has no position to continue from.")
        field, nullable = _resolve(model, path)
        keys.append(Key(path, descending, field, nullable))
    if not any(key.field == model._meta.pk and "__" not in key.path for key in keys):
        descending = keys[-1].descending if keys else False
        keys.append(Key("pk", descending, model._meta.pk, False))  # type: ignore[arg-type]
    return keys


def ordered(qs: QuerySet[Any], keys: list[Key]) -> QuerySet[Any]:
    """The queryset ordered exactly by `keys`, NULLs placed as the "after" condition expects."""
    terms: list[str | OrderBy] = []
    for key in keys:
        if not key.nullable:
            terms.append(key.spec)
        elif key.descending:
            terms.append(F(key.path).desc(nulls_first=True))
        else:
            terms.append(F(key.path).asc(nulls_last=True))
    return qs.order_by(*terms)


def signature(keys: list[Key]) -> str:
    """A short fingerprint of the ordering, so a cursor from another list is refused."""
    return hashlib.sha256(",".join(k.spec for k in keys).encode()).hexdigest()[:8]


def _value(row: Any, path: str) -> Any:
    value = row
    for part in path.split("__"):
        if value is None:
            return None
        value = getattr(value, part)
    return value


def values_of(row: Any, keys: list[Key]) -> list[Any]:
    """The row's values of the keys, as JSON-safe values (dates, times, decimals as text)."""
    out: list[Any] = []
    for key in keys:
        value = _value(row, key.path)
        if value is None or isinstance(value, bool | int | str):
            out.append(value)
        else:
            # isoformat keeps microseconds and the UTC offset; str(Decimal) keeps every digit.
            out.append(value.isoformat() if hasattr(value, "isoformat") else str(value))
    return out


def parse_values(raw: list[Any], keys: list[Key]) -> list[Any]:
    """Values read back from a cursor, checked by each field; ValueError when one is wrong."""
    if len(raw) != len(keys):
        raise ValueError("The cursor has the wrong number of values.")
    values: list[Any] = []
    for key, value in zip(keys, raw, strict=True):
        if value is None:
            if not key.nullable:
                raise ValueError(f"{key.path} cannot be empty.")
            values.append(None)
            continue
        if not isinstance(value, bool | int | str) or isinstance(value, bool) != isinstance(
            key.field, models.BooleanField
        ):
            raise ValueError(f"{key.path} has a value of the wrong kind.")
        try:
            values.append(key.field.to_python(value))
        except ValidationError as exc:
            raise ValueError(f"{key.path} has an invalid value.") from exc
    return values


def _equal(key: Key, value: Any) -> Q:
    return Q(**{f"{key.path}__isnull": True}) if value is None else Q(**{key.path: value})


def _beyond(key: Key, value: Any) -> Q | None:
    """Rows strictly after `value` on this key alone (None: no row can be)."""
    if value is None:
        # NULL is greatest: nothing follows it ascending; every non-NULL follows it descending.
        return Q(**{f"{key.path}__isnull": False}) if key.descending else None
    beyond = Q(**{f"{key.path}__{'lt' if key.descending else 'gt'}": value})
    if key.nullable and not key.descending:
        beyond |= Q(**{f"{key.path}__isnull": True})
    return beyond


def after(keys: list[Key], values: list[Any]) -> Q:
    """Rows after the position `values`: equal on the first i keys and beyond on key i."""
    condition = Q(pk__in=[])
    prefix = Q()
    for key, value in zip(keys, values, strict=True):
        beyond = _beyond(key, value)
        if beyond is not None:
            condition |= prefix & beyond
        prefix &= _equal(key, value)
    return condition
