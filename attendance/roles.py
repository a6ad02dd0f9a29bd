"""Whose rows count, whatever section Zoom put them in.

Zoom moves an attendee whom the host promotes to panelist (to ask a question aloud) into the
panelist section, rows already attended included. Those rows are still that registrant's
attendance. The event's presenters and hosts are different: they run the event rather than
attend it, so their rows count for them only when they also registered and staff chose to
credit presenters for this event.

A registrant is taken for a presenter or host when any of their rows is a host row, or when
their name is the name of one of the event's presenters.
"""

from __future__ import annotations

from collections.abc import Iterable

from attendance.matching import normalise_name
from attendance.parsing.types import ATTENDEE, HOST


def presenter_names(names: Iterable[str]) -> set[str]:
    return {key for name in names if (key := normalise_name(name))}


def is_presenter(registration_name: str, row_roles: Iterable[str], presenters: set[str]) -> bool:
    return HOST in set(row_roles) or normalise_name(registration_name) in presenters


def counts(role: str, *, presenter: bool, credit_presenters: bool) -> bool:
    """Whether a registrant's row of this role counts towards their attendance."""
    if role == ATTENDEE:
        return True
    return credit_presenters if presenter else True
