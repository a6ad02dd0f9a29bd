"""What each person is told to do next: one list, gathered from the apps that know, shown the
same on the home page, My Events, the receipt and the evaluation."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from django.utils import timezone

from attendance.models import AttendanceImport, Connection, Decision, PhoneClaim
from certificates.models import Certificate
from core.next_steps import Urgency, links_for, steps_for
from credit.eligibility import NO_CONNECTION
from evaluations.defaults import ensure_default_template
from evaluations.models import Evaluation
from evaluations.snapshot import build_questions
from events.models import Registration
from tests.factories import EventFactory, RegistrationFactory, UserFactory, UserLicenseFactory
from tracker.models import CreditAssignment
from tracker.tests.conftest import make_certificate

pytestmark = pytest.mark.django_db


def _now() -> dt.datetime:
    return timezone.now().replace(microsecond=0)


def _event_ago(*, hours_ago: float, length_hours: float = 2, **kwargs):
    start = _now() - dt.timedelta(hours=hours_ago)
    return EventFactory(start=start, end=start + dt.timedelta(hours=length_hours), **kwargs)


def _evaluation(registration: Registration, *, deadline_in: dt.timedelta, status=None):
    template = ensure_default_template()
    return Evaluation.objects.create(
        registration=registration,
        event=registration.event,
        template=template,
        questions=build_questions(template, registration.event),
        deadline=_now() + deadline_in,
        status=status or Evaluation.ISSUED,
    )


def _titles(user) -> list[str]:
    return [step.title for step in steps_for(user)]


def test_an_anonymous_visitor_has_no_steps():
    from django.contrib.auth.models import AnonymousUser

    assert steps_for(AnonymousUser()) == []


def test_an_event_about_to_start_or_live_is_to_join_and_one_further_off_is_not():
    user = UserFactory()
    soon = EventFactory(title="Starts in five", start=_now() + dt.timedelta(minutes=5))
    soon.end = soon.start + dt.timedelta(hours=2)
    soon.save()
    live = _event_ago(hours_ago=0.5, title="Live now")
    later = EventFactory(title="Next week")
    over = _event_ago(hours_ago=3, title="Over")
    for event in (soon, live, later, over):
        RegistrationFactory(event=event, user=user)
    cancelled_registration = RegistrationFactory(
        event=_event_ago(hours_ago=0.25, title="Cancelled seat"), user=user
    )
    cancelled_registration.status = Registration.CANCELLED
    cancelled_registration.save()

    steps = steps_for(user)

    assert [s.title for s in steps] == [
        "“Live now” is live now",
        "“Starts in five” is about to start",
    ]
    assert all(s.urgency == Urgency.NOW and s.action == "Join now" for s in steps)
    assert steps[0].url == reverse("events:hall", args=[live.slug])


def test_an_open_evaluation_is_due_by_its_deadline_and_a_closed_or_submitted_one_is_not():
    user = UserFactory()
    waiting = _evaluation(
        RegistrationFactory(event=_event_ago(hours_ago=30, title="To evaluate"), user=user),
        deadline_in=dt.timedelta(days=5),
    )
    _evaluation(
        RegistrationFactory(event=_event_ago(hours_ago=900, title="Too late"), user=user),
        deadline_in=-dt.timedelta(days=1),
    )
    _evaluation(
        RegistrationFactory(event=_event_ago(hours_ago=50, title="Done"), user=user),
        deadline_in=dt.timedelta(days=5),
        status=Evaluation.SUBMITTED,
    )

    (step,) = steps_for(user)

    assert step.title == "Complete your evaluation of “To evaluate”"
    assert step.urgency == Urgency.DUE
    assert step.due == waiting.deadline
    assert step.url == reverse("evaluations:detail", args=[waiting.pk])


def test_a_new_certificate_is_pointed_out_and_an_old_or_revoked_one_is_not():
    user = UserFactory()
    UserLicenseFactory(user=user)  # so the tracker has somewhere to put the hours
    new = make_certificate(user, title="Fresh", days_ago=2)
    old = make_certificate(user, title="Old", days_ago=40)
    Certificate.objects.filter(pk=old.pk).update(issued_at=_now() - dt.timedelta(days=30))
    revoked = make_certificate(user, title="Revoked", days_ago=3)
    Certificate.objects.filter(pk=revoked.pk).update(status=Certificate.REVOKED)

    certificate_steps = [s for s in steps_for(user) if s.action == "Download the certificate"]

    assert [s.title for s in certificate_steps] == ["Your certificate for “Fresh” is ready"]
    assert certificate_steps[0].url == reverse("certificates:detail", args=[new.number])


def test_hours_with_nowhere_to_count_ask_for_a_license_which_then_counts_them():
    user = UserFactory()
    certificate = make_certificate(user, title="Unassigned", days_ago=20)
    Certificate.objects.filter(pk=certificate.pk).update(issued_at=_now() - dt.timedelta(days=20))

    (step,) = steps_for(user)
    assert step.action == "Add a license"
    assert step.url == reverse("licensing:add")
    assert step.detail == "1 certificate waiting."

    license = UserLicenseFactory(user=user)  # CA LCSW: APA and ASWB ACE approvals count

    assert steps_for(user) == []
    assert CreditAssignment.objects.filter(certificate=certificate, user_license=license).exists()


def test_hours_the_tracker_cannot_place_ask_the_person_to_choose():
    user = UserFactory()
    UserLicenseFactory(user=user)
    certificate = make_certificate(user, title="No approvals", days_ago=20, approvals=[])
    Certificate.objects.filter(pk=certificate.pk).update(issued_at=_now() - dt.timedelta(days=20))
    assert not CreditAssignment.objects.filter(certificate=certificate).exists()

    (step,) = steps_for(user)
    assert step.title == "Choose where the hours of “No approvals” count"
    assert step.url == reverse("tracker:assign_certificate", args=[certificate.number])

    CreditAssignment.objects.create(
        certificate=certificate, user_license=user.licenses.get(), hours=Decimal("3")
    )
    assert steps_for(user) == []


def _no_show(user, *, phone_rows: int, hours_ago: float = 5):
    event = _event_ago(hours_ago=hours_ago, title="Phone event")
    registration = RegistrationFactory(event=event, user=user)
    Decision.objects.create(
        registration=registration,
        version=1,
        outcome=Decision.NOT_ELIGIBLE,
        attended_seconds=0,
        required_seconds=7200,
        tolerance_seconds=0,
        credited_hours=0,
        reasons=[NO_CONNECTION],
        inputs={},
        rule_version="test",
    )
    report = AttendanceImport.objects.create(event=event, format="test", content_sha256="x" * 64)
    for line in range(phone_rows):
        Connection.objects.create(
            event=event,
            attendance_import=report,
            identity_key=f"phone-{line}",
            source="report.csv",
            line=line + 2,
            name="+1 415 555 0100",
            join=event.start,
            leave=event.end,
            is_phone=True,
            phone_digits="0100",
        )
    return registration


def test_someone_nothing_placed_in_a_room_with_unplaced_calls_is_asked_about_the_phone():
    user = UserFactory()
    registration = _no_show(user, phone_rows=1)

    (step,) = steps_for(user)

    assert step.title == "Did you join “Phone event” by phone?"
    assert step.url == reverse("attendance:receipt", args=[registration.event.slug]) + "#dial-in"

    PhoneClaim.objects.create(
        registration=registration, last4="0100", result=PhoneClaim.NOT_PROFILE_PHONE
    )
    assert steps_for(user) == []


def test_no_dial_in_step_without_unplaced_calls_or_long_after_the_event():
    user = UserFactory()
    _no_show(user, phone_rows=0)
    _no_show(user, phone_rows=1, hours_ago=24 * 20)

    assert steps_for(user) == []


def test_steps_are_most_urgent_first_and_only_the_owners():
    user, other = UserFactory(), UserFactory()
    UserLicenseFactory(user=user)
    make_certificate(user, title="Fresh", days_ago=2)
    _evaluation(
        RegistrationFactory(event=_event_ago(hours_ago=30, title="To evaluate"), user=user),
        deadline_in=dt.timedelta(days=5),
    )
    RegistrationFactory(event=_event_ago(hours_ago=0.5, title="Live"), user=user)

    urgencies = [s.urgency for s in steps_for(user)]

    assert urgencies == sorted(urgencies)
    assert urgencies[:2] == [Urgency.NOW, Urgency.DUE]
    assert steps_for(other) == []


def test_certificate_links_are_the_owners_valid_certificates_of_the_events_asked_for():
    user, other = UserFactory(), UserFactory()
    mine = make_certificate(user, title="Mine", days_ago=60)
    theirs = make_certificate(other, title="Theirs", days_ago=60)

    links = links_for(user, [mine.event_id, theirs.event_id])

    assert list(links) == [mine.event_id]
    assert links[mine.event_id][0].url == reverse("certificates:detail", args=[mine.number])


def test_the_home_page_lists_the_steps_with_their_deadline_in_the_viewers_zone(client):
    user = UserFactory(time_zone="America/Los_Angeles")
    evaluation = _evaluation(
        RegistrationFactory(event=_event_ago(hours_ago=30, title="To evaluate"), user=user),
        deadline_in=dt.timedelta(days=5),
    )
    client.force_login(user)

    text = client.get(reverse("home")).content.decode()

    assert "What to do next" in text
    assert "Complete your evaluation of “To evaluate”" in text
    assert reverse("evaluations:detail", args=[evaluation.pk]) in text
    deadline = timezone.localtime(evaluation.deadline, ZoneInfo("America/Los_Angeles"))
    assert f"by {deadline:%b} {deadline.day}, {deadline.year}, " in text
    assert f" {deadline:%Z}</span>" in text


def test_my_events_shows_each_events_step_and_the_certificate_of_a_past_event(client):
    user = UserFactory()
    UserLicenseFactory(user=user)
    old = make_certificate(user, title="Long ago", days_ago=60)
    Certificate.objects.filter(pk=old.pk).update(issued_at=_now() - dt.timedelta(days=59))
    live = _event_ago(hours_ago=0.5, title="Live")
    RegistrationFactory(event=live, user=user)
    client.force_login(user)

    text = client.get(reverse("events:my_events")).content.decode()

    assert "“Live” is live now" in text
    assert f"Certificate {old.number}" in text
    assert reverse("certificates:detail", args=[old.number]) in text


def test_the_submitted_evaluation_links_to_its_certificate(client):
    user = UserFactory()
    certificate = make_certificate(user, title="Evaluated", days_ago=3)
    client.force_login(user)

    text = client.get(reverse("evaluations:detail", args=[certificate.evaluation_id])).content
    text = text.decode()

    assert "Your certificate is ready" in text
    assert reverse("certificates:detail", args=[certificate.number]) in text
