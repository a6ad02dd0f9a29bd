"""Attendance benchmark: a synthetic webinar of 10,000 registrants and ~40,000 connection rows.

Prints, from one run: Python's csv module merely reading the file (the floor); parsing, matching
and deciding in memory; and the full `import_attendance` into SQLite and into PostgreSQL
(each in a fresh database, in a child process so each has its own Django settings).

    python -m bench.attendance [--registrants N] [--postgres URL] [--no-postgres]
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import io
import sys
import tempfile
import time
from pathlib import Path

from bench.children import run_child

ROOT = Path(__file__).resolve().parent.parent
START = dt.datetime(2026, 12, 1, 15, 0, tzinfo=dt.UTC)
END = START + dt.timedelta(hours=3, minutes=15)
ZONE = "America/New_York"


def people(count: int) -> list[tuple[str, str, str]]:
    return [(f"First{n}", f"Last{n}", f"person{n}@example.com") for n in range(count)]


def build_file(count: int) -> bytes:
    from attendance.parsing.synthetic import webinar_attendee_csv

    return webinar_attendee_csv(
        people(count), event_start=START, event_end=END, time_zone=ZONE, seed=7
    )


def best_of(runs: int, action) -> float:
    timings = []
    for _ in range(runs):
        began = time.perf_counter()
        action()
        timings.append(time.perf_counter() - began)
    return min(timings)


def in_memory(content: bytes, count: int) -> tuple[float, float, int]:
    from decimal import Decimal

    from attendance import matching
    from attendance.parsing import parse_report
    from credit.eligibility import decide
    from credit.intervals import Interval

    registrants = [
        matching.Registrant(n, "", frozenset({email}), f"{first} {last}")
        for n, (first, last, email) in enumerate(people(count))
    ]
    window = Interval(START, END)
    breaks = [Interval(START + dt.timedelta(minutes=90), START + dt.timedelta(minutes=105))]

    def pipeline() -> None:
        report = parse_report(
            content, "attendee-report.csv", time_zone=ZONE, event_date=START.date()
        )
        rows = [
            matching.Row(
                i,
                r.name,
                r.original_name,
                r.email,
                r.registrant_id,
                r.role,
                r.is_phone,
                r.phone_digits,
            )
            for i, r in enumerate(report.rows)
        ]
        placement = matching.place(rows, registrants)
        intervals: dict[int, list[Interval]] = {}
        for key, (registration, _how) in placement.placed.items():
            row = report.rows[key]
            if not row.in_waiting_room:
                intervals.setdefault(registration, []).append(Interval(row.join, row.leave))
        for registrant in registrants:
            decide(intervals.get(registrant.registration_id, []), window, breaks, Decimal("3"))
        pipeline.rows = len(report.rows)  # type: ignore[attr-defined]

    def bare_read() -> None:
        for _ in csv.reader(io.StringIO(content.decode("utf-8-sig"))):
            pass

    bare = best_of(3, bare_read)
    full = best_of(3, pipeline)
    return bare, full, pipeline.rows  # type: ignore[attr-defined]


def database_import(database_url: str, file_path: str, count: int) -> float:
    """Run the full import in a child process against a fresh database."""
    return run_child(database_url, "bench.attendance_child", file_path, str(count))["seconds"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--registrants", type=int, default=10_000)
    parser.add_argument("--postgres", default="postgres://postgres@127.0.0.1:5432/fullcredit_bench")
    parser.add_argument("--no-postgres", action="store_true")
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT))

    content = build_file(args.registrants)
    bare, full, rows = in_memory(content, args.registrants)
    size = len(content) / 1e6
    print(f"Attendance: {args.registrants:,} registrants, {rows:,} connection rows, {size:.1f} MB")
    print(f"  csv module, bare read           {bare:8.3f} s")
    ratio = full / bare
    print(f"  parse + match + decide (memory) {full:8.3f} s   ({ratio:.1f}x the bare read, aim 5x)")
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "attendee-report.csv"
        path.write_bytes(content)
        sqlite = database_import(
            f"sqlite:///{Path(folder) / 'bench.sqlite3'}", str(path), args.registrants
        )
        print(f"  import_attendance, SQLite       {sqlite:8.3f} s   (aim < 10 s)")
        if not args.no_postgres:
            postgres = database_import(args.postgres, str(path), args.registrants)
            print(f"  import_attendance, PostgreSQL   {postgres:8.3f} s")


if __name__ == "__main__":
    main()
