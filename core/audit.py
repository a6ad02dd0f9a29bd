"""The one way to write the audit log, used by every service that acts on someone's behalf."""

from __future__ import annotations

from typing import Any

from django.db import models

from core.models import AuditEntry


def record(
    actor: Any,
    action: str,
    target: models.Model | None = None,
    *,
    reason: str = "",
    **data: Any,
) -> AuditEntry:
    """Record that `actor` (a user, or None for the system) performed `action` on `target`."""
    is_user = actor is not None and getattr(actor, "is_authenticated", False)
    return AuditEntry.objects.create(
        actor=actor if is_user else None,
        actor_label=(actor.email if is_user else "system"),
        action=action,
        target_type=target._meta.label_lower if target is not None else "",
        target_id=str(target.pk) if target is not None else "",
        target_label=str(target)[:300] if target is not None else "",
        reason=reason,
        data=data,
    )
