"""What every identity fix shares: a reason for the audit log, and putting a connection on a
registrant (who placed it, how and why)."""

from __future__ import annotations

from django.utils import timezone

from accounts.models import User
from attendance.errors import REASON_REQUIRED
from attendance.models import Connection
from events.models import Registration


def require_reason(reason: str) -> str:
    if not reason.strip():
        raise REASON_REQUIRED.error(field="reason")
    return reason.strip()


def place(
    connection: Connection,
    registration: Registration | None,
    *,
    method: str,
    note: str,
    actor: User | None,
) -> None:
    """Put `connection` on `registration` (None: back to the unplaced queue) and save it."""
    connection.registration = registration
    connection.match_method = method if registration is not None else ""
    connection.match_note = note
    connection.matched_at = timezone.now()
    connection.matched_by = actor
    connection.save()
