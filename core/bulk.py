"""Inserting many rows quickly.

`QuerySet.bulk_create` prepares every value through the ORM's compiler and, on SQLite, sends at
most 999 parameters per statement: for tens of thousands of rows that costs seconds. Large
imports write through `executemany` instead, with each value adapted the way the field itself
would store it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from itertools import islice
from typing import Any

from django.db import connection, models


def _converter(field: models.Field) -> Callable[[Any], Any]:
    if isinstance(field, models.DateTimeField):
        return connection.ops.adapt_datetimefield_value
    if isinstance(field, models.DecimalField):
        return lambda value: connection.ops.adapt_decimalfield_value(
            value, field.max_digits, field.decimal_places
        )
    if isinstance(field, models.JSONField):
        return lambda value: field.get_db_prep_save(value, connection)
    return lambda value: value


def insert_rows(
    model: type[models.Model], rows: Iterable[dict[str, Any]], *, batch: int = 2000
) -> int:
    """Insert `rows` (dicts keyed by field attname, every non-primary-key field present)."""
    fields: Sequence[models.Field] = [f for f in model._meta.concrete_fields if not f.primary_key]
    quote = connection.ops.quote_name
    # Table and column names come from the model, quoted by the backend; values are parameters.
    sql = "INSERT INTO {} ({}) VALUES ({})".format(  # noqa: S608
        quote(model._meta.db_table),
        ", ".join(quote(f.column) for f in fields),
        ", ".join(["%s"] * len(fields)),
    )
    converters = [(f.attname, _converter(f)) for f in fields]
    count = 0
    iterator = iter(rows)
    with connection.cursor() as cursor:
        while chunk := list(islice(iterator, batch)):
            cursor.executemany(
                sql, [[convert(row[name]) for name, convert in converters] for row in chunk]
            )
            count += len(chunk)
    return count
