"""The receipt's timeline: the window, breaks, connections (second devices stacked in lanes)
and missed time as shapes of one SVG, with a text description for screen readers.

Pure: plain data in, shapes out.
"""

from __future__ import annotations

import datetime as dt
import zoneinfo
from collections.abc import Sequence
from dataclasses import dataclass

from django.utils.dateformat import format as date_format

from attendance.models import Connection
from attendance.timetext import span_text
from credit.intervals import Interval


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
