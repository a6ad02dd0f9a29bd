"""The meeting-provider port: what FullCredit needs from Zoom, the simulated room or any other
webinar service, and nothing about how each one does it.

Events announce what happened to them (`events.signals`); the receivers in `meetings.receivers`
keep the provider in step. Attendance asks the event's provider for what it recorded
(`collect_attendance`) and imports it; it never names a provider. Adding a provider means one
adapter module and one line in `PROVIDERS`, both inside `meetings`.

A provider that works without network I/O says so with `registers_instantly`; the receivers then
call it inside the request instead of from a retried task.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import StrEnum
from typing import TYPE_CHECKING, Any, Protocol

from django.conf import settings
from django.utils.module_loading import import_string

if TYPE_CHECKING:
    from events.models import Event, Registration


class ProviderError(Exception):
    """The provider refused or could not be reached; `retryable` says whether to try again."""

    def __init__(self, message: str, *, retryable: bool = True) -> None:
        super().__init__(message)
        self.retryable = retryable


@dataclass(frozen=True)
class ProviderMeeting:
    meeting_id: str
    data: dict[str, Any]


@dataclass(frozen=True)
class ProviderRegistrant:
    registrant_id: str
    # The provider's absolute URL, or a path on this site (made absolute from SITE_URL when it
    # is shown, see Registration.join_link).
    join_url: str


class RowShape(StrEnum):
    """How the participant rows of a `CollectedAttendance` are written."""

    # Zoom's GET /report/webinars/{id}/participants rows.
    REPORT_API = "report_api"
    # The same fields, written by the simulated room: its `id` names a connection, not a person.
    SIMULATED_ROOM = "simulated_room"


@dataclass(frozen=True)
class CollectedAttendance:
    """What a provider recorded for an event, in a form the attendance parsers read: report
    files as the provider exports them, or participant rows in one of the `RowShape`s."""

    source: str  # for people: "Zoom's participant reports", "the simulated room"
    files: tuple[tuple[str, bytes], ...] = ()
    time_zone: str = "UTC"  # the zone the files' wall-clock times are written in
    rows: tuple[dict[str, Any], ...] = ()
    row_shape: RowShape | None = None


@dataclass(frozen=True)
class NotCollected:
    """Nothing to import now. `retry_at`: when to ask again. `alert_staff`: the provider has
    stopped trying, so staff must import the report by hand. Neither: nothing to collect."""

    reason: str
    retry_at: dt.datetime | None = None
    alert_staff: bool = False


@dataclass(frozen=True)
class ImportedCounts:
    """What the importer made of a collection, for the provider's own bookkeeping."""

    rows: int
    new_rows: int
    matched_people: int


@dataclass(frozen=True)
class StaffPanel:
    """What the staff attendance page shows about the provider: a heading, its status (a
    sentence or a template of the provider's own, given `context`), the button that collects
    now, and optionally a template of further details shown below it."""

    heading: str
    button: str
    text: str = ""
    status_template: str = ""
    details_template: str = ""
    context: dict[str, Any] = field(default_factory=dict)


class MeetingProvider(Protocol):
    name: str
    registers_instantly: bool

    def create_webinar(self, event: Event) -> ProviderMeeting: ...

    def update_webinar(self, event: Event) -> None: ...

    def cancel_webinar(self, event: Event) -> None: ...

    def register(self, registration: Registration) -> ProviderRegistrant: ...

    def cancel_registration(self, registration: Registration) -> None: ...

    def collect_attendance(self, event: Event) -> CollectedAttendance | NotCollected:
        """What the provider recorded for the ended event, or why there is nothing yet."""
        ...

    def attendance_imported(self, event: Event, counts: ImportedCounts) -> str:
        """The collection was imported; returns a sentence saying what arrived."""
        ...

    def attendance_not_imported(self, event: Event, reason: str) -> NotCollected:
        """The importer refused the collection (or met a concurrent import): when to retry."""
        ...

    def staff_panel(self, event: Event) -> StaffPanel | None: ...


PROVIDERS = {
    "simulated": "meetings.simulated.provider.SimulatedProvider",
    "zoom": "meetings.zoom.provider.ZoomProvider",
}


def get_provider(name: str | None = None) -> MeetingProvider:
    name = name or settings.MEETING_PROVIDER
    try:
        provider: MeetingProvider = import_string(PROVIDERS[name])()
    except KeyError:
        raise ProviderError(f"No meeting provider called {name!r}.", retryable=False) from None
    return provider


def provider_for(event: Event) -> MeetingProvider | None:
    """The provider the event runs on, or None for an event without one (its attendance is
    uploaded by hand)."""
    if not event.meeting_provider or event.meeting_provider not in PROVIDERS:
        return None
    return get_provider(event.meeting_provider)
