#!/bin/sh
# Run the suite and refuse a run that collected no tests (pytest's exit code 5).
set -u
.venv/bin/python -m pytest "$@"
status=$?
if [ "$status" -eq 5 ]; then
  echo "pytest collected no tests: that is a failure, not a pass." >&2
  exit 1
fi
exit "$status"
