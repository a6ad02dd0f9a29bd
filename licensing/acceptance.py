"""Does an approval by body B count for license type L? The one answer every page gives.

The license card ("CE approvals your board accepts"), the events catalog and event page
("counts for my licenses"), the CE Tracker's assignment pages and the evaluation form all ask
this module, and the tracker's cycle report reads the same accepted list
(`licensing.requirements`), so no two places can disagree.

The board's list for the license type decides. The professions an event's approval names (what
the accreditor approved it for) do not: a board that accepts APA-approved programs for its
marriage and family therapists accepts them although APA approves CE for psychologists.
A license type with no researched list is *unknown*: the tracker counts its hours with a
warning instead of refusing them, because a refusal would state a rule nobody verified.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from licensing.models import ApprovalBody, LicenseType

__all__ = ["COUNTS", "REFUSED", "UNKNOWN", "BodyVerdict", "accepted_bodies", "verdict"]

COUNTS = "counts"
UNKNOWN = "unknown"
REFUSED = "refused"


@dataclass(frozen=True)
class BodyVerdict:
    license_type: LicenseType
    standing: str
    body: ApprovalBody | None
    offered: tuple[ApprovalBody, ...] = ()

    @property
    def counts(self) -> bool:
        """The board accepts the approval: the hours count."""
        return self.standing == COUNTS

    @property
    def recordable(self) -> bool:
        """The tracker counts the hours (with a warning when the board's list is unknown)."""
        return self.standing != REFUSED

    @property
    def reason(self) -> str:
        """The verdict in plain words, starting with the license ("NY LCSW: …")."""
        label = self.license_type.label
        if self.standing == COUNTS and self.body is not None:
            return f"{label}: approved by {self.body.label}, which your board accepts."
        if self.standing == UNKNOWN:
            return (
                f"{label}: the approval bodies your board accepts are not on file yet, so "
                "check with your board before relying on these hours."
            )
        board = self.license_type.board.name
        if not self.offered:
            return f"{label}: {board} accepts only approved CE, and no approval body is recorded."
        names = " or ".join(body.label for body in self.offered)
        return f"{label}: {board} does not accept {names} approval."


def accepted_bodies(license_type: LicenseType) -> list[ApprovalBody]:
    """The bodies whose approval the board accepts for this license type.

    Reads ``accepted_bodies.all()`` so a prefetch serves every call without a query.
    """
    return list(license_type.accepted_bodies.all())


def verdict(license_type: LicenseType, bodies: Iterable[ApprovalBody]) -> BodyVerdict:
    """Whether a credit approved by any of ``bodies`` counts for ``license_type``."""
    offered = tuple(sorted(set(bodies), key=lambda body: body.code))
    accepted = {body.pk for body in accepted_bodies(license_type)}
    if not accepted:
        return BodyVerdict(license_type, UNKNOWN, None, offered)
    for body in offered:
        if body.pk in accepted:
            return BodyVerdict(license_type, COUNTS, body, offered)
    return BodyVerdict(license_type, REFUSED, None, offered)
