"""Signals certificates sends; apps above it (the tracker) listen."""

from __future__ import annotations

from django.dispatch import Signal

# Sent inside the issuing transaction with `certificate`, once its number and snapshot are set:
# the CE tracker pre-fills where its hours count.
certificate_issued = Signal()
# Sent inside the correcting transaction with `old` and `new` versions: what was attached to
# the old version (the tracker's assignments) moves to the new one.
certificate_reissued = Signal()
