"""When things are owed to an attendee (design rule 7)."""

from __future__ import annotations

import datetime as dt

# Every eligible attendee receives the evaluation within this long of the event's end.
EVALUATION_WITHIN = dt.timedelta(hours=24)
