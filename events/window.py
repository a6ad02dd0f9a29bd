"""The sane range for an event's window, checked wherever a window is written: the staff form
and the API (through events.services.drafting.check_schedule) and the recorded real schedule.

The credit rules only say an event must end after it starts and hold an hour of instruction;
nothing stopped an event in 1970 (`"start": 0` in the API) or one spanning months, which
every later step (reminders, evaluation deadlines, the tracker's cycles) would take at its word.
A live webinar runs for hours; a multi-day conference is a set of sessions, each an event.
"""

from __future__ import annotations

import datetime as dt

from credit.schedule import ScheduleProblem, format_duration

EARLIEST_START = dt.datetime(2000, 1, 1, tzinfo=dt.UTC)
# Far enough for any real schedule, near enough that adding deadlines never leaves the calendar.
LATEST_START = dt.datetime(2100, 1, 1, tzinfo=dt.UTC)
LONGEST_EVENT = dt.timedelta(hours=24)


def _length(span: dt.timedelta) -> str:
    if span >= dt.timedelta(days=2):
        return f"{span.days} days"
    return format_duration(span.total_seconds())


def window_problems(start: dt.datetime, end: dt.datetime) -> list[ScheduleProblem]:
    """Every way the window leaves the sane range, each on the field to correct."""
    problems = []
    if start < EARLIEST_START:
        problems.append(
            ScheduleProblem(
                "event_start_too_early", "start", "An event can't start before January 1, 2000."
            )
        )
    elif start >= LATEST_START:
        problems.append(
            ScheduleProblem(
                "event_start_too_late", "start", "An event can't start after December 31, 2099."
            )
        )
    if end - start > LONGEST_EVENT:
        problems.append(
            ScheduleProblem(
                "event_too_long",
                "end",
                f"An event can last at most 24 hours; this one lasts {_length(end - start)}.",
            )
        )
    return problems
