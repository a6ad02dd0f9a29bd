"""Types shared by the API's schemas."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Annotated

from pydantic import PlainSerializer, WithJsonSchema

from credit.hours import format_hours


def _iso(value: dt.datetime) -> str:
    # Stored times are aware (USE_TZ); isoformat keeps the offset ("+00:00") explicit.
    return value.isoformat()


Timestamp = Annotated[
    dt.datetime,
    PlainSerializer(_iso, return_type=str),
    WithJsonSchema({"type": "string", "format": "date-time"}),
]

# Hours travel as decimal strings ("1.25"): a float would round them.
Hours = Annotated[
    Decimal,
    PlainSerializer(format_hours, return_type=str),
    WithJsonSchema({"type": "string", "pattern": r"^\d+(\.\d+)?$", "examples": ["1.5"]}),
]
