from __future__ import annotations

import json
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from attendance.management.commands._event import event_from_argument
from attendance.report import attendance_report


class Command(BaseCommand):
    help = "Print each registrant's attendance decision for an event (JSON with --json)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("event", help="the event's id or slug")
        parser.add_argument("--json", action="store_true", help="print JSON (see the README)")

    def handle(self, *args: Any, **options: Any) -> None:
        report = attendance_report(event_from_argument(options["event"]))
        if options["json"]:
            self.stdout.write(json.dumps(report, indent=2, ensure_ascii=False))
            return
        for person in report["registrants"]:
            minutes = person["attended_seconds"] / 60
            reasons = ", ".join(person["reasons"]) or "—"
            self.stdout.write(
                f"{person['outcome']:<13} {minutes:7.1f} min  {person['name']} <{person['email']}>"
                f"  {reasons}"
            )
        self.stdout.write(f"Unplaced connections: {len(report['unplaced'])}")
