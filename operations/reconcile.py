"""Reconciliation from state: derive from the data what must exist, and create what is missing.

The tasks of the live loop each do one step once. If one never ran, or ran and was lost with
its worker, the promise it carried would silently break; this module checks the promises
themselves instead:
- every eligible attendance decision has its evaluation;
- every submitted evaluation has its certificate (unless the same program is certified);
- every evaluation email (issued, withdrawn, reopened), certificate-ready email and reminder
  that is due has been sent;
- every queued message is being delivered.

Each check is one indexed query, so a run that finds nothing costs a handful of queries
whatever the size of the database. Work younger than RECONCILE_GRACE_MINUTES is left to the
task already handling it. Every fix calls the same idempotent service or task as the loop.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.db.models import Exists, F, OuterRef, Q
from django.utils import timezone
from django_tasks_db.compat import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from attendance.models import Decision
from certificates.models import Certificate
from certificates.tasks import issue_certificate_task
from core.models import OutgoingEmail
from core.outgoing import schedule_delivery
from core.tasks import enqueue
from evaluations.mailing import REMINDERS as EVALUATION_REMINDERS
from evaluations.mailing import send_evaluation_email, send_evaluation_reminder
from evaluations.models import Evaluation, ReminderLog
from evaluations.services.issuance import sync_event_evaluations
from events.models import Event, Registration, ReminderSent
from events.tasks import REMINDERS as EVENT_REMINDERS
from events.tasks import send_event_reminder

PENDING = [TaskResultStatus.READY, TaskResultStatus.RUNNING]


@dataclass
class Finding:
    kind: str
    description: str
    fix: Callable[[], Any] = field(repr=False)


class PendingTasks:
    """The arguments of every queued or running run of a task, read once per reconcile, so a
    fix is not queued beside the task that is about to do it."""

    def __init__(self) -> None:
        self._by_path: dict[str, set[tuple]] = {}

    def has(self, task: Any, *args: Any) -> bool:
        path = task.module_path
        if path not in self._by_path:
            rows = DBTaskResult.objects.filter(task_path=path, status__in=PENDING)
            self._by_path[path] = {
                tuple(row["args_kwargs"].get("args", [])) for row in rows.values("args_kwargs")
            }
        return tuple(args) in self._by_path[path]


def _queue(task: Any, *args: Any) -> Callable[[], Any]:
    return lambda: enqueue(task, *args)


def missing_evaluations(cutoff: dt.datetime, pending: PendingTasks) -> Iterator[Finding]:
    decisions = Decision.objects.filter(
        is_current=True,
        outcome=Decision.ELIGIBLE,
        created_at__lt=cutoff,
        registration__status=Registration.REGISTERED,
        registration__user__isnull=False,
        registration__event__status=Event.PUBLISHED,
    ).filter(
        Q(registration__evaluation__isnull=True)
        | Q(registration__evaluation__status=Evaluation.WITHDRAWN)
    )
    missing: dict[int, int] = {}
    for event_id in decisions.values_list("registration__event_id", flat=True):
        missing[event_id] = missing.get(event_id, 0) + 1
    for event in Event.objects.filter(pk__in=missing).order_by("pk"):
        yield Finding(
            "evaluation",
            f"{missing[event.pk]} eligible attendee(s) of “{event.title}” (event {event.pk}) "
            "have no evaluation",
            lambda event=event: sync_event_evaluations(event),
        )


def missing_certificates(cutoff: dt.datetime, pending: PendingTasks) -> Iterator[Finding]:
    certified_elsewhere = Certificate.objects.filter(
        user_id=OuterRef("registration__user_id"),
        program_id=OuterRef("event__program_id"),
        status=Certificate.VALID,
    )
    evaluations = (
        Evaluation.objects.filter(
            status=Evaluation.SUBMITTED,
            submitted_at__lt=cutoff,
            certificates__isnull=True,
            registration__user__isnull=False,
        )
        .exclude(Exists(certified_elsewhere))
        .select_related("event", "registration")
        .order_by("pk")
    )
    for evaluation in evaluations:
        if pending.has(issue_certificate_task, evaluation.pk):
            continue
        yield Finding(
            "certificate",
            f"evaluation {evaluation.pk} of {evaluation.registration.name} for "
            f"“{evaluation.event.title}” was submitted but has no certificate",
            lambda pk=evaluation.pk: issue_certificate_task.call(pk),
        )


def unsent_evaluation_emails(cutoff: dt.datetime, pending: PendingTasks) -> Iterator[Finding]:
    now = timezone.now()
    open_ = Q(status=Evaluation.ISSUED, deadline__gt=now)
    cases = {
        "issued": open_ & Q(issue_email_sent_at__isnull=True, issued_at__lt=cutoff),
        "withdrawn": Q(
            status=Evaluation.WITHDRAWN,
            withdrawn_email_sent_at__isnull=True,
            withdrawn_at__lt=cutoff,
        ),
        "reopened": open_ & Q(reopened_email_sent_at__isnull=True, reopened_at__lt=cutoff),
    }
    for kind, condition in cases.items():
        rows = Evaluation.objects.filter(condition, registration__user__isnull=False)
        for pk in rows.order_by("pk").values_list("pk", flat=True):
            if not pending.has(send_evaluation_email, pk, kind):
                yield Finding(
                    "email",
                    f"the “evaluation {kind}” email for evaluation {pk} was never sent",
                    _queue(send_evaluation_email, pk, kind),
                )


def unsent_certificate_emails(cutoff: dt.datetime, pending: PendingTasks) -> Iterator[Finding]:
    rows = Certificate.objects.filter(
        status=Certificate.VALID,
        ready_email_sent_at__isnull=True,
        issued_at__lt=cutoff,
        user__isnull=False,
    ).order_by("pk")
    for number, evaluation_id in rows.values_list("number", "evaluation_id"):
        if not pending.has(issue_certificate_task, evaluation_id):
            yield Finding(
                "email",
                f"the “certificate ready” email for {number} was never sent",
                _queue(issue_certificate_task, evaluation_id),
            )


def _windows(
    reminders: dict[str, dt.timedelta],
) -> Iterator[tuple[str, dt.timedelta, dt.timedelta]]:
    """(kind, opens before, closes before): a reminder is worth sending from its time until the
    next, shorter one is due (the last until the moment itself)."""
    ordered = sorted(reminders.items(), key=lambda item: item[1], reverse=True)
    for index, (kind, before) in enumerate(ordered):
        closes = ordered[index + 1][1] if index + 1 < len(ordered) else dt.timedelta(0)
        yield kind, before, closes


def _due_reminders(
    reminders: dict[str, dt.timedelta],
    rows_for: Callable[[str, dt.timedelta, dt.timedelta], Any],
    task: Any,
    noun: str,
    pending: PendingTasks,
) -> Iterator[Finding]:
    """Reminders due and unsent: `rows_for(kind, opens, closes)` gives (pk, moment) pairs whose
    reminder of that kind is due now; the task takes (pk, kind, moment as ISO)."""
    for kind, before, closes in _windows(reminders):
        for pk, moment in rows_for(kind, before, closes):
            args = (pk, kind, moment.isoformat())
            if not pending.has(task, *args):
                yield Finding(
                    "email", f"the {kind} {noun} {pk} is due and unsent", _queue(task, *args)
                )


def missed_evaluation_reminders(cutoff: dt.datetime, pending: PendingTasks) -> Iterator[Finding]:
    now = timezone.now()
    grace = now - cutoff

    def rows_for(kind: str, before: dt.timedelta, closes: dt.timedelta) -> Any:
        sent = ReminderLog.objects.filter(
            evaluation=OuterRef("pk"), kind=kind, deadline=OuterRef("deadline")
        )
        return (
            Evaluation.objects.filter(
                status=Evaluation.ISSUED,
                registration__user__isnull=False,
                deadline__lte=now + before - grace,
                deadline__gt=now + closes,
                issued_at__lt=F("deadline") - before,
            )
            .exclude(Exists(sent))
            .order_by("pk")
            .values_list("pk", "deadline")
        )

    return _due_reminders(
        EVALUATION_REMINDERS,
        rows_for,
        send_evaluation_reminder,
        "evaluation reminder for evaluation",
        pending,
    )


def missed_event_reminders(cutoff: dt.datetime, pending: PendingTasks) -> Iterator[Finding]:
    now = timezone.now()
    grace = now - cutoff

    def rows_for(kind: str, before: dt.timedelta, closes: dt.timedelta) -> Any:
        sent = ReminderSent.objects.filter(
            registration=OuterRef("pk"), kind=kind, event_start=OuterRef("event__start")
        )
        return (
            Registration.objects.active()
            .filter(
                event__status=Event.PUBLISHED,
                event__start__lte=now + before - grace,
                event__start__gt=now + closes,
                registered_at__lt=F("event__start") - before,
            )
            .exclude(Exists(sent))
            .order_by("pk")
            .values_list("pk", "event__start")
        )

    return _due_reminders(
        EVENT_REMINDERS, rows_for, send_event_reminder, "event reminder for registration", pending
    )


def stalled_deliveries(cutoff: dt.datetime, pending: PendingTasks) -> Iterator[Finding]:
    """Queued messages whose delivery task is gone (it used up its tries, or was lost), while
    they are younger than EMAIL_GIVE_UP_HOURS."""
    give_up = timezone.now() - dt.timedelta(hours=settings.EMAIL_GIVE_UP_HOURS)
    live_task = DBTaskResult.objects.filter(pk=OuterRef("task_id"), status__in=PENDING)
    rows = (
        OutgoingEmail.objects.filter(sent_at__isnull=True, created_at__gte=give_up)
        .filter(created_at__lt=cutoff)
        .exclude(Exists(live_task))
        .order_by("pk")
    )
    for email in rows:
        yield Finding(
            "delivery",
            f"message {email.pk} “{email.subject}” to {', '.join(email.recipients)} is not "
            f"delivered and no delivery is queued (last error: {email.last_error or 'none'})",
            lambda email=email: schedule_delivery(email),
        )


CHECKS = [
    missing_evaluations,
    missing_certificates,
    unsent_evaluation_emails,
    unsent_certificate_emails,
    missed_evaluation_reminders,
    missed_event_reminders,
    stalled_deliveries,
]


def reconcile(*, dry_run: bool = False, grace: dt.timedelta | None = None) -> list[Finding]:
    """Find (and unless dry_run, fix) everything missing. Returns what was found."""
    if grace is None:
        grace = dt.timedelta(minutes=settings.RECONCILE_GRACE_MINUTES)
    cutoff = timezone.now() - grace
    pending = PendingTasks()
    found: list[Finding] = []
    for check in CHECKS:
        for finding in check(cutoff, pending):
            if not dry_run:
                finding.fix()
            found.append(finding)
    return found


def reconcile_everything() -> str:
    """The periodic job."""
    found = reconcile()
    return f"fixed {len(found)}" + "".join(f"\n- {f.description}" for f in found[:50])
