"""What a person should do next, gathered from every app that knows of something.

Each app that can ask something of an attendee (join a live event, complete an evaluation,
download a certificate, assign hours, claim a dial-in) registers a source in its `ready()`;
`steps_for(user)` asks them all. The attendee home, My Events and the attendance receipt all
read the same list, so no page tells a different story.

The sources live in the apps that own the data, and this module sits at the bottom of the
layers, so a page in any app may show the steps without importing the apps above it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass
from enum import IntEnum
from typing import Any


class Urgency(IntEnum):
    """The order steps are listed in: what cannot wait first."""

    NOW = 0  # a live event to join
    DUE = 1  # something with a deadline (an evaluation)
    SOON = 2  # worth doing while it is fresh (a dial-in claim, a new certificate)
    ANYTIME = 3  # housekeeping (assigning hours, adding a license)


@dataclass(frozen=True)
class NextStep:
    """One thing a person can do now, in plain words, with the link that does it."""

    title: str
    action: str  # the link's text: "Join now", "Complete the evaluation"
    url: str
    urgency: Urgency
    detail: str = ""
    due: dt.datetime | None = None
    event_id: int | None = None


@dataclass(frozen=True)
class EventLink:
    """A lasting record of an event worth linking from the person's list of events (their
    certificate), as opposed to a step that is waiting for them."""

    event_id: int
    text: str
    url: str


StepSource = Callable[[Any], Iterable[NextStep]]
LinkSource = Callable[[Any, Collection[int]], Iterable[EventLink]]
_sources: dict[str, StepSource] = {}
_link_sources: dict[str, LinkSource] = {}


def register(name: str, source: StepSource) -> None:
    """Add (or replace, on a second `ready()`) the source called `name`."""
    _sources[name] = source


def register_links(name: str, source: LinkSource) -> None:
    """Add (or replace) the source called `name` of lasting links for a person's events."""
    _link_sources[name] = source


def _order(step: NextStep) -> tuple[int, dt.datetime, str]:
    latest = dt.datetime.max.replace(tzinfo=dt.UTC)
    return (step.urgency, step.due or latest, step.title)


def steps_for(user: Any, *, event_id: int | None = None) -> list[NextStep]:
    """Every step waiting for `user`, most urgent first; only those of one event if given."""
    if not getattr(user, "is_authenticated", False):
        return []
    steps = [step for source in _sources.values() for step in source(user)]
    if event_id is not None:
        steps = [step for step in steps if step.event_id == event_id]
    return sorted(steps, key=_order)


def by_event(steps: Iterable[NextStep]) -> dict[int, list[NextStep]]:
    """The steps that belong to an event, keyed by the event's id (for per-event lists)."""
    grouped: dict[int, list[NextStep]] = {}
    for step in steps:
        if step.event_id is not None:
            grouped.setdefault(step.event_id, []).append(step)
    return grouped


def links_for(user: Any, event_ids: Collection[int]) -> dict[int, list[EventLink]]:
    """The lasting links (certificates) of `user` for each of `event_ids`."""
    grouped: dict[int, list[EventLink]] = {}
    if not event_ids or not getattr(user, "is_authenticated", False):
        return grouped
    for source in _link_sources.values():
        for link in source(user, event_ids):
            grouped.setdefault(link.event_id, []).append(link)
    return grouped
