"""How an evaluation's state reads to people, from `Evaluation.display_status`."""

from __future__ import annotations

INCOMPLETE, COMPLETE, CLOSED, WITHDRAWN = "incomplete", "complete", "closed", "withdrawn"
# Listed in this order: what the attendee must act on first, then what is done, then what can
# no longer be done.
STATUS_LABELS = {
    INCOMPLETE: "Incomplete",
    COMPLETE: "Complete",
    CLOSED: "Closed",
    WITHDRAWN: "Withdrawn",
}
STATUS_ORDER = {status: index for index, status in enumerate(STATUS_LABELS)}
