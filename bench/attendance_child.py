"""Child process of the attendance benchmark: a fresh database, the registrants, one import."""

from __future__ import annotations

import datetime as dt
import json
import sys
import time
from decimal import Decimal
from pathlib import Path

import django


def main() -> None:
    file_path, count = sys.argv[1], int(sys.argv[2])
    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection

    from bench.children import recreate_postgres_database

    if connection.vendor == "postgresql":
        recreate_postgres_database(settings.DATABASES["default"]["NAME"])
    call_command("migrate", verbosity=0)
    call_command("load_license_catalog", verbosity=0)

    from accounts.models import User
    from attendance.services.importing import import_attendance
    from bench.attendance import END, START, ZONE, people
    from events.models import Event, Program, Registration

    program = Program.objects.create(code="bench", title="Benchmark webinar")
    event = Event.objects.create(
        program=program,
        slug="bench",
        title="Benchmark webinar",
        summary="Benchmark",
        time_zone=ZONE,
        start=START,
        end=END,
        advertised_hours=Decimal("3"),
        status=Event.PUBLISHED,
    )
    event.breaks.create(
        start=START + dt.timedelta(minutes=90), end=START + dt.timedelta(minutes=105)
    )
    users = User.objects.bulk_create(
        [
            User(email=email, legal_first_name=first, legal_last_name=last)
            for first, last, email in people(count)
        ],
        batch_size=2000,
    )
    Registration.objects.bulk_create(
        [
            Registration(
                event=event,
                user=user,
                name=user.legal_name,
                email=user.email,
                status=Registration.REGISTERED,
                join_token=f"bench-{user.pk}",
            )
            for user in users
        ],
        batch_size=2000,
    )
    content = Path(file_path).read_bytes()
    began = time.perf_counter()
    import_attendance(event, [("attendee-report.csv", content)], time_zone=ZONE)
    seconds = time.perf_counter() - began
    print(json.dumps({"seconds": seconds}))


if __name__ == "__main__":
    main()
