"""A MEETING_PROVIDER without an adapter stops every entry point at start-up, in plain words."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_an_unknown_provider_is_refused_at_start_up():
    env = {**os.environ, "DEBUG": "true", "MEETING_PROVIDER": "teams"}
    env.pop("DJANGO_SETTINGS_MODULE", None)
    result = subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode != 0
    assert "MEETING_PROVIDER must be 'simulated' or 'zoom', not 'teams'." in result.stderr
