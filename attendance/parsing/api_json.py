"""Zoom's report API participants (reference §1.2, §1.7) and the simulated room's rows.

A file may hold one page object `{"participants": [...], "next_page_token": ...}`, a JSON array
of such pages, or a bare array of participant objects (what the simulated room produces). Times
are UTC ISO-8601 with a "Z", with or without milliseconds, so no zone is needed.

`duration` is never read: credit is the union of the join-to-leave intervals (credit rule 3).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from attendance.parsing import codes
from attendance.parsing.connection import new_connection
from attendance.parsing.csv_rows import far_from_event
from attendance.parsing.phones import NOT_PHONE, dial_in
from attendance.parsing.refusals import PAST_PARTICIPANTS_MESSAGE
from attendance.parsing.text import clean, email
from attendance.parsing.types import (
    REPORT_API_JSON,
    SIMULATED,
    ParsedReport,
    RawConnection,
    ReportError,
)

# Keys only a participant row has (a page has "participants"; a detail report has neither).
_ROW_KEYS = frozenset({"join_time", "leave_time", "user_email", "registrant_id", "user_id"})
# The participant lists of /past_meetings and /past_webinars name people but carry no times.
_TIME_KEYS = frozenset({"join_time", "leave_time"})


def participant_rows(data: Any, source: str) -> tuple[list[Any], bool]:
    """All participant rows of a parsed JSON file, and whether Zoom said more pages follow."""
    rows, more = _participant_rows(data, source)
    if rows and not any(isinstance(row, dict) and _TIME_KEYS & row.keys() for row in rows):
        raise ReportError(codes.PAST_PARTICIPANTS_JSON, PAST_PARTICIPANTS_MESSAGE, source=source)
    return rows, more


def _participant_rows(data: Any, source: str) -> tuple[list[Any], bool]:
    if isinstance(data, dict):
        if isinstance(data.get("participants"), list):
            return list(data["participants"]), bool(data.get("next_page_token"))
        raise _not_participants(data, source)
    if isinstance(data, list):
        if all(isinstance(item, dict) and "participants" in item for item in data) and data:
            rows: list[Any] = []
            for page in data:
                if not isinstance(page["participants"], list):
                    raise _not_participants(page, source)
                rows.extend(page["participants"])
            return rows, bool(data[-1].get("next_page_token"))
        if all(isinstance(item, dict) and _ROW_KEYS & item.keys() for item in data):
            return data, False
    raise _not_participants(data, source)


def _not_participants(data: Any, source: str) -> ReportError:
    if isinstance(data, dict) and "participants_count" in data:
        hint = (
            "This is Zoom's meeting or webinar detail report (a summary with no connection rows); "
            "import the participants report (/report/webinars/{id}/participants or "
            "/report/meetings/{id}/participants) instead."
        )
    else:
        hint = (
            "FullCredit reads the participants report of Zoom's API: a page object with a "
            '"participants" list, a list of such pages, or a list of participant rows.'
        )
    return ReportError(
        codes.UNKNOWN_FORMAT,
        f"this JSON file is not a Zoom participants report. {hint}",
        source=source,
    )


def parse_rows(
    rows: list[dict[str, Any]],
    *,
    source: str,
    format: str = REPORT_API_JSON,
    event_date: dt.date | None = None,
) -> ParsedReport:
    """Participant rows in the report API's shape, e.g. the simulated room's (format=SIMULATED).

    `line` is each row's 1-based position. The simulated room gives every connection its own
    `id`, so for it that id is not a person's and is not kept as participant_id.
    """
    times: dict[str, dt.datetime] = {}
    connections: list[RawConnection] = []
    simulated = format == SIMULATED
    for line, row in enumerate(rows, 1):
        if not isinstance(row, dict):
            raise ReportError(
                codes.MALFORMED_JSON,
                "this entry is not a participant object.",
                line=line,
                source=source,
            )
        get = row.get
        # Values are nearly always strings; _text is the slow path for anything else.
        raw = get("join_time")
        join = times.get(raw) if raw.__class__ is str else None
        if join is None:
            join = _time(row, "join_time", line, source, times)
        raw = get("leave_time")
        leave = times.get(raw) if raw.__class__ is str else None
        if leave is None:
            leave = _time(row, "leave_time", line, source, times)
        if join > leave:
            raise ReportError(
                codes.JOIN_AFTER_LEAVE,
                f"the join_time {row['join_time']!r} is after the leave_time "
                f"{row['leave_time']!r}.",
                line=line,
                source=source,
            )
        name = get("name")
        name = clean(name if name.__class__ is str else _text(name))
        address = get("user_email")
        address = email(address if address.__class__ is str else _text(address))
        participant_id = _text(get("participant_user_id")).strip()
        if not participant_id and not simulated:
            participant_id = _text(get("id")).strip()
        extra = {}
        user_id = get("user_id")
        if user_id:
            extra["user_id"] = _text(user_id).strip()
        customer_key = get("customer_key")
        if customer_key:
            extra["customer_key"] = _text(customer_key).strip()
        phone = NOT_PHONE if address else dial_in(name)
        if phone.masked:
            extra["phone_masked"] = "yes"
        connections.append(
            new_connection(
                source=source,
                line=line,
                name=name,
                original_name="",
                email=address,
                join=join,
                leave=leave,
                registrant_id=_text(get("registrant_id")).strip(),
                participant_id=participant_id,
                in_waiting_room=_text(get("status")).strip().lower() == "in_waiting_room",
                breakout_room=_text(get("bo_mtg_id")).strip(),
                failover=_flag(get("failover")),
                phone_digits=phone.digits,
                is_phone=phone.is_phone,
                extra=extra,
            )
        )
    warnings = []
    if not connections:
        warnings.append("Nobody joined according to this report: it has no participant rows.")
    if event_date is not None:
        far = far_from_event({c.join.date() for c in connections}, event_date)
        if far:
            warnings.append(far)
    return ParsedReport(format=format, rows=connections, warnings=warnings)


def _text(value: Any) -> str:
    if value.__class__ is str:
        return value
    if value is None or isinstance(value, (dict, list)):
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return value if isinstance(value, str) else str(value)


def _flag(value: Any) -> bool:
    if value is False or value is True:
        return value
    if isinstance(value, str):
        return value.strip().lower() in {"true", "1", "yes"}
    return bool(value)


def _time(
    row: dict[str, Any], key: str, line: int, source: str, cache: dict[str, dt.datetime]
) -> dt.datetime:
    value = row.get(key)
    if value is None or value == "":
        raise ReportError(codes.MISSING_TIME, f"the row has no {key}.", line=line, source=source)
    if isinstance(value, str):
        found = cache.get(value)
        if found is not None:
            return found
        try:
            parsed = dt.datetime.fromisoformat(value.strip())
        except ValueError:
            pass
        else:
            if parsed.tzinfo is None:
                raise ReportError(
                    codes.BAD_DATE,
                    f"the {key} {value!r} has no time zone; Zoom's API writes UTC times "
                    "ending in Z.",
                    line=line,
                    source=source,
                )
            found = cache[value] = parsed.astimezone(dt.UTC)
            return found
    raise ReportError(
        codes.BAD_DATE,
        f"the {key} {value!r} is not a date FullCredit recognises.",
        line=line,
        source=source,
    )
