"""Withdrawing an import: its rows stop counting and every decision is taken again from the
imports that remain (design rule 6: nobody is credited for time the data no longer shows)."""

from __future__ import annotations

from collections import defaultdict

from django.db import transaction
from django.utils import timezone

from accounts.models import User
from attendance.errors import REASON_REQUIRED, AttendanceCode
from attendance.models import AttendanceImport, Connection
from attendance.services.deciding import decide_event
from core import audit


def withdraw_rows(record: AttendanceImport, *, actor: User | None, reason: str) -> tuple[int, int]:
    """Mark the import withdrawn and its rows withdrawn, except rows another standing import
    also holds (it did not store them only because this one had): those pass to it.
    Returns (rows withdrawn, rows handed to other imports). The caller decides again."""
    others: dict[str, int] = {}
    standing = AttendanceImport.objects.filter(
        event_id=record.event_id, withdrawn_at__isnull=True
    ).exclude(pk=record.pk)
    for other_pk, keys in standing.order_by("created_at", "pk").values_list("pk", "row_keys"):
        for key in keys:
            others.setdefault(key, other_pk)
    rows = Connection.objects.filter(attendance_import=record)
    handed: dict[int, list[int]] = defaultdict(list)
    for pk, key in rows.values_list("pk", "identity_key"):
        if key in others:
            handed[others[key]].append(pk)
    for other_pk, pks in handed.items():
        Connection.objects.filter(pk__in=pks).update(attendance_import_id=other_pk)
    withdrawn = rows.exclude(pk__in=[pk for pks in handed.values() for pk in pks]).update(
        withdrawn=True
    )
    AttendanceImport.objects.filter(pk=record.pk).update(
        withdrawn_at=timezone.now(),
        withdrawn_by=actor if actor is not None and actor.is_authenticated else None,
        withdrawn_reason=reason,
    )
    return withdrawn, sum(len(pks) for pks in handed.values())


@transaction.atomic
def withdraw_import(record: AttendanceImport, *, actor: User, reason: str) -> AttendanceImport:
    """Staff withdraw an import (the wrong file, the wrong event): audited, with a reason."""
    reason = reason.strip()
    if not reason:
        raise REASON_REQUIRED.error(field="reason")
    record = AttendanceImport.objects.select_for_update().get(pk=record.pk)
    if record.is_withdrawn:
        raise AttendanceCode.IMPORT_WITHDRAWN.error()
    withdrawn, handed = withdraw_rows(record, actor=actor, reason=reason)
    decide_event(record.event)
    audit.record(
        actor,
        "attendance.import_withdrawn",
        record.event,
        reason=reason,
        import_id=record.pk,
        rows_withdrawn=withdrawn,
        rows_kept_by_other_imports=handed,
    )
    record.refresh_from_db()
    return record
