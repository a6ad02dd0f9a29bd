"""Staff review resolutions as decision inputs: what deciding needs of them, loaded once per event.

The rules are the pure `credit.review`; this module reads the stored resolutions and writes
the one that applied into the decision's inputs, so that the decision can be recomputed from
its inputs alone and its receipt can say, in words, who closed the review and why.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from attendance.models import ReviewResolution
from credit import review
from events.models import Event


def rule(row: ReviewResolution) -> review.Resolution:
    return review.Resolution(
        kind=row.kind, flags=tuple(row.flags), connection_ids=tuple(row.connection_ids)
    )


@dataclass(frozen=True)
class Review:
    """The resolution that applies to one registrant's decision, if any."""

    row: ReviewResolution | None = None

    @property
    def resolution(self) -> review.Resolution | None:
        return rule(self.row) if self.row is not None else None

    @property
    def inputs(self) -> dict[str, Any]:
        """What the decision's inputs gain: nothing unless a resolution applied, so decisions
        nobody reviewed keep exactly the inputs they always had.

        The flags the data raised are the inputs' "review_flags"; this says which of them staff
        closed, how and why (credit.review.from_inputs reads it back). Who did it is on the
        resolution and in the audit log: inputs must not change when an account is deleted.
        """
        if self.row is None:
            return {}
        row = self.row
        return {
            "review": {
                "id": row.pk,
                "kind": row.kind,
                "flags": list(row.flags),
                "connections": sorted(row.connection_ids),
                "reason": row.reason,
                "at": row.created_at.isoformat(),
            }
        }


@dataclass
class ReviewBook:
    """Every resolution of an event's registrants, oldest first."""

    rows: dict[int, list[ReviewResolution]] = field(default_factory=dict)

    @classmethod
    def for_event(cls, event: Event) -> ReviewBook:
        rows: dict[int, list[ReviewResolution]] = defaultdict(list)
        for row in ReviewResolution.objects.filter(registration__event=event).order_by(
            "created_at", "pk"
        ):
            rows[row.registration_id].append(row)
        return cls(dict(rows))

    def review(self, registration_id: int, connection_ids: list[int]) -> Review:
        """The newest resolution covering exactly these connections applies."""
        for row in reversed(self.rows.get(registration_id, [])):
            if rule(row).covers(connection_ids):
                return Review(row)
        return Review()
