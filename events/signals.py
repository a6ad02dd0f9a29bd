"""What the events app announces; apps above it listen and only enqueue work."""

from django.dispatch import Signal

# Sent inside the saving transaction when a published event's window, breaks or advertised
# hours changed, with `event_id`: decisions taken from the old ones must be taken again.
credit_terms_changed = Signal()
