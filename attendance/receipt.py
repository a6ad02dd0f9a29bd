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

from django.utils.dateformat import format as date_format

from attendance.models import ActualSchedule, Connection, Decision, PhoneClaim
from attendance.services.deciding import POSSIBLE_SHARED, UNMATCHED_DIAL_IN
from credit.eligibility import GAP, JOINED_LATE, LEFT_EARLY, NO_CONNECTION, OUTSIDE_WINDOW
from credit.intervals import Interval
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
}


def reason_sentence(code: str) -> str:
    return REASON_SENTENCES.get(code, f"Flagged for review ({code.replace('_', ' ')}).")


def clock(moment: dt.datetime, zone: zoneinfo.ZoneInfo) -> str:
    """A clock time to the second, without the zone: "10:31:05 AM"."""
    return date_format(moment.astimezone(zone), "g:i:s A")


def span_text(start: dt.datetime, end: dt.datetime, zone: zoneinfo.ZoneInfo) -> str:
    """ "10:31:05 AM–10:33:40 AM PST"; both abbreviations when the clocks change in between."""
    first, last = start.astimezone(zone), end.astimezone(zone)
    if first.tzname() == last.tzname():
        return f"{clock(first, zone)}–{clock(last, zone)} {first.tzname()}"
    return f"{clock(first, zone)} {first.tzname()}–{clock(last, zone)} {last.tzname()}"


def claim_message(claim: PhoneClaim, zone: zoneinfo.ZoneInfo) -> str:
    """What the attendee is told about their dial-in claim (the receipt page and the API)."""
    if claim.result == PhoneClaim.MATCHED and claim.connection is not None:
        connected = span_text(claim.connection.join, claim.connection.leave, zone)
        return (
            f"Thank you: your call from the number ending in {claim.last4} (connected "
            f"{connected}) is matched to you. Your receipt below is up to date."
        )
    if claim.result == PhoneClaim.AMBIGUOUS:
        return (
            f"More than one call ends in {claim.last4}, so staff will match yours by hand. "
            "This page updates when they have; you don't need to do anything else."
        )
    return (
        f"We have no unmatched call ending in {claim.last4} yet (the report may not be in). "
        "Staff will look for it; this page updates when it is matched."
    )


def hours_text(hours: Decimal) -> str:
    return f"{format_hours(hours)} CE hour{'' if hours == 1 else 's'}"


@dataclass(frozen=True)
class MissedSpan:
    start: dt.datetime
    end: dt.datetime
    seconds: float
    text: str  # "10:31:05 AM–10:33:40 AM PST (2 min 35 s)"


@dataclass(frozen=True)
class ConnectionLine:
    connection: Connection
    joined: str
    left: str
    duration: str
    device: str
    how: str
    counted: bool
    note: str


@dataclass(frozen=True)
class Shape:
    """One rectangle of the timeline, in the SVG's user units."""

    x: float
    y: float
    width: float
    height: float
    css: str
    title: str
    label: str = ""  # drawn above the shape when there is room

    @property
    def center(self) -> float:
        return round(self.x + self.width / 2, 2)


@dataclass(frozen=True)
class Tick:
    x: float
    label: str
    edge: bool = False  # the start or end of the window rather than a round time


@dataclass(frozen=True)
class Timeline:
    width: int
    height: int
    plot_top: float
    axis_y: float
    left: float
    right: float
    breaks: list[Shape]
    bars: list[Shape]
    missed: list[Shape]
    ticks: list[Tick]
    description: str
    zone_label: str

    @property
    def plot_width(self) -> float:
        return self.right - self.left

    @property
    def plot_height(self) -> float:
        return self.axis_y - self.plot_top

    @property
    def tick_top(self) -> float:
        return self.axis_y + 5

    @property
    def tick_label_y(self) -> float:
        return self.axis_y + 19

    @property
    def break_label_y(self) -> float:
        return self.plot_top - 7


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


# --- the timeline -------------------------------------------------------------------------

WIDTH = 1000
LEFT, RIGHT = 48.0, 952.0  # room for the first and last tick labels
LABEL_ROW = 22.0  # break labels
LANE = 30.0
BAR = 20.0
AXIS_GAP = 8.0
TICK_ROOM = 26.0
MAX_LANES = 6  # more overlapping devices than this share the last lane
TICK_STEPS_MINUTES = [5, 10, 15, 30, 60, 120, 180, 240, 360, 720]
MAX_TICKS = 9
MIN_LABEL_UNITS = 70.0  # keep tick labels from running into each other
MIN_BREAK_LABEL_UNITS = 48.0


def _lanes(spans: Sequence[tuple[dt.datetime, dt.datetime]]) -> list[int]:
    """A lane per span such that spans in one lane don't overlap (second devices stack)."""
    ends: list[dt.datetime] = []
    lanes = []
    for start, end in spans:
        for index, lane_end in enumerate(ends):
            if start >= lane_end:
                ends[index] = end
                lanes.append(index)
                break
        else:
            if len(ends) < MAX_LANES:
                ends.append(end)
                lanes.append(len(ends) - 1)
            else:
                ends[-1] = max(ends[-1], end)
                lanes.append(len(ends) - 1)
    return lanes


