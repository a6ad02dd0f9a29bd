"""`manage.py recompute_decisions <event>`: apply the rules again to each current decision's
stored inputs and print any difference from what was stored."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from attendance.management.commands._event import event_from_argument
from attendance.services.recompute import recompute_event


class Command(BaseCommand):
    help = (
        "Recompute an event's current attendance decisions from their stored inputs and print "
        "each difference from the stored outcome, attended time, hours and reasons."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("event", help="the event's id or slug")

    def handle(self, *args: Any, **options: Any) -> None:
        event = event_from_argument(options["event"])
        results = recompute_event(event)
        differing = 0
        for result in results:
            registration = result.decision.registration
            who = f"{registration.name} <{registration.email}>, decision v{result.decision.version}"
            if result.hours_from_event:
                self.stdout.write(
                    f"{who}: stored before its hours were recorded; using the event's"
                )
            if result.differences:
                differing += 1
                self.stdout.write(f"{who} differs: " + "; ".join(result.differences))
        noun = "decision" if len(results) == 1 else "decisions"
        verdict = "none differs" if not differing else f"{differing} differ"
        self.stdout.write(f"{len(results)} {noun} recomputed from its stored inputs; {verdict}.")
