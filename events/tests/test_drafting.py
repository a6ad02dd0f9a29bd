import datetime as dt
from decimal import Decimal

import pytest
import time_machine

from core.errors import DomainError
from core.models import AuditEntry
from events.errors import EventCode
from events.models import Event, Program
from events.services import (
    ApprovalDraft,
    BreakDraft,
    EventDraft,
    PresenterDraft,
    ScheduleInvalid,
    cancel_event,
    duplicate_event,
    publish_event,
    save_event,
)

START = dt.datetime(2030, 3, 5, 15, 0, tzinfo=dt.UTC)


def draft(**overrides):
    values = {
        "title": "Ethics Update",
        "summary": "Annual ethics update.",
        "time_zone": "America/New_York",
        "start": START,
        "end": START + dt.timedelta(hours=3, minutes=15),
        "advertised_hours": Decimal("3"),
        "categories": ["law_ethics"],
        "breaks": [
            BreakDraft(START + dt.timedelta(hours=1), START + dt.timedelta(hours=1, minutes=15))
        ],
        "presenters": [PresenterDraft("Chidi Okoro", "LCSW", "Ethics educator.")],
        "approvals": [
            ApprovalDraft("ASWB_ACE", professions=["social_work"], approval_number="1234")
        ],
    }
    return EventDraft(**{**values, **overrides})


def test_saving_a_draft_stores_the_event_with_everything_attached(sam_staff):
    event = save_event(draft(), actor=sam_staff)
    assert event.status == Event.DRAFT
    assert event.breaks.count() == 1
    assert [str(p.presenter) for p in event.event_presenters.all()] == ["Chidi Okoro, LCSW"]
    approval = event.approvals.get()
    assert approval.body.code == "ASWB_ACE"
    assert "ACE" in approval.statement or approval.statement
    assert list(event.categories.values_list("code", flat=True)) == ["law_ethics"]
    assert event.program.title == "Ethics Update"


def test_an_invalid_schedule_stores_nothing_and_names_every_problem(sam_staff):
    bad = draft(
        advertised_hours=Decimal("3.5"),
        breaks=[BreakDraft(START - dt.timedelta(minutes=5), START + dt.timedelta(minutes=10))],
    )
    with pytest.raises(ScheduleInvalid) as error:
        save_event(bad, actor=sam_staff)
    codes = {problem.code for problem in error.value.problems}
    assert {"break_outside_event", "hours_exceed_instructional_time"} <= codes
    assert not Event.objects.exists()
    assert not Program.objects.exists()


def test_an_approval_must_be_in_force_on_the_event_day(sam_staff):
    expired = ApprovalDraft(
        "APA", period_start=dt.date(2028, 1, 1), period_end=dt.date(2029, 12, 31)
    )
    with pytest.raises(DomainError) as error:
        save_event(draft(approvals=[expired]), actor=sam_staff)
    assert error.value.code == "approval_period_excludes_event"
    assert not Event.objects.exists()


def test_a_recording_can_share_the_live_events_program(sam_staff):
    live = save_event(draft(), actor=sam_staff)
    rerun = save_event(
        draft(title="Ethics Update (rerun)", program_code=live.program.code), actor=sam_staff
    )
    assert rerun.program == live.program


def test_publishing_requires_an_approval(sam_staff):
    event = save_event(draft(approvals=[]), actor=sam_staff)
    with pytest.raises(DomainError) as error:
        publish_event(event, actor=sam_staff)
    assert error.value.code == "no_approval"


def test_a_not_approved_row_alone_does_not_allow_publishing(sam_staff):
    event = save_event(
        draft(
            approvals=[ApprovalDraft("NBCC", approved=False, statement="Does not meet NBCC rules.")]
        ),
        actor=sam_staff,
    )
    with pytest.raises(DomainError):
        publish_event(event, actor=sam_staff)


def test_publishing_creates_the_meeting(sam_staff):
    event = publish_event(save_event(draft(), actor=sam_staff), actor=sam_staff)
    assert event.status == Event.PUBLISHED
    assert event.meeting_provider == "simulated"
    assert event.provider_meeting_id == f"sim-{event.pk}"


def test_duplicating_makes_a_draft_of_the_same_program(sam_staff):
    event = publish_event(save_event(draft(), actor=sam_staff), actor=sam_staff)
    copy = duplicate_event(event, actor=sam_staff)
    assert copy.status == Event.DRAFT
    assert copy.program == event.program
    assert copy.breaks.count() == 1 and copy.approvals.count() == 1
    assert copy.slug != event.slug


def test_an_event_titled_new_does_not_take_a_reserved_address(sam_staff):
    event = save_event(draft(title="New"), actor=sam_staff)
    assert event.slug == "new-2"


@pytest.mark.parametrize(
    ("overrides", "code", "field"),
    [
        ({"program_code": "no-such-program"}, "program_unknown", "program_code"),
        ({"categories": ["law_ethics", "astrology"]}, "category_unknown", "categories"),
        ({"approvals": [ApprovalDraft("NO_SUCH_BODY")]}, "approval_body_unknown", "approvals"),
        (
            {
                "approvals": [
                    ApprovalDraft(
                        "APA", period_start=dt.date(2030, 6, 1), period_end=dt.date(2030, 1, 1)
                    )
                ]
            },
            "approval_period_invalid",
            "approvals",
        ),
    ],
)
def test_a_draft_naming_what_does_not_exist_stores_nothing(sam_staff, overrides, code, field):
    with pytest.raises(DomainError) as error:
        save_event(draft(**overrides), actor=sam_staff)
    assert (error.value.code, error.value.field) == (code, field)
    assert not Event.objects.exists()
    assert not AuditEntry.objects.filter(action="event.created").exists()


def test_an_event_that_has_ended_can_be_neither_published_nor_cancelled(sam_staff):
    draft_event = save_event(draft(), actor=sam_staff)
    with time_machine.travel(START + dt.timedelta(days=1)), pytest.raises(DomainError) as error:
        publish_event(draft_event, actor=sam_staff)
    assert error.value.code == "event_ended"
    draft_event.refresh_from_db()
    assert draft_event.status == Event.DRAFT and draft_event.published_at is None
    assert draft_event.provider_meeting_id == ""

    published = publish_event(save_event(draft(), actor=sam_staff), actor=sam_staff)
    with time_machine.travel(START + dt.timedelta(days=1)), pytest.raises(DomainError) as error:
        cancel_event(published, actor=sam_staff, reason="Too late.")
    assert error.value.code == "event_ended"
    published.refresh_from_db()
    assert published.status == Event.PUBLISHED and published.cancelled_at is None
    assert published.cancel_reason == ""
    assert not AuditEntry.objects.filter(action="event.cancelled").exists()


def test_a_chosen_presenter_that_no_longer_exists_stores_nothing(sam_staff):
    gone = PresenterDraft("Chidi Okoro", presenter_id=987654)

    with pytest.raises(DomainError) as refused:
        save_event(draft(title="Ghost presenter", presenters=[gone]), actor=sam_staff)

    assert refused.value.code == EventCode.PRESENTER_UNKNOWN
    assert refused.value.field == "presenters"
    assert not Event.objects.filter(title="Ghost presenter").exists()
