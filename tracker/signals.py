"""Receivers for the certificates app's signals; they run inside its transactions."""

from __future__ import annotations

from typing import Any

from certificates.models import Certificate
from tracker.services import assignments


def prefill_issued(sender: Any, *, certificate: Certificate, **kwargs: Any) -> None:
    assignments.prefill(certificate)


def carry_over(sender: Any, *, old: Certificate, new: Certificate, **kwargs: Any) -> None:
    assignments.carry_over(old, new)
