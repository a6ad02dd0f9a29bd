import datetime as dt

import pytest
import time_machine
from django.conf import settings
from django.core import mail

from core.errors import DomainError
from core.models import AuditEntry
from events.models import Event, Registration
from events.services import cancel_event, cancel_registration, register_attendee
from tests.factories import EventFactory, RegistrationFactory, UserFactory


@pytest.fixture
def event(db):
    return EventFactory(title="Trauma-Informed Care", capacity=2)


def test_registering_creates_a_registration_under_the_persons_legal_name(event, dana):
    registration = register_attendee(event, dana)
    assert registration.status == Registration.REGISTERED
    assert registration.name == "Dana Whitfield"
    assert registration.email == "dana@example.com"
    assert AuditEntry.objects.filter(action="registration.registered").exists()


def test_registering_gives_a_personal_join_link_at_once_with_the_simulated_provider(event, dana):
    registration = register_attendee(event, dana)
    assert registration.link_status == Registration.LINK_READY
    # Stored as a path: the absolute link is built from SITE_URL when shown (join_link).
    assert registration.join_url == f"/room/{registration.join_token}/"
    assert registration.join_link == f"{settings.SITE_URL}/room/{registration.join_token}/"
    assert registration.provider_registrant_id


def test_a_second_registration_for_the_same_event_is_refused(event, dana):
    register_attendee(event, dana)
    with pytest.raises(DomainError) as error:
        register_attendee(event, dana)
    assert error.value.code == "already_registered"
    assert Registration.objects.filter(event=event, user=dana).count() == 1


def test_a_full_event_refuses_registration(event, dana):
    RegistrationFactory.create_batch(2, event=event)
    with pytest.raises(DomainError) as error:
        register_attendee(event, dana)
    assert error.value.code == "event_full"
    assert not Registration.objects.filter(user=dana).exists()


def test_a_full_event_offers_the_waiting_list(event, dana):
    RegistrationFactory.create_batch(2, event=event)
    registration = register_attendee(event, dana, join_waitlist=True)
    assert registration.status == Registration.WAITLISTED
    assert registration.join_url == ""


def test_registration_closes_when_the_event_starts(event, dana):
    with (
        time_machine.travel(event.start + dt.timedelta(seconds=1)),
        pytest.raises(DomainError) as error,
    ):
        register_attendee(event, dana)
    assert error.value.code == "registration_closed"


def test_a_cancelled_event_refuses_registration(event, dana, sam_staff):
    cancel_event(event, actor=sam_staff, reason="Presenter ill")
    with pytest.raises(DomainError) as error:
        register_attendee(event, dana)
    assert error.value.code == "event_cancelled"


def test_a_draft_event_refuses_registration(dana):
    draft = EventFactory(status=Event.DRAFT)
    with pytest.raises(DomainError) as error:
        register_attendee(draft, dana)
    assert error.value.code == "event_not_found"


def test_cancelling_frees_the_place_for_the_longest_waiting_person(event, dana, omar):
    first = register_attendee(event, dana)
    RegistrationFactory(event=event)
    waiting_longest = register_attendee(event, omar, join_waitlist=True)
    later = register_attendee(event, UserFactory(), join_waitlist=True)
    cancel_registration(first, actor=dana)
    waiting_longest.refresh_from_db()
    later.refresh_from_db()
    assert waiting_longest.status == Registration.REGISTERED
    assert waiting_longest.link_status == Registration.LINK_READY
    assert later.status == Registration.WAITLISTED


def test_cancelling_is_refused_after_the_start(event, dana):
    registration = register_attendee(event, dana)
    late = time_machine.travel(event.start + dt.timedelta(minutes=1))
    with late, pytest.raises(DomainError) as error:
        cancel_registration(registration, actor=dana)
    assert error.value.code == "cancellation_closed"
    registration.refresh_from_db()
    assert registration.status == Registration.REGISTERED


def test_cancelling_twice_is_refused_and_changes_nothing(
    event, dana, django_capture_on_commit_callbacks
):
    registration = register_attendee(event, dana)
    cancel_registration(registration, actor=dana)
    registration.refresh_from_db()
    cancelled_at = registration.cancelled_at
    entries = AuditEntry.objects.count()
    with django_capture_on_commit_callbacks() as callbacks, pytest.raises(DomainError) as error:
        cancel_registration(registration, actor=dana)
    assert error.value.code == "not_registered"
    assert error.value.message == "This registration is already cancelled."
    registration.refresh_from_db()
    assert registration.cancelled_at == cancelled_at
    assert AuditEntry.objects.count() == entries
    assert callbacks == []


def test_a_cancelled_registration_can_register_again(event, dana):
    registration = register_attendee(event, dana)
    cancel_registration(registration, actor=dana)
    again = register_attendee(event, dana)
    assert again.pk == registration.pk
    assert again.status == Registration.REGISTERED


def test_the_confirmation_email_carries_the_calendar_file(event, dana, run_tasks):
    register_attendee(event, dana)
    run_tasks()
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["dana@example.com"]
    assert "You're registered: Trauma-Informed Care" in message.subject
    filename, content, mimetype = message.attachments[0]
    assert filename == "event.ics"
    assert mimetype.startswith("text/calendar")
    assert "SUMMARY:Trauma-Informed Care" in content


def test_the_confirmation_shows_the_time_in_the_attendees_zone(event, dana, run_tasks):
    register_attendee(event, dana)
    run_tasks()
    local = event.start.astimezone(dana_zone())
    expected = local.strftime("%-I:%M %p") + (
        " PST" if local.dst().total_seconds() == 0 else " PDT"
    )
    assert expected in mail.outbox[0].body


def dana_zone():
    import zoneinfo

    return zoneinfo.ZoneInfo("America/Los_Angeles")


def test_waitlisted_people_are_told_so(event, dana, run_tasks):
    RegistrationFactory.create_batch(2, event=event)
    register_attendee(event, dana, join_waitlist=True)
    run_tasks()
    assert "waiting list" in mail.outbox[0].subject


def test_cancelling_an_event_emails_every_registrant_and_waitlisted_person(
    event, dana, omar, sam_staff, run_tasks
):
    register_attendee(event, dana)
    RegistrationFactory(event=event)
    register_attendee(event, omar, join_waitlist=True)
    run_tasks()
    mail.outbox.clear()
    cancel_event(event, actor=sam_staff, reason="Presenter ill")
    run_tasks()
    assert sorted(m.to[0] for m in mail.outbox if "Cancelled" in m.subject) == sorted(
        [
            "dana@example.com",
            "omar@example.com",
            Registration.objects.exclude(user__in=[dana, omar]).get().email,
        ]
    )
    assert "STATUS:CANCELLED" in mail.outbox[0].attachments[0][1]
