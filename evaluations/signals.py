"""Signals evaluations sends. Receivers run inside the sender's transaction and must only
enqueue tasks (core.tasks.enqueue), which then run once that transaction has committed."""

from __future__ import annotations

from django.dispatch import Signal

# Sent inside the submitting transaction with evaluation_id, so that certificate issuance can
# follow. Until a receiver exists, the SUBMITTED evaluation itself (with submitted_at) is the
# record that issuance is owed.
evaluation_submitted = Signal()
