"""The meeting-provider interface: what FullCredit needs from Zoom (or the simulated room).

Events call these when they are published, changed or cancelled, and registrations when a
person registers or cancels. A provider that works without network I/O says so with
`registers_instantly`; the services then call it inside the request instead of in a task.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

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
    data: dict


@dataclass(frozen=True)
class ProviderRegistrant:
    registrant_id: str
    join_url: str


class MeetingProvider(Protocol):
    name: str
    registers_instantly: bool

    def create_webinar(self, event: Event) -> ProviderMeeting: ...

    def update_webinar(self, event: Event) -> None: ...

    def cancel_webinar(self, event: Event) -> None: ...

    def register(self, registration: Registration) -> ProviderRegistrant: ...

    def cancel_registration(self, registration: Registration) -> None: ...


PROVIDERS = {
    "simulated": "meetings.simulated.provider.SimulatedProvider",
    "zoom": "meetings.zoom.provider.ZoomProvider",
}


def get_provider(name: str | None = None) -> MeetingProvider:
    name = name or settings.MEETING_PROVIDER
    try:
        return import_string(PROVIDERS[name])()
    except KeyError:
        raise ProviderError(f"No meeting provider called {name!r}.", retryable=False) from None
