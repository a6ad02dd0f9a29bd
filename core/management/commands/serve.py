"""Serve the site and its background task worker together; Ctrl-C stops both."""

from __future__ import annotations

import signal
import subprocess
import sys
import time
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandParser


class Command(BaseCommand):
    help = "Run the development web server and the task worker (db_worker) side by side."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--port", type=int, default=8000)

    def handle(self, *args: Any, **options: Any) -> None:
        manage = [sys.executable, "manage.py"]
        address = f"{options['host']}:{options['port']}"
        served = f"http://{address}"
        processes = [
            subprocess.Popen([*manage, "db_worker", "--queue-name", "default"]),
            subprocess.Popen([*manage, "runserver", address]),
        ]
        self.stdout.write(f"FullCredit is running at {served}/ (Ctrl-C stops it).")
        # Emails and Join Now links are built from SITE_URL, not from this address.
        if served != settings.SITE_URL:
            self.stdout.write(
                self.style.WARNING(
                    f"Links in emails and Join Now point at SITE_URL={settings.SITE_URL}, "
                    "not at this address."
                )
            )
        try:
            # Either process dying takes the other down, so nobody works against half a system.
            while all(process.poll() is None for process in processes):
                time.sleep(0.5)
        except KeyboardInterrupt:
            pass
        finally:
            for process in processes:
                if process.poll() is None:
                    process.send_signal(signal.SIGINT)
            for process in processes:
                try:
                    process.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    process.kill()
        failed = [p for p in processes if p.returncode not in (0, -signal.SIGINT, None)]
        if failed:
            raise SystemExit(1)