def _tick_moments(window: Interval, zone: zoneinfo.ZoneInfo) -> list[dt.datetime]:
    """Round wall-clock times in the viewer's zone (every 15 min, 30 min, hour, …)."""
    minutes = window.seconds / 60
    step = next((s for s in TICK_STEPS_MINUTES if minutes / s <= MAX_TICKS), TICK_STEPS_MINUTES[-1])
    local = window.start.astimezone(zone)
    midnight = local.replace(hour=0, minute=0, second=0, microsecond=0)
    since = (local - midnight).total_seconds() / 60
    first_offset = -(-since // step) * step  # the next multiple of the step, or now
    moment = (midnight + dt.timedelta(minutes=first_offset)).astimezone(dt.UTC)
    moments = []
    while moment <= window.end:
        moments.append(moment)
        moment += dt.timedelta(minutes=step)
    return moments


def build_timeline(
    window: Interval,
    breaks: Sequence[tuple[Interval, str]],
    lines: Sequence[ConnectionLine],
    missed: Sequence[MissedSpan],
    zone: zoneinfo.ZoneInfo,
) -> Timeline:
    span = window.seconds

    def x(moment: dt.datetime) -> float:
        share = (moment - window.start).total_seconds() / span
        return round(LEFT + (RIGHT - LEFT) * min(max(share, 0.0), 1.0), 2)

    def width(start: dt.datetime, end: dt.datetime) -> float:
        # A few seconds still get a visible sliver.
        return round(max(x(end) - x(start), 1.5), 2)

    visible = [
        line
        for line in lines
        if line.connection.leave > window.start and line.connection.join < window.end
    ]
    lanes = _lanes([(line.connection.join, line.connection.leave) for line in visible])
    lane_count = max(lanes, default=0) + 1
    plot_top = LABEL_ROW
    axis_y = plot_top + lane_count * LANE + AXIS_GAP
    bars = [
        Shape(
            x=x(line.connection.join),
            y=plot_top + lane * LANE + (LANE - BAR) / 2,
            width=width(line.connection.join, line.connection.leave),
            height=BAR,
            css="tl-bar" if line.counted else "tl-bar tl-bar-uncounted",
            title=f"{line.device}: {line.joined}–{line.left}"
            + ("" if line.counted else f" ({line.note})"),
        )
        for line, lane in zip(visible, lanes, strict=True)
    ]
    break_shapes = [
        Shape(
            x=x(interval.start),
            y=plot_top,
            width=width(interval.start, interval.end),
            height=axis_y - plot_top,
            css="tl-break",
            title=f"{label}: {span_text(interval.start, interval.end, zone)} (not counted)",
            # A label wider than its break would run into its neighbours; the title and the
            # description still name it.
            label=label if width(interval.start, interval.end) >= MIN_BREAK_LABEL_UNITS else "",
        )
        for interval, label in breaks
    ]
    missed_shapes = [
        Shape(
            x=x(gap.start),
            y=plot_top,
            width=width(gap.start, gap.end),
            height=axis_y - plot_top,
            css="tl-missed",
            title=f"Not connected: {gap.text}",
        )
        for gap in missed
    ]

    def label(moment: dt.datetime) -> str:
        return date_format(moment.astimezone(zone), "g:i A")

    # The window's own start and end are always labelled; round times fill in between where
    # they don't crowd them.
    ticks = [Tick(x=LEFT, label=label(window.start), edge=True)]
    for moment in _tick_moments(window, zone):
        position = x(moment)
        if position - ticks[-1].x < MIN_LABEL_UNITS or RIGHT - position < MIN_LABEL_UNITS:
            continue
        ticks.append(Tick(x=position, label=label(moment)))
    ticks.append(Tick(x=RIGHT, label=label(window.end), edge=True))
    local_start = window.start.astimezone(zone)
    description = _description(window, breaks, lines, missed, zone)
    return Timeline(
        width=WIDTH,
        height=int(axis_y + TICK_ROOM),
        plot_top=plot_top,
        axis_y=axis_y,
        left=LEFT,
        right=RIGHT,
        breaks=break_shapes,
        bars=bars,
        missed=missed_shapes,
        ticks=ticks,
        description=description,
        zone_label=f"{local_start.tzname()} ({zone.key})",
    )


def _description(
    window: Interval,
    breaks: Sequence[tuple[Interval, str]],
    lines: Sequence[ConnectionLine],
    missed: Sequence[MissedSpan],
    zone: zoneinfo.ZoneInfo,
) -> str:
    parts = [f"Event {span_text(window.start, window.end, zone)}."]
    if breaks:
        parts.append(
            "Breaks, not counted: "
            + "; ".join(f"{label} {span_text(i.start, i.end, zone)}" for i, label in breaks)
            + "."
        )
    if lines:
        parts.append(
            "Your connections: "
            + "; ".join(
                f"{line.joined}–{line.left}" + ("" if line.counted else f" ({line.note})")
                for line in lines
            )
            + "."
        )
    else:
        parts.append("No connections.")
    if missed:
        parts.append("Not connected: " + "; ".join(gap.text for gap in missed) + ".")
    return " ".join(parts)


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
