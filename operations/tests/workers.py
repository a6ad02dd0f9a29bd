"""Real `manage.py db_worker` processes for fault tests: started against the test database,
killed by PID, started again."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Callable
from pathlib import Path

from django.conf import settings
from django.db import connection

ROOT = Path(__file__).resolve().parents[2]


def database_url() -> str:
    """The test database, as a DATABASE_URL another process can open."""
    params = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{params['NAME']}"
    user = params.get("USER") or "postgres"
    password = f":{params['PASSWORD']}" if params.get("PASSWORD") else ""
    host = params.get("HOST") or "127.0.0.1"
    port = params.get("PORT") or 5432
    return f"postgres://{user}{password}@{host}:{port}/{params['NAME']}"


class WorkerProcess:
    """One worker process. Its heartbeat and lease are short, so a killed worker's task is
    found within about a second; the reconciler is pushed far out so what these tests see is
    the sweeper's work alone."""

    def __init__(self, **env: str) -> None:
        self.worker_id = f"test-{uuid.uuid4().hex[:12]}"
        self.log = tempfile.NamedTemporaryFile(  # noqa: SIM115
            "w+", prefix="worker-", suffix=".log", delete=False
        )
        self.env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "fullcredit.test_settings",
            "DATABASE_URL": database_url(),
            "VAR_DIR": str(settings.VAR_DIR),
            "WORKER_HEARTBEAT_SECONDS": "0.2",
            "TASK_LEASE_SECONDS": "1",
            "TASK_RETRY_BASE_SECONDS": "0.2",
            "RECONCILE_INTERVAL_SECONDS": "86400",
            **env,
        }
        self.process: subprocess.Popen | None = None

    def start(self) -> WorkerProcess:
        self.process = subprocess.Popen(
            [
                sys.executable,
                "manage.py",
                "db_worker",
                "--no-reload",
                "--no-startup-delay",
                "--interval",
                "0.05",
                "--verbosity",
                "2",
                "--worker-id",
                self.worker_id,
            ],
            cwd=ROOT,
            env=self.env,
            stdout=self.log,
            stderr=subprocess.STDOUT,
        )
        return self

    @property
    def pid(self) -> int:
        assert self.process is not None
        return self.process.pid

    def kill(self) -> None:
        """SIGKILL: no handler runs, nothing is cleaned up, as in an OOM kill."""
        os.kill(self.pid, signal.SIGKILL)
        assert self.process is not None
        self.process.wait(timeout=10)

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()

    def output(self, tail: int | None = 6000) -> str:
        self.log.flush()
        text = Path(self.log.name).read_text(errors="replace")
        return text[-tail:] if tail else text


def wait_until(condition: Callable[[], bool], *, timeout: float, what: str, worker=None) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.02)
    details = f"\nworker output:\n{worker.output()}" if worker is not None else ""
    raise AssertionError(f"timed out after {timeout} s waiting until {what}{details}")
