"""Building RawConnections quickly: a report can have tens of thousands of rows.

`RawConnection` is a frozen dataclass, whose generated `__init__` sets every one of its 17
fields through `object.__setattr__`; on a 40,000-row report that alone took a quarter of a
second, a fifth of the whole parse. A frozen dataclass only guards attribute assignment, so
filling the new instance's `__dict__` builds the same object about four times faster. The test
suite checks that the result equals the dataclass's own constructor field for field.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import inspect

from attendance.parsing.types import ATTENDEE, RawConnection

FIELDS = tuple(f.name for f in dataclasses.fields(RawConnection))
_new = object.__new__


def new_connection(
    *,
    source: str,
    line: int,
    name: str,
    original_name: str,
    email: str,
    join: dt.datetime,
    leave: dt.datetime,
    registrant_id: str = "",
    participant_id: str = "",
    role: str = ATTENDEE,
    in_waiting_room: bool = False,
    breakout_room: str = "",
    failover: bool = False,
    phone_digits: str = "",
    is_phone: bool = False,
    is_guest: bool | None = None,
    extra: dict[str, str],
) -> RawConnection:
    values = {
        "source": source,
        "line": line,
        "name": name,
        "original_name": original_name,
        "email": email,
        "join": join,
        "leave": leave,
        "registrant_id": registrant_id,
        "participant_id": participant_id,
        "role": role,
        "in_waiting_room": in_waiting_room,
        "breakout_room": breakout_room,
        "failover": failover,
        "phone_digits": phone_digits,
        "is_phone": is_phone,
        "is_guest": is_guest,
        "extra": extra,
    }
    if not _FAST:
        return RawConnection(**values)
    row = _new(RawConnection)
    row.__dict__.update(values)
    return row


# The shortcut is only safe while it sets exactly the dataclass's fields on an instance with a
# __dict__; if RawConnection gains a field or __slots__, fall back to its constructor.
_FAST = "__dict__" in dir(_new(RawConnection)) and set(
    inspect.signature(new_connection).parameters
) == set(FIELDS)
