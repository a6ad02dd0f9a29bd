import datetime as dt

import pytest
import time_machine
from django.core import mail

from events.services import EventDraft, cancel_registration, register_attendee, save_event
from tests.factories import EventFactory


@pytest.fixture
def event(db):
    return EventFactory(title="Suicide Risk Assessment")


def reminders():
    return [m.subject for m in mail.outbox if "Tomorrow" in m.subject or "1 hour" in m.subject]


def test_reminders_go_out_24_hours_and_1_hour_before(event, dana, run_tasks):
    register_attendee(event, dana)
    run_tasks()
    assert reminders() == []
    with time_machine.travel(event.start - dt.timedelta(hours=24)):
        run_tasks()
    assert reminders() == ["Tomorrow: Suicide Risk Assessment"]
    with time_machine.travel(event.start - dt.timedelta(hours=1)):
        run_tasks()
    assert len(reminders()) == 2
    assert reminders()[1] == "Starting in 1 hour: Suicide Risk Assessment"


def test_a_reminder_task_run_twice_sends_one_email(event, dana, run_tasks):
    from events.tasks import send_event_reminder

    registration = register_attendee(event, dana)
    send_event_reminder.call(registration.pk, "24h", event.start.isoformat())
    send_event_reminder.call(registration.pk, "24h", event.start.isoformat())
    assert len(reminders()) == 1


def test_no_reminder_after_cancelling(event, dana, run_tasks):
    registration = register_attendee(event, dana)
    cancel_registration(registration, actor=dana)
    with time_machine.travel(event.start - dt.timedelta(minutes=30)):
        run_tasks()
    assert reminders() == []


def test_a_moved_event_is_reminded_at_its_new_time_only(event, dana, sam_staff, run_tasks):
    register_attendee(event, dana)
    old_start = event.start
    new_start = old_start + dt.timedelta(days=2)
    draft = EventDraft(
        title=event.title,
        summary=event.summary,
        time_zone=event.time_zone,
        start=new_start,
        end=new_start + dt.timedelta(hours=2),
        advertised_hours=event.advertised_hours,
        approvals=[],
    )
    save_event(draft, actor=sam_staff, event=event)
    with time_machine.travel(old_start - dt.timedelta(minutes=30)):
        run_tasks()
    assert reminders() == []
    assert any("New time" in m.subject for m in mail.outbox)
    with time_machine.travel(new_start - dt.timedelta(minutes=30)):
        run_tasks()
    assert len(reminders()) == 2
