"""What the meetings app announces to the apps above it."""

from django.dispatch import Signal

# The provider says the event's meeting has ended, with `event` and `collect_after`: the time
# from which asking the provider for its attendance is worth it (a report may take minutes).
meeting_ended = Signal()
