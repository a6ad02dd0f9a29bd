from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from core.errors import DomainError
from licensing.catalog import CATALOG_FILE, REQUIREMENTS_FILE, load_catalog


class Command(BaseCommand):
    help = (
        "Load boards, license types, approval bodies, CE categories and the researched renewal "
        "rules from the data files. Safe to run again: it updates, never duplicates."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--requirements", type=Path, default=REQUIREMENTS_FILE)
        parser.add_argument("--catalog", type=Path, default=CATALOG_FILE)

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            summary = load_catalog(options["requirements"], options["catalog"])
        except DomainError as exc:
            raise CommandError(f"Nothing was loaded: {exc.message}") from exc
        for line in summary.lines():
            self.stdout.write(line)
        self.stdout.write(
            self.style.SUCCESS("License catalog loaded.")
            if summary.changed
            else "License catalog already up to date."
        )
