"""Factories for tests across apps."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import factory
from allauth.account.models import EmailAddress
from django.utils import timezone

from accounts.models import User
from events.models import Event, EventApproval, Program, Registration
from licensing.models import ApprovalBody, CECategory, LicenseType, UserLicense

PASSWORD = "correct horse battery"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ("email",)
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@example.com")
    legal_first_name = "Pat"
    legal_last_name = factory.Sequence(lambda n: f"Person{n}")
    time_zone = "America/New_York"

    @factory.post_generation
    def password(self, create, extracted, **kwargs):
        self.set_password(extracted or PASSWORD)
        if create:
            self.save(update_fields=["password"])
            EmailAddress.objects.get_or_create(
                user=self, email=self.email, defaults={"verified": True, "primary": True}
            )


class LicenseTypeLookup(factory.django.DjangoModelFactory):
    """Picks an existing catalog entry (the catalog is loaded into every test database)."""

    class Meta:
        model = LicenseType
        django_get_or_create = ("state", "code")

    state = "CA"
    code = "LCSW"


class UserLicenseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = UserLicense

    user = factory.SubFactory(UserFactory)
    license_type = factory.SubFactory(LicenseTypeLookup)
    number = factory.Sequence(lambda n: f"LIC{10000 + n}")
    expires_on = None


class ProgramFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Program

    code = factory.Sequence(lambda n: f"program-{n}")
    title = factory.Sequence(lambda n: f"Program {n}")


def _in_days(days: int, hour: int = 17) -> dt.datetime:
    """A whole hour `days` from now, in UTC (17:00 UTC is late morning in US zones)."""
    today = timezone.now().astimezone(dt.UTC).replace(minute=0, second=0, microsecond=0)
    return today.replace(hour=hour) + dt.timedelta(days=days)


class EventFactory(factory.django.DjangoModelFactory):
    """A published two-hour live webinar a week from now, worth 2 hours, APA and ASWB approved."""

    class Meta:
        model = Event
        skip_postgeneration_save = True

    program = factory.SubFactory(ProgramFactory)
    slug = factory.Sequence(lambda n: f"event-{n}")
    title = factory.Sequence(lambda n: f"Clinical Webinar {n}")
    summary = "A live interactive webinar on evidence-based practice."
    description = "Full description of the webinar."
    learning_objectives = factory.LazyFunction(
        lambda: ["Describe the model", "Apply two techniques"]
    )
    time_zone = "America/New_York"
    start = factory.LazyFunction(lambda: _in_days(7))
    end = factory.LazyAttribute(lambda o: o.start + dt.timedelta(hours=2))
    advertised_hours = Decimal("2")
    status = Event.PUBLISHED
    published_at = factory.LazyFunction(timezone.now)
    meeting_provider = "simulated"

    @factory.post_generation
    def approvals(self, create, extracted, **kwargs):
        if not create:
            return
        for code in ["APA", "ASWB_ACE"] if extracted is None else extracted:
            body = ApprovalBody.objects.get(code=code)
            approval = EventApproval.objects.create(
                event=self, body=body, approved=True, approval_number="123"
            )
            approval.professions.set(body.professions.all())

    @factory.post_generation
    def categories(self, create, extracted, **kwargs):
        if create:
            codes = ["general"] if extracted is None else extracted
            self.categories.set(CECategory.objects.filter(code__in=codes))


class RegistrationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Registration

    event = factory.SubFactory(EventFactory)
    user = factory.SubFactory(UserFactory)
    name = factory.LazyAttribute(lambda o: o.user.legal_name)
    email = factory.LazyAttribute(lambda o: o.user.email)
    status = Registration.REGISTERED


def decided_eligible(registration: Registration) -> object:
    """The current attendance decision of someone who attended the whole event, as deciding
    would record it (tests that start from an evaluation skip the attendance import)."""
    from attendance.models import Decision

    current = Decision.objects.filter(registration=registration, is_current=True).first()
    if current is not None:
        return current
    event = registration.event
    breaks = event.break_intervals()
    seconds = (event.end - event.start).total_seconds() - sum(
        (b.end - b.start).total_seconds() for b in breaks
    )
    return Decision.objects.create(
        registration=registration,
        version=1,
        outcome=Decision.ELIGIBLE,
        attended_seconds=seconds,
        required_seconds=seconds,
        tolerance_seconds=0,
        credited_hours=event.advertised_hours,
        inputs={
            "advertised_hours": str(event.advertised_hours),
            "window": [event.start.isoformat(), event.end.isoformat()],
            "window_basis": "scheduled",
            "breaks": [[b.start.isoformat(), b.end.isoformat()] for b in breaks],
            "tolerance_seconds": 0,
            "connections": [],
            "review_flags": [],
        },
        rule_version="test",
    )
