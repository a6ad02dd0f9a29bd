"""`manage.py reconcile [--dry-run]`: create what the data says must exist and does not."""

from __future__ import annotations

import datetime as dt
from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from operations.reconcile import reconcile


class Command(BaseCommand):
    help = (
        "Find eligible attendees without an evaluation, submitted evaluations without a "
        "certificate, and due emails never sent, and fix them (or, with --dry-run, list them)."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("--dry-run", action="store_true", help="List, change nothing.")
        parser.add_argument(
            "--grace-minutes",
            type=int,
            default=None,
            help="Leave alone work younger than this (default: RECONCILE_GRACE_MINUTES).",
        )

    def handle(self, *args: Any, dry_run: bool, grace_minutes: int | None, **options: Any) -> None:
        if grace_minutes is not None and grace_minutes < 0:
            raise CommandError("--grace-minutes must be zero or more.")
        grace = dt.timedelta(minutes=grace_minutes) if grace_minutes is not None else None
        found = reconcile(dry_run=dry_run, grace=grace)
        verb = "would fix" if dry_run else "fixed"
        for finding in found:
            self.stdout.write(f"{verb}: {finding.description}")
        if not found:
            self.stdout.write("Nothing is missing.")
        else:
            self.stdout.write(f"{len(found)} found, {verb}.")
