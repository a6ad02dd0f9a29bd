"""What the events app announces. Apps above it listen and keep their own work in step, so that
events never calls up into them.

Every signal is sent inside the transaction that made the change. Receivers only enqueue tasks
(`core.tasks.enqueue`, which run once that transaction commits); the one exception is a meeting
provider that answers without network I/O (`registers_instantly`), which the meetings receivers
call at once so a join link is ready before the page that shows it.
"""

from django.dispatch import Signal

# A draft event was published, with `event`.
event_published = Signal()

# A published event was edited, with `event`, `moved` (its start or end changed) and
# `credit_terms_changed` (its window, breaks or advertised hours changed: decisions taken from
# the old ones must be taken again).
event_changed = Signal()

# An event was cancelled, with `event` and `was_published`.
event_cancelled = Signal()

# A registration now holds a seat (registered, or promoted from the waiting list), with
# `registration`.
registration_activated = Signal()

# A registration was cancelled, with `registration` and `was_active` (it held a seat).
registration_cancelled = Signal()
