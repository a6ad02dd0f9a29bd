"""Pulling an ended webinar's participant reports from Zoom, for the attendance importer.

A webinar ID names a series; every start (a host restarting after a drop, someone opening the
link after class) makes a new instance with its own UUID, and a report by ID covers only the
latest one. So every instance that started near the event's window is pulled by UUID and all
of them are imported together. Zoom takes up to 30 minutes to publish a report; until then it
answers 404 (code 3001), and the pull is tried again later, for a few hours, before staff are
told to import the report themselves.

The pull never imports: it hands the files to attendance through the provider port, and
records each attempt on the event's `ZoomReportPull` for the staff page.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from typing import Any

from django.utils import timezone

from events.models import Event
from meetings.providers import CollectedAttendance, ImportedCounts, NotCollected, ProviderError
from meetings.zoom.client import ZoomClient, ZoomError, ZoomRateLimited, encode_uuid
from meetings.zoom.models import ZoomReportPull

# Instances that started in [start - 30 min, end + 2 h] belong to the event.
STARTED_BEFORE = dt.timedelta(minutes=30)
STARTED_AFTER_END = dt.timedelta(hours=2)
# Zoom says reports can take 30 minutes; after this long something else is wrong.
GIVE_UP_AFTER_END = dt.timedelta(hours=4)
RETRY_DELAYS = [dt.timedelta(minutes=m) for m in (5, 10, 20, 40)]
RETRY_DELAY_CAP = dt.timedelta(hours=1)
NOT_READY_CODE = 3001  # "Meeting/Webinar does not exist", also answered before a report exists


class ReportNotReady(Exception):
    """Zoom has no report for the webinar yet."""


@dataclass(frozen=True)
class PulledInstance:
    uuid: str
    start_time: str
    rows: int


def _not_ready(exc: ZoomError) -> bool:
    return exc.status == 404 or exc.code == NOT_READY_CODE


def _parse_time(value: str) -> dt.datetime | None:
    try:
        return dt.datetime.fromisoformat(value).astimezone(dt.UTC)
    except (TypeError, ValueError):
        return None


def instances_in_window(client: ZoomClient, event: Event) -> list[dict[str, Any]]:
    """The webinar's past instances that started in the event's window, oldest first."""
    try:
        data = client.get(f"/past_webinars/{event.provider_meeting_id}/instances")
    except ZoomError as exc:
        if _not_ready(exc):
            raise ReportNotReady("Zoom lists no past instance of the webinar yet.") from exc
        raise
    earliest, latest = event.start - STARTED_BEFORE, event.end + STARTED_AFTER_END
    found = []
    for instance in data.get("webinars") or []:
        started = _parse_time(instance.get("start_time", ""))
        if instance.get("uuid") and started is not None and earliest <= started <= latest:
            found.append(instance)
    if not found:
        raise ReportNotReady("Zoom lists no instance of the webinar in the event's time window.")
    return sorted(found, key=lambda i: _parse_time(i["start_time"]) or event.start)


def instance_participants(client: ZoomClient, uuid: str) -> list[dict[str, Any]]:
    """Every participant row of one instance's report, with the registrant_id that ties a
    row to the registrant whose personal join link was used."""
    try:
        pages = client.pages(
            f"/report/webinars/{encode_uuid(uuid)}/participants", include_fields="registrant_id"
        )
    except ZoomError as exc:
        if _not_ready(exc):
            raise ReportNotReady(f"Zoom's report for instance {uuid} is not ready yet.") from exc
        raise
    rows = [row for page in pages for row in page.get("participants") or []]
    # A stable order, so pulling the same report again gives the same file and the importer
    # recognises it as already imported.
    return sorted(rows, key=lambda r: json.dumps(r, sort_keys=True))


def pull_reports(
    event: Event, *, client: ZoomClient | None = None
) -> tuple[list[tuple[str, bytes]], list[PulledInstance]]:
    """Fetch every instance's report, one report-API JSON file per instance."""
    client = client or ZoomClient()
    files: list[tuple[str, bytes]] = []
    pulled: list[PulledInstance] = []
    for instance in instances_in_window(client, event):
        rows = instance_participants(client, instance["uuid"])
        content = json.dumps({"participants": rows}, sort_keys=True).encode()
        files.append((f"zoom-{event.provider_meeting_id}-{instance['start_time']}.json", content))
        pulled.append(PulledInstance(instance["uuid"], instance["start_time"], len(rows)))
    return files, pulled


def retry_delay(attempts: int) -> dt.timedelta:
    if attempts <= len(RETRY_DELAYS):
        return RETRY_DELAYS[max(attempts, 1) - 1]
    return RETRY_DELAY_CAP


def collect(
    event: Event, *, client: ZoomClient | None = None
) -> CollectedAttendance | NotCollected:
    """One attempt at the event's reports, recorded on its `ZoomReportPull`."""
    if not event.provider_meeting_id:
        return NotCollected("This event has no Zoom webinar yet, so there is no report.")
    pull, _ = ZoomReportPull.objects.get_or_create(event=event)
    now = timezone.now()
    pull.attempts += 1
    pull.last_attempt_at = now
    pull.next_attempt_at = None
    try:
        files, instances = pull_reports(event, client=client)
    except ReportNotReady as exc:
        pull.status, pull.message = ZoomReportPull.NOT_READY, str(exc)
        return _after_failure(event, pull, now)
    except ZoomRateLimited as exc:
        pull.status, pull.message = ZoomReportPull.FAILED, str(exc)
        return _after_failure(event, pull, now, exc.retry_at)
    except ProviderError as exc:
        pull.status, pull.message = ZoomReportPull.FAILED, str(exc)
        return _after_failure(event, pull, now)
    pull.instances = [i.__dict__ for i in instances]
    pull.rows_pulled = sum(i.rows for i in instances)
    pull.save()
    return CollectedAttendance(
        source="Zoom's participant reports", files=tuple(files), time_zone="UTC"
    )


def record_imported(event: Event, counts: ImportedCounts) -> str:
    pull = ZoomReportPull.objects.get(event=event)
    pull.status = ZoomReportPull.IMPORTED
    pull.rows_pulled = counts.rows
    pull.message = (
        f"{counts.rows} rows from {len(pull.instances)} instance(s); "
        f"{counts.new_rows} new, {counts.matched_people} registrants matched."
    )
    pull.save()
    return pull.message


def record_not_imported(event: Event, reason: str) -> NotCollected:
    pull, _ = ZoomReportPull.objects.get_or_create(event=event)
    pull.status, pull.message = ZoomReportPull.FAILED, reason
    return _after_failure(event, pull, timezone.now())


def _after_failure(
    event: Event, pull: ZoomReportPull, now: dt.datetime, retry_at: dt.datetime | None = None
) -> NotCollected:
    """Try again later; hours after the end, stop and have staff told instead: the report is
    not coming by itself, and staff can import Zoom's CSV export."""
    if now >= event.end + GIVE_UP_AFTER_END:
        pull.status = ZoomReportPull.GAVE_UP
        pull.save()
        return NotCollected(
            f"gave up after {pull.attempts} attempts ({pull.message})", alert_staff=True
        )
    pull.next_attempt_at = max(retry_at or now, now + retry_delay(pull.attempts))
    pull.save()
    return NotCollected(
        f"{pull.get_status_display()}: {pull.message}", retry_at=pull.next_attempt_at
    )
