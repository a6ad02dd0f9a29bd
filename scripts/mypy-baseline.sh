#!/bin/sh
# mypy against mypy-baseline.txt, the errors the project still has (`make lint` and
# `make mypy-baseline`).
#   sh scripts/mypy-baseline.sh check   fails on an error not in the baseline, and on a baseline
#                                       line whose error is gone (so the file only shrinks)
#   sh scripts/mypy-baseline.sh sync    rewrites the baseline from what mypy reports now
# The django-stubs plugin imports fullcredit.settings, which needs DEBUG on without a production
# environment; nothing else of the environment is read.
set -u
mode=${1:-check}
bin=${BIN:-.venv/bin}
out=$(mktemp)
err=$(mktemp)
report=$(mktemp)
trap 'rm -f "$out" "$err" "$report"' EXIT
known() { if [ -s mypy-baseline.txt ]; then grep -c ': error: ' mypy-baseline.txt; else echo 0; fi; }

# The modules typed strictly (the override in pyproject.toml that disallows untyped defs) may have
# no error in the baseline: there, every error is new.
strict_in_baseline() {
  "$bin/python" - <<'PY'
import re, sys, tomllib
from pathlib import Path

config = tomllib.loads(Path("pyproject.toml").read_text())
patterns = [
    module
    for override in config["tool"]["mypy"].get("overrides", [])
    if override.get("disallow_untyped_defs")
    for module in override["module"]
]
def path_pattern(module):
    if module.endswith(".*"):
        return re.escape(module[:-2].replace(".", "/")) + r"(/|\.py:)"
    return re.escape(module.replace(".", "/")) + r"(/__init__)?\.py:"
strict = re.compile("|".join(f"(?:{path_pattern(m)})" for m in patterns))
baseline = Path("mypy-baseline.txt")
lines = baseline.read_text().splitlines() if baseline.exists() else []
found = [line for line in lines if patterns and strict.match(line)]
for line in found:
    print(line)
if found:
    print("These modules are typed strictly (pyproject.toml): fix the errors above instead.")
sys.exit(1 if found else 0)
PY
}

DEBUG=true "$bin/mypy" >"$out" 2>"$err"
status=$?
cat "$err" >&2
# mypy ends with "Success: ..." or "Found N errors in ..."; anything else (a crash, the plugin
# failing to import the project, a configuration error) is not a type-check result to compare.
if [ "$status" -gt 1 ] || ! tail -n 1 "$out" | grep -Eq '^(Success: no issues found|Found [0-9]+ errors? in)'; then
  cat "$out"
  echo "mypy did not finish (exit $status): fix the error above first."
  exit 2
fi

case "$mode" in
  check)
    strict_in_baseline || exit 1
    if "$bin/mypy-baseline" filter --no-colors <"$out" >"$report"; then
      echo "mypy: no new errors ($(known) known ones in mypy-baseline.txt)."
    else
      cat "$report"
      echo "mypy: an error above that is not in mypy-baseline.txt is new: fix it. Errors counted as"
      echo "'fixed' are gone from the code: run 'make mypy-baseline' and commit the smaller file."
      echo "(Just changed the mypy settings in pyproject.toml? Remove .mypy_cache and run again.)"
      exit 1
    fi
    ;;
  sync)
    before=$(known)
    "$bin/mypy-baseline" sync <"$out" >/dev/null
    echo "mypy-baseline.txt: $before -> $(known) known errors."
    strict_in_baseline || exit 1
    ;;
  *)
    echo "usage: $0 check|sync" >&2
    exit 2
    ;;
esac
