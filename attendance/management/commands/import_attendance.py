from __future__ import annotations

import zoneinfo
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from attendance.management.commands._event import event_from_argument
from attendance.parsing.types import ReportError
from attendance.services.importing import ImportSummary, import_attendance, preview_import
from core.errors import DomainError


class Command(BaseCommand):
    help = (
        "Import Zoom attendance reports (webinar Attendee Report CSV, meeting participants CSV, "
        "or report API JSON pages) for an event. Importing the same files again changes nothing; "
        "a file with an error stores nothing."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("event", help="the event's id or slug")
        parser.add_argument("files", nargs="+", type=Path)
        parser.add_argument(
            "--timezone",
            default="",
            help="zone the CSV times were exported in (default: the event's time zone)",
        )
        parser.add_argument("--dry-run", action="store_true", help="show the summary only")

    def handle(self, *args: Any, **options: Any) -> None:
        event = event_from_argument(options["event"])
        zone = options["timezone"]
        if zone:
            try:
                zoneinfo.ZoneInfo(zone)
            except (zoneinfo.ZoneInfoNotFoundError, ValueError, OSError):
                raise CommandError(
                    f"Unknown time zone {zone[:64]!r}; use a name such as America/Chicago."
                ) from None
        files = []
        for path in options["files"]:
            try:
                files.append((path.name, path.read_bytes()))
            except OSError as exc:
                raise CommandError(f"Cannot read {path}: {exc.strerror}.") from None
        try:
            if options["dry_run"]:
                summary = preview_import(event, files, time_zone=zone)
            else:
                summary = import_attendance(event, files, time_zone=zone)
        except ReportError as exc:
            raise CommandError(f"Nothing was imported. {exc}") from None
        except DomainError as exc:
            raise CommandError(f"Nothing was imported. {exc.message}") from None
        self._print(summary, dry_run=options["dry_run"])

    def _print(self, summary: ImportSummary, *, dry_run: bool) -> None:
        write = self.stdout.write
        write(f"Format: {summary.format_label}")
        if summary.time_zone:
            order = f", dates {summary.date_order.replace('_', '-')}" if summary.date_order else ""
            write(f"Times read in: {summary.time_zone}{order}")
        write(
            f"Rows: {summary.rows} ({summary.hosts_and_panelists} host/panelist, "
            f"{summary.waiting_room_rows} waiting room)"
        )
        write(
            f"People: {summary.people}; matched {summary.matched_people} registrants "
            f"from {summary.matched_rows} rows; unplaced rows: {summary.unplaced_rows}"
        )
        for warning in summary.warnings:
            write(f"Warning: {warning}")
        if summary.already_imported:
            write(self.style.WARNING("These files were already imported: nothing changed."))
        elif dry_run:
            write(f"Dry run: {summary.new_rows} new rows would be stored; nothing was stored.")
        else:
            write(self.style.SUCCESS(f"Imported {summary.new_rows} new rows; decisions updated."))
