"""Demo data for `make run`: people to log in as and a dozen events around today.

Safe to run again: existing demo accounts and events are left as they are.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction
from django.utils import timezone

from accounts.models import User
from accounts.roles import CLINICAL_STAFF_GROUP
from demo import attendance as demo_attendance
from demo import events as demo_events
from demo import tracker as demo_tracker
from licensing.models import LicenseType, UserLicense

DEMO_PASSWORD = "fullcredit-demo"
PHONE_SAVED_AGO = dt.timedelta(days=90)
PEOPLE = [
    {
        "email": "attendee@example.com",
        "legal_first_name": "Dana",
        "legal_last_name": "Whitfield-Núñez",
        "time_zone": "America/Los_Angeles",
        "phone": "+14155550142",
        "role": "Attendee with two licenses (CA LCSW, NY LCSW)",
        "licenses": [
            ("CA", "LCSW", "LCS 88213", "2027-09-30"),
            ("NY", "LCSW", "R-094512", "2028-02-29"),
        ],
    },
    {
        "email": "staff@example.com",
        "legal_first_name": "Sam",
        "legal_last_name": "Okafor",
        "time_zone": "America/New_York",
        "phone": "",
        "role": "Clinical staff",
        "licenses": [],
    },
    {
        "email": "admin@example.com",
        "legal_first_name": "Alex",
        "legal_last_name": "Rivera",
        "time_zone": "America/Chicago",
        "phone": "",
        "role": "Administrator",
        "licenses": [],
    },
]
# Other attendees who fill rosters (and the demo event with a waiting list).
EXTRAS = [
    ("jordan.lee@example.com", "Jordan", "Lee", [("CA", "LMFT", "LMFT 104233", None)]),
    ("priya.nair@example.com", "Priya", "Nair", [("NY", "LMHC", "L-006712", None)]),
]


class Command(BaseCommand):
    help = (
        "Create the demo accounts (development only). Existing demo accounts are left as they are."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--allow-production",
            action="store_true",
            help="Create the demo accounts even with DEBUG off (they have a published password).",
        )

    @transaction.atomic
    def handle(self, *args: Any, **options: Any) -> None:
        if not settings.DEBUG and not options["allow_production"]:
            raise CommandError(
                "Refusing to create demo accounts with a published password while DEBUG is off."
            )
        if not LicenseType.objects.exists():
            raise CommandError(
                "Load the license catalog first: python manage.py load_license_catalog"
            )
        staff_group = Group.objects.get(name=CLINICAL_STAFF_GROUP)
        people = PEOPLE + [
            {
                "email": email,
                "legal_first_name": first,
                "legal_last_name": last,
                "time_zone": "America/New_York",
                "phone": "",
                "role": "Attendee",
                "licenses": licenses,
            }
            for email, first, last, licenses in EXTRAS
        ]
        for person in people:
            user, created = User.objects.get_or_create(
                email=person["email"],
                defaults={
                    key: person[key]
                    for key in ("legal_first_name", "legal_last_name", "time_zone", "phone")
                },
            )
            if created:
                user.set_password(DEMO_PASSWORD)
                if person["role"] == "Administrator":
                    user.is_staff = user.is_superuser = True
                user.save()
                if user.phone:
                    # The demo's history: the number was on the profile before every demo event.
                    User.objects.filter(pk=user.pk).update(
                        phone_changed_at=timezone.now() - PHONE_SAVED_AGO
                    )
                if person["role"] == "Clinical staff":
                    user.groups.add(staff_group)
                for state, code, number, expires in person["licenses"]:
                    UserLicense.objects.create(
                        user=user,
                        license_type=LicenseType.objects.get(state=state, code=code),
                        number=number,
                        expires_on=expires,
                    )
            EmailAddress.objects.get_or_create(
                user=user, email=user.email, defaults={"verified": True, "primary": True}
            )
        users = {person["email"]: User.objects.get(email=person["email"]) for person in people}
        created = demo_events.load(
            staff=users["staff@example.com"],
            dana=users["attendee@example.com"],
            others=[users[email] for email, *_ in EXTRAS],
        )
        if created:
            self.stdout.write(f"Created {created} demo events.")
        demo_attendance.load()
        demo_tracker.load(users["attendee@example.com"])
        self.stdout.write("")
        self.stdout.write(self.style.SUCCESS(f"Demo logins (password for all: {DEMO_PASSWORD})"))
        for person in PEOPLE:
            self.stdout.write(f"  {person['role']:<48} {person['email']}")
        self.stdout.write("")
