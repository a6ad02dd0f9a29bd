"""Reconciler benchmark: a run that finds nothing missing, over 100,000 certificates.

Builds, in a fresh SQLite database (and PostgreSQL when it runs), 100 past events of 1,000
attendees each, all decided eligible, evaluated and certified with every email sent; then times
`reconcile()` (which must find nothing) beside its floor: the one bare anti-join at the heart of
its checks, counting evaluations without a certificate.
Printed, never asserted.

    python -m bench.reconcile [--certificates N] [--postgres URL] [--no-postgres]
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

from bench.children import run_child

ROOT = Path(__file__).resolve().parent.parent
PER_EVENT = 1000


def build(count: int) -> None:
    import datetime as dt
    from decimal import Decimal

    from django.utils import timezone

    from accounts.models import User
    from attendance.models import Decision
    from certificates.models import Certificate
    from evaluations.models import Evaluation
    from events.models import Event, Program, Registration

    now = timezone.now()
    users = User.objects.bulk_create(
        [
            User(email=f"person{n}@example.com", legal_first_name="P", legal_last_name=str(n))
            for n in range(count)
        ],
        batch_size=5000,
    )
    for index in range(0, count, PER_EVENT):
        start = now - dt.timedelta(days=60 + index // PER_EVENT)
        program = Program.objects.create(code=f"bench-{index}", title=f"Program {index}")
        event = Event.objects.create(
            program=program,
            slug=f"bench-{index}",
            title=f"Benchmark webinar {index}",
            summary="Benchmark",
            time_zone="UTC",
            start=start,
            end=start + dt.timedelta(hours=2),
            advertised_hours=Decimal("2"),
            status=Event.PUBLISHED,
        )
        group = users[index : index + PER_EVENT]
        registrations = Registration.objects.bulk_create(
            [
                Registration(
                    event=event,
                    user=user,
                    name=f"P {user.legal_last_name}",
                    email=user.email,
                    status=Registration.REGISTERED,
                    registered_at=start - dt.timedelta(days=7),
                    join_token=f"bench-{user.pk}",
                )
                for user in group
            ],
            batch_size=5000,
        )
        Decision.objects.bulk_create(
            [
                Decision(
                    registration=registration,
                    version=1,
                    outcome=Decision.ELIGIBLE,
                    attended_seconds=7200,
                    required_seconds=7200,
                    tolerance_seconds=0,
                    credited_hours=Decimal("2"),
                    rule_version="bench",
                    created_at=start + dt.timedelta(hours=3),
                )
                for registration in registrations
            ],
            batch_size=5000,
        )
        issued = start + dt.timedelta(hours=3)
        evaluations = Evaluation.objects.bulk_create(
            [
                Evaluation(
                    registration=registration,
                    event=event,
                    status=Evaluation.SUBMITTED,
                    issued_at=issued,
                    deadline=issued + dt.timedelta(days=30),
                    submitted_at=issued + dt.timedelta(days=1),
                    attested=True,
                    issue_email_sent_at=issued,
                )
                for registration in registrations
            ],
            batch_size=5000,
        )
        Certificate.objects.bulk_create(
            [
                Certificate(
                    number=f"FC-B-{evaluation.pk:07d}",
                    evaluation=evaluation,
                    user_id=evaluation.registration.user_id,
                    program=program,
                    event=event,
                    issued_at=issued + dt.timedelta(days=1),
                    snapshot={},
                    ready_email_sent_at=issued + dt.timedelta(days=1),
                )
                for evaluation in evaluations
            ],
            batch_size=5000,
        )


def child(count: int) -> None:
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    from bench.children import recreate_postgres_database

    if connection.vendor == "postgresql":
        recreate_postgres_database(connection.settings_dict["NAME"])
    call_command("migrate", verbosity=0)
    build(count)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")

    from evaluations.models import Evaluation
    from operations.reconcile import reconcile

    def best(action) -> float:
        timings = []
        for _ in range(5):
            began = time.perf_counter()
            action()
            timings.append(time.perf_counter() - began)
        return min(timings)

    found = reconcile()
    floor = best(lambda: Evaluation.objects.filter(certificates__isnull=True).count())
    run = best(reconcile)
    print(json.dumps({"floor": floor, "run": run, "found": len(found)}))


def measure(database_url: str, count: int) -> dict:
    return run_child(database_url, "bench.reconcile", "--child", str(count))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--certificates", type=int, default=100_000)
    parser.add_argument("--postgres", default="postgres://postgres@127.0.0.1:5432/fullcredit_bench")
    parser.add_argument("--no-postgres", action="store_true")
    parser.add_argument("--child", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT))
    if args.child:
        child(args.child)
        return
    print(f"Reconcile with nothing missing: {args.certificates:,} certificates")
    with tempfile.TemporaryDirectory() as folder:
        targets = [("SQLite", f"sqlite:///{Path(folder) / 'bench.sqlite3'}")]
        if not args.no_postgres:
            targets.append(("PostgreSQL", args.postgres))
        for name, url in targets:
            figures = measure(url, args.certificates)
            if figures["found"]:
                raise SystemExit(f"{name}: the reconciler found {figures['found']} problems")
            ratio = figures["run"] / figures["floor"]
            print(f"  {name:<10} bare anti-join            {figures['floor'] * 1000:8.1f} ms")
            print(
                f"  {name:<10} reconcile()              {figures['run'] * 1000:8.1f} ms"
                f"   ({ratio:.1f}x the anti-join)"
            )


if __name__ == "__main__":
    main()
