"""An attendee's attendance receipt: what was decided and why, in words and as a timeline.

The receipt reads a stored decision; it never decides again. The window and breaks drawn are
the decision's own inputs, so the picture always matches the outcome it explains, even if staff
record the real schedule later (which writes a new decision and so a new receipt).

`build_receipt` is pure (objects in, plain data out); `receipt_for` loads what it needs.
"""

from __future__ import annotations

import datetime as dt
import zoneinfo
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.utils.dateformat import format as date_format

from attendance.models import ActualSchedule, Connection, Decision, PhoneClaim
from attendance.services.deciding import POSSIBLE_SHARED, UNMATCHED_DIAL_IN
from attendance.timeline import ConnectionLine, MissedSpan, Timeline, build_timeline
from attendance.timetext import clock, span_text
from credit.eligibility import GAP, JOINED_LATE, LEFT_EARLY, NO_CONNECTION, OUTSIDE_WINDOW
from credit.intervals import Interval
from credit.review import ATTENDED_ALONE, MARKED_NOT_ELIGIBLE
from credit.schedule import format_duration
from events.models import Event, Registration, format_hours

REASON_SENTENCES = {
    JOINED_LATE: "You joined after the teaching time had started.",
    LEFT_EARLY: "You left before the teaching time ended.",
    GAP: "You were disconnected for part of the teaching time.",
    NO_CONNECTION: "We found no connection of yours in the attendance report.",
    OUTSIDE_WINDOW: "None of your connection time falls within the event's teaching time.",
    POSSIBLE_SHARED: (
        "Your connections look shared with someone else (another name at the same time, or "
        "another registrant's name). Each person must attend under their own account, so "
        "staff check this by hand."
    ),
    UNMATCHED_DIAL_IN: (
        "You told us you joined by phone, and staff still need to match your call."
    ),
    MARKED_NOT_ELIGIBLE: "Staff reviewed your attendance and decided it cannot be credited.",
}


# The same reasons in a few words, for staff tables (the codes stay in the data and the API).
STAFF_REASON_LABELS = {
    JOINED_LATE: "Joined late",
    LEFT_EARLY: "Left early",
    GAP: "Disconnected during teaching time",
    NO_CONNECTION: "No connection found",
    OUTSIDE_WINDOW: "No time within the teaching window",
    POSSIBLE_SHARED: "Connection may be shared",
    UNMATCHED_DIAL_IN: "Dial-in call not matched yet",
    ATTENDED_ALONE: "Staff confirmed: attended alone",
    MARKED_NOT_ELIGIBLE: "Staff marked not eligible",
}


def staff_reason_label(code: str) -> str:
    return STAFF_REASON_LABELS.get(code, code.replace("_", " ").capitalize())


def reason_sentence(code: str) -> str:
    return REASON_SENTENCES.get(code, f"Flagged for review ({code.replace('_', ' ')}).")


def hours_text(hours: Decimal) -> str:
    return f"{format_hours(hours)} CE hour{'' if hours == 1 else 's'}"


def review_text(inputs: dict[str, Any], zone: zoneinfo.ZoneInfo) -> str:
    """How staff closed the review this decision was taken with, in words ("" if none)."""
    stored = inputs.get("review")
    if not stored:
        return ""
    day = date_format(dt.datetime.fromisoformat(stored["at"]).astimezone(zone), "M j, Y")
    reason = stored["reason"]
    if stored["kind"] == ATTENDED_ALONE:
        return (
            f"On {day} staff reviewed the connections that looked shared and confirmed they "
            "were yours alone; your time then counted as everyone's does: only the time you "
            f"were connected. Their note: “{reason}”"
        )
    return (
        f"On {day} staff reviewed your attendance and decided it cannot be credited. "
        f"Their note: “{reason}”"
    )


@dataclass(frozen=True)
class Receipt:
    decision: Decision
    outcome: str
    headline: str
    attended: str
    required: str
    tolerance: str  # "" when the provider allows no shortfall
    hours: str
    window: str
    window_basis: str
    breaks: list[str]
    reasons: list[str]
    missed: list[MissedSpan]
    connections: list[ConnectionLine]
    timeline: Timeline
    review: str = ""  # how staff closed a review, in words

    @property
    def eligible(self) -> bool:
        return self.outcome == Decision.ELIGIBLE

    @property
    def not_eligible(self) -> bool:
        return self.outcome == Decision.NOT_ELIGIBLE

    @property
    def under_review(self) -> bool:
        return self.outcome == Decision.NEEDS_REVIEW

    @property
    def missed_total(self) -> str:
        return format_duration(sum(m.seconds for m in self.missed))


# --- the words ----------------------------------------------------------------------------


def _connection_line(
    connection: Connection, counted_ids: set[int], zone: zoneinfo.ZoneInfo
) -> ConnectionLine:
    join, leave = connection.join.astimezone(zone), connection.leave.astimezone(zone)
    if connection.is_phone:
        device = (
            f"Phone call from a number ending in {connection.phone_last4}"
            if connection.phone_last4
            else "Phone call"
        )
    else:
        device = connection.name or "Unnamed connection"
    if connection.in_waiting_room:
        note = "waiting room: not counted"
    elif connection.role != "attendee":
        note = f"{connection.role}: not counted"
    elif connection.pk not in counted_ids:
        note = "matched after this decision"
    else:
        note = ""
    return ConnectionLine(
        connection=connection,
        joined=f"{clock(join, zone)} {join.tzname()}",
        left=f"{clock(leave, zone)} {leave.tzname()}",
        duration=format_duration((connection.leave - connection.join).total_seconds()),
        device=device,
        how=connection.get_match_method_display() or "Not matched",
        counted=not note,
        note=note,
    )


