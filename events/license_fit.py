"""Does an event count for a license? One answer for listings, the event page and filters.

An event counts for a license when it holds an approval from a body that the license's board
accepts, covering the license's profession (an approval that names no professions covers all).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Exists, OuterRef, Q, QuerySet

from events.models import Event, EventApproval
from licensing.models import LicenseType, UserLicense


@dataclass(frozen=True)
class LicenseFit:
    license: UserLicense
    counts: bool
    approval: EventApproval | None
    explanation: str


def _covers(approval: EventApproval, license_type: LicenseType) -> bool:
    professions = {p.pk for p in approval.professions.all()}
    return not professions or license_type.profession_id in professions


def fit(event: Event, license: UserLicense, accepted_body_ids: set[int]) -> LicenseFit:
    """Uses the event's prefetched approvals: no queries per event."""
    license_type = license.license_type
    label = license_type.label
    for approval in event.approvals.all():
        accepted = approval.body_id in accepted_body_ids
        if approval.approved and accepted and _covers(approval, license_type):
            return LicenseFit(
                license,
                True,
                approval,
                f"Counts for your {label}: approved by {approval.body.label}, "
                "which your board accepts.",
            )
    refused = [
        a
        for a in event.approvals.all()
        if not a.approved and a.body_id in accepted_body_ids and _covers(a, license_type)
    ]
    if refused:
        body = refused[0].body.label
        return LicenseFit(
            license,
            False,
            refused[0],
            f"Does not count for your {label}: not approved by {body}. {refused[0].statement}",
        )
    return LicenseFit(
        license,
        False,
        None,
        f"Not approved for your {label}: this event has no approval from a body your board "
        "accepts.",
    )


def accepted_bodies_by_license(licenses: list[UserLicense]) -> dict[int, set[int]]:
    return {
        license.pk: {body.pk for body in license.license_type.accepted_bodies.all()}
        for license in licenses
    }


def counting_for(events: QuerySet[Event], licenses: list[UserLicense]) -> QuerySet[Event]:
    """Only events that count for at least one of these licenses."""
    condition = Q(pk__in=[])
    for license in licenses:
        bodies = [body.pk for body in license.license_type.accepted_bodies.all()]
        approvals = EventApproval.objects.filter(
            event=OuterRef("pk"), approved=True, body__in=bodies
        ).filter(Q(professions=license.license_type.profession_id) | Q(professions__isnull=True))
        condition |= Q(Exists(approvals))
    return events.filter(condition)
