"""Does an event count for a license? One answer for listings, the event page and filters.

An event counts for a license when it holds an approval from a body that the license's board
accepts; `licensing.acceptance.verdict` decides, the same function the license card, the CE
Tracker and the evaluation form use.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Exists, OuterRef, Q, QuerySet

from events.models import Event, EventApproval
from licensing.acceptance import UNKNOWN, BodyVerdict, accepted_bodies, verdict
from licensing.models import UserLicense


@dataclass(frozen=True)
class LicenseFit:
    license: UserLicense
    counts: bool
    approval: EventApproval | None
    explanation: str
    standing: str = ""


def event_verdict(event: Event, license: UserLicense) -> BodyVerdict:
    """Uses the event's prefetched approvals: no queries per event."""
    approved = [a.body for a in event.approvals.all() if a.approved]
    return verdict(license.license_type, approved)


def fit(event: Event, license: UserLicense) -> LicenseFit:
    """Uses the event's prefetched approvals and the license type's prefetched accepted
    bodies: no queries per event."""
    label = license.license_type.label
    answer = event_verdict(event, license)
    if answer.counts:
        approval = next(a for a in event.approvals.all() if a.approved and a.body == answer.body)
        return LicenseFit(
            license,
            True,
            approval,
            f"Counts for your {label}: approved by {approval.body.label}, "
            "which your board accepts.",
            answer.standing,
        )
    if answer.standing == UNKNOWN:
        return LicenseFit(
            license,
            False,
            None,
            f"Not confirmed for your {label}: the approval bodies your board accepts are not "
            "on file yet; check with your board.",
            answer.standing,
        )
    accepted = {body.pk for body in accepted_bodies(license.license_type)}
    refused = [a for a in event.approvals.all() if not a.approved and a.body_id in accepted]
    if refused:
        body = refused[0].body.label
        return LicenseFit(
            license,
            False,
            refused[0],
            f"Does not count for your {label}: not approved by {body}. {refused[0].statement}",
            answer.standing,
        )
    return LicenseFit(
        license,
        False,
        None,
        f"Not approved for your {label}: this event has no approval from a body your board "
        "accepts.",
        answer.standing,
    )


def counting_for(events: QuerySet[Event], licenses: list[UserLicense]) -> QuerySet[Event]:
    """Only events that count for at least one of these licenses."""
    condition = Q(pk__in=[])
    for license in licenses:
        bodies = [body.pk for body in accepted_bodies(license.license_type)]
        # The same rule as `fit`: the board's list decides, not the approval's professions.
        approvals = EventApproval.objects.filter(
            event=OuterRef("pk"), approved=True, body__in=bodies
        )
        condition |= Q(Exists(approvals))
    return events.filter(condition)