def _headline(
    decision: Decision, hours: str, missed: Sequence[MissedSpan], claim_digits: Iterable[str]
) -> str:
    reasons = list(decision.reasons)
    if decision.outcome == Decision.ELIGIBLE:
        if not missed:
            return f"You attended the entire event: {hours}."
        total = format_duration(sum(m.seconds for m in missed))
        allowed = format_duration(decision.tolerance_seconds)
        return f"You earned {hours}: you missed {total}, within the {allowed} the provider allows."
    if decision.outcome == Decision.NEEDS_REVIEW:
        if UNMATCHED_DIAL_IN in reasons:
            digits = ", ".join(sorted(set(claim_digits)))
            ending = f" (ending in {digits})" if digits else ""
            return f"Under review: staff are matching the phone call you told us about{ending}."
        if POSSIBLE_SHARED in reasons:
            return (
                "Under review: staff are checking connections that look shared with someone else."
            )
        return "Under review: staff are checking your attendance."
    if MARKED_NOT_ELIGIBLE in reasons:
        return "Not eligible: staff reviewed your attendance and decided it cannot be credited."
    if NO_CONNECTION in reasons:
        return "Not eligible: we found no connection of yours in the attendance report."
    if OUTSIDE_WINDOW in reasons:
        return "Not eligible: none of your connection time falls within the teaching time."
    if len(missed) == 1:
        return f"Not eligible: you were not connected {missed[0].text}."
    total = format_duration(sum(m.seconds for m in missed))
    return (
        f"Not eligible: you were not connected for {total} of the teaching time, "
        f"in {len(missed)} periods (listed below)."
    )


def build_receipt(
    decision: Decision,
    connections: Sequence[Connection],
    *,
    zone: zoneinfo.ZoneInfo,
    advertised_hours: Decimal,
    break_labels: dict[tuple[dt.datetime, dt.datetime], str] | None = None,
    claim_digits: Iterable[str] = (),
) -> Receipt:
    """The receipt of one decision. `connections` are the registrant's connections now."""
    inputs = decision.inputs
    window = Interval(
        dt.datetime.fromisoformat(inputs["window"][0]),
        dt.datetime.fromisoformat(inputs["window"][1]),
    )
    labels = break_labels or {}
    breaks = []
    for start, end in inputs.get("breaks", []):
        interval = Interval(dt.datetime.fromisoformat(start), dt.datetime.fromisoformat(end))
        breaks.append((interval, labels.get((interval.start, interval.end)) or "Break"))
    counted_ids = {c["id"] for c in inputs.get("connections", [])}
    lines = [
        _connection_line(c, counted_ids, zone) for c in sorted(connections, key=lambda c: c.join)
    ]
    missed = []
    for gap in decision.missed:
        start, end = dt.datetime.fromisoformat(gap["start"]), dt.datetime.fromisoformat(gap["end"])
        seconds = (end - start).total_seconds()
        missed.append(
            MissedSpan(
                start=start,
                end=end,
                seconds=seconds,
                text=f"{span_text(start, end, zone)} ({format_duration(seconds)})",
            )
        )
    hours = hours_text(
        decision.credited_hours if decision.outcome == Decision.ELIGIBLE else advertised_hours
    )
    return Receipt(
        decision=decision,
        outcome=decision.outcome,
        headline=_headline(decision, hours, missed, claim_digits),
        attended=format_duration(decision.attended_seconds),
        required=format_duration(decision.required_seconds),
        tolerance=format_duration(decision.tolerance_seconds) if decision.tolerance_seconds else "",
        hours=hours,
        window=span_text(window.start, window.end, zone),
        window_basis=inputs.get("window_basis", "scheduled"),
        breaks=[f"{label} {span_text(i.start, i.end, zone)}" for i, label in breaks],
        reasons=[reason_sentence(code) for code in decision.reasons],
        missed=missed,
        connections=lines,
        timeline=build_timeline(window, breaks, lines, missed, zone),
        review=review_text(inputs, zone),
    )


def break_labels(event: Event) -> dict[tuple[dt.datetime, dt.datetime], str]:
    """Names of the event's breaks (scheduled, and recorded actual ones) by their span."""
    labels = {(b.start, b.end): b.label for b in event.breaks.all()}
    actual = ActualSchedule.objects.filter(event=event).first()
    if actual is not None:
        for start, end, label in actual.breaks:
            key = (dt.datetime.fromisoformat(start), dt.datetime.fromisoformat(end))
            labels[key] = label
    return labels


def current_decision(registration: Registration) -> Decision | None:
    return Decision.objects.filter(registration=registration, is_current=True).first()


def receipt_for(
    registration: Registration, zone: zoneinfo.ZoneInfo, decision: Decision | None = None
) -> Receipt | None:
    """The receipt of the current decision (or the one given); None before any is made."""
    decision = decision or current_decision(registration)
    if decision is None:
        return None
    pending = PhoneClaim.objects.filter(registration=registration, resolved=False)
    return build_receipt(
        decision,
        list(Connection.objects.filter(registration=registration)),
        zone=zone,
        advertised_hours=registration.event.advertised_hours,
        break_labels=break_labels(registration.event),
        claim_digits=pending.values_list("last4", flat=True),
    )
