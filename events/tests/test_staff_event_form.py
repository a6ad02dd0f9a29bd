"""The staff event form: what it stores, and how it refuses a schedule the credit rules forbid."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
import time_machine
from django.urls import reverse

from core.errors import DomainError
from core.models import AuditEntry
from credit.schedule import ScheduleProblem
from events.models import Break, Event, Program
from events.services import ScheduleInvalid
from events.staff import editing
from events.tests.test_staff_support import (
    NOW,
    event_form_data,
    submitted_values,
    with_event_permissions,
)
from tests.factories import EventFactory, ProgramFactory

UTC = dt.UTC
NEW = reverse("staff:event_new")


@pytest.fixture(autouse=True)
def frozen_now():
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def staff(client, sam_staff):
    user = with_event_permissions(sam_staff)
    client.force_login(user)
    return user


def field_errors(response, name):
    return response.context["editor"].form.errors.get(name, [])


def row_errors(response, formset, index):
    return getattr(response.context["editor"], formset).forms[index].non_field_errors()


def test_a_new_draft_stores_every_part_with_times_converted_from_the_event_zone(client, staff):
    data = event_form_data(
        description="Two hours on safety, trust and choice.",
        learning_objectives="Describe the four Rs\n\n  Apply grounding techniques  \n",
        capacity="100",
        dial_in_instructions="Call +1 646 555 0100 and enter the webinar ID.",
        categories=["general", "law_ethics"],
        breaks=[{"start": "2026-03-12T14:00", "end": "2026-03-12T14:10", "label": "Stretch"}],
        presenters=[{"name": "Maya  Ortiz", "credentials": "PhD", "bio": "Trauma researcher."}],
        approvals=[
            {
                "body": "APA",
                "approved": "yes",
                "approval_number": "APA-1234",
                "period_start": "2026-01-01",
                "period_end": "2026-12-31",
                "professions": ["psychology"],
                "statement": "",
            },
            {
                "body": "ASWB_ACE",
                "approved": "no",
                "approval_number": "",
                "professions": ["social_work"],
                "statement": "Social workers: this program is not ACE approved.",
            },
        ],
        advertised_hours="1.75",
    )

    response = client.post(NEW, data)

    event = Event.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("staff:event_manage", args=[event.slug])
    assert event.status == Event.DRAFT
    # 1 PM on March 12 in New York is EDT (UTC-4).
    assert event.start == dt.datetime(2026, 3, 12, 17, 0, tzinfo=UTC)
    assert event.end == dt.datetime(2026, 3, 12, 19, 0, tzinfo=UTC)
    assert event.time_zone == "America/New_York"
    assert event.advertised_hours == Decimal("1.75")
    assert event.learning_objectives == ["Describe the four Rs", "Apply grounding techniques"]
    assert event.capacity == 100
    assert event.dial_in_instructions.startswith("Call +1 646")
    assert sorted(c.code for c in event.categories.all()) == ["general", "law_ethics"]
    [pause] = event.breaks.all()
    assert (pause.start, pause.end, pause.label) == (
        dt.datetime(2026, 3, 12, 18, 0, tzinfo=UTC),
        dt.datetime(2026, 3, 12, 18, 10, tzinfo=UTC),
        "Stretch",
    )
    [presenter] = [p.presenter for p in event.event_presenters.all()]
    assert (presenter.name, presenter.credentials, presenter.bio) == (
        "Maya Ortiz",
        "PhD",
        "Trauma researcher.",
    )
    apa = event.approvals.get(body__code="APA")
    assert apa.approved and apa.approval_number == "APA-1234"
    assert (apa.period_start, apa.period_end) == (dt.date(2026, 1, 1), dt.date(2026, 12, 31))
    assert [p.code for p in apa.professions.all()] == ["psychology"]
    assert apa.statement  # the body's standard wording when left empty
    ace = event.approvals.get(body__code="ASWB_ACE")
    assert not ace.approved
    assert ace.statement == "Social workers: this program is not ACE approved."
    assert event.program.title == event.title  # a new program for new content
    assert AuditEntry.objects.filter(action="event.created", target_id=str(event.pk)).exists()


def test_the_same_wall_clock_time_is_stored_an_hour_apart_across_daylight_saving(client, staff):
    for title, day in [("Before", "2026-03-05"), ("After", "2026-03-12")]:
        client.post(NEW, event_form_data(title=title, start=f"{day}T13:00", end=f"{day}T15:00"))

    assert Event.objects.get(title="Before").start == dt.datetime(2026, 3, 5, 18, 0, tzinfo=UTC)
    assert Event.objects.get(title="After").start == dt.datetime(2026, 3, 12, 17, 0, tzinfo=UTC)


def test_an_event_spanning_the_clock_change_lasts_its_real_length(client, staff):
    # Midnight to 4 AM on March 8 in New York is three real hours: 2:00–3:00 never happens.
    response = client.post(
        NEW,
        event_form_data(start="2026-03-08T00:00", end="2026-03-08T04:00", advertised_hours="3"),
    )

    assert response.status_code == 302
    event = Event.objects.get()
    assert event.end - event.start == dt.timedelta(hours=3)


def test_times_are_read_in_the_chosen_zone_not_the_staff_members(client, staff):
    client.post(NEW, event_form_data(time_zone="America/Los_Angeles"))

    assert Event.objects.get().start == dt.datetime(2026, 3, 12, 20, 0, tzinfo=UTC)


def test_choosing_an_existing_program_makes_the_event_the_same_content(client, staff):
    program = ProgramFactory(code="trauma-telehealth", title="Trauma-Informed Care")

    client.post(NEW, event_form_data(program="trauma-telehealth"))

    assert Event.objects.get().program == program
    assert Program.objects.count() == 1


def test_exactly_sixty_minutes_of_instruction_is_accepted(client, staff):
    response = client.post(NEW, event_form_data(end="2026-03-12T14:00", advertised_hours="1"))

    assert response.status_code == 302
    assert Event.objects.get().advertised_hours == Decimal("1")


def test_fifty_nine_minutes_is_refused_next_to_the_end_and_nothing_is_stored(client, staff):
    response = client.post(NEW, event_form_data(end="2026-03-12T13:59", advertised_hours="0.75"))

    assert response.status_code == 200
    assert field_errors(response, "end") == [
        "The instructional time (the event minus its breaks) must be at least 60 minutes; "
        "it is 59 min."
    ]
    html = response.content.decode()
    assert 'id="id_end_errors"' in html
    assert 'aria-describedby="id_end_errors"' in html
    assert "Nothing was saved" in html
    assert not Event.objects.exists()
    assert not Program.objects.exists()


def test_breaks_that_leave_less_than_an_hour_are_refused_on_the_breaks_section(client, staff):
    response = client.post(
        NEW,
        event_form_data(
            end="2026-03-12T14:10",
            advertised_hours="0.75",
            breaks=[{"start": "2026-03-12T13:30", "end": "2026-03-12T13:45", "label": ""}],
        ),
    )

    errors = response.context["editor"].breaks.non_form_errors()
    assert [e for e in errors if "at least 60 minutes; it is 55 min" in e]
    assert 'id="breaks-errors"' in response.content.decode()
    assert not Event.objects.exists()


def test_a_break_outside_the_event_is_refused_on_its_own_row(client, staff):
    response = client.post(
        NEW,
        event_form_data(
            end="2026-03-12T16:00",
            breaks=[{"start": "2026-03-12T15:50", "end": "2026-03-12T16:20", "label": "Late"}],
        ),
    )

    assert row_errors(response, "breaks", 0) == [
        "Breaks must fall inside the event (break 1 ends 20 min after the event ends)."
    ]
    assert not Event.objects.exists()
    assert not Break.objects.exists()


def test_overlapping_breaks_are_refused_on_the_later_row_counting_only_kept_rows(client, staff):
    response = client.post(
        NEW,
        event_form_data(
            end="2026-03-12T16:00",
            breaks=[
                {"start": "2026-03-12T13:05", "end": "2026-03-12T13:10", "DELETE": "on"},
                {"start": "2026-03-12T14:00", "end": "2026-03-12T14:15"},
                {"start": "2026-03-12T14:10", "end": "2026-03-12T14:20"},
            ],
        ),
    )

    assert row_errors(response, "breaks", 1) == []
    assert row_errors(response, "breaks", 2) == [
        "Breaks must not overlap (break 2 overlaps break 1 by 5 min)."
    ]
    assert not Event.objects.exists()


def test_advertised_hours_over_the_instructional_time_are_refused(client, staff):
    response = client.post(
        NEW,
        event_form_data(
            advertised_hours="2",
            breaks=[{"start": "2026-03-12T14:00", "end": "2026-03-12T14:15"}],
        ),
    )

    assert field_errors(response, "advertised_hours") == [
        "Advertised hours (2) exceed the instructional time (1 h 45 min); at most 1.75 hours "
        "may be advertised."
    ]
    assert not Event.objects.exists()


def test_advertised_hours_must_be_a_multiple_of_the_increment(client, staff):
    response = client.post(NEW, event_form_data(advertised_hours="1.9"))

    assert field_errors(response, "advertised_hours") == [
        "Advertised hours (1.9) must be a multiple of 0.25; the nearest allowed values are "
        "1.75 and 2."
    ]
    assert not Event.objects.exists()


def test_the_increment_comes_from_the_providers_setting(client, staff, settings):
    settings.CE_HOURS_INCREMENT = Decimal("0.5")

    response = client.post(NEW, event_form_data(advertised_hours="1.75"))

    assert "must be a multiple of 0.5" in field_errors(response, "advertised_hours")[0]


def test_schedule_problems_show_together_with_other_field_errors(client, staff):
    response = client.post(NEW, event_form_data(title="", advertised_hours="3"))

    assert field_errors(response, "title") == ["This field is required."]
    assert "exceed the instructional time" in field_errors(response, "advertised_hours")[0]
    assert not Event.objects.exists()


def test_a_start_skipped_by_spring_forward_is_refused_with_a_plain_message(client, staff):
    response = client.post(NEW, event_form_data(start="2026-03-08T02:30", end="2026-03-08T05:00"))

    assert field_errors(response, "start") == [
        "2:30 AM does not exist on March 8, 2026 in America/New_York: clocks jump from 2:00 "
        "to 3:00."
    ]
    assert not Event.objects.exists()


def test_an_end_repeated_by_fall_back_is_refused_as_ambiguous(client, staff):
    response = client.post(
        NEW,
        event_form_data(start="2026-10-31T23:00", end="2026-11-01T01:30", advertised_hours="2"),
    )

    assert field_errors(response, "end") == [
        "1:30 AM happens twice on November 1, 2026 in America/New_York (first EDT, then EST): "
        "clocks go back from 2:00 to 1:00. Choose a time before 1:00 or from 2:00 on."
    ]
    assert not Event.objects.exists()


def test_a_break_time_in_the_gap_is_refused_on_its_field(client, staff):
    response = client.post(
        NEW,
        event_form_data(
            start="2026-03-08T00:00",
            end="2026-03-08T05:00",
            advertised_hours="3",
            breaks=[{"start": "2026-03-08T02:15", "end": "2026-03-08T03:15"}],
        ),
    )

    row = response.context["editor"].breaks.forms[0]
    assert row.errors["start"][0].startswith("2:15 AM does not exist on March 8, 2026")
    assert not Event.objects.exists()


def test_the_same_accrediting_body_twice_is_refused(client, staff):
    approval = {"body": "APA", "approved": "yes", "approval_number": "1"}
    response = client.post(NEW, event_form_data(approvals=[approval, dict(approval)]))

    assert response.context["editor"].approvals.non_form_errors() == [
        "American Psychological Association is listed twice: keep one row per accrediting body."
    ]
    assert not Event.objects.exists()


def test_an_approval_period_ending_before_it_starts_is_refused_on_that_field(client, staff):
    response = client.post(
        NEW,
        event_form_data(
            approvals=[
                {
                    "body": "APA",
                    "approved": "yes",
                    "period_start": "2026-06-01",
                    "period_end": "2026-01-01",
                }
            ]
        ),
    )

    row = response.context["editor"].approvals.forms[0]
    assert row.errors["period_end"] == ["The approval period must end after it starts."]


def test_the_new_event_form_starts_in_the_staff_members_zone(client, staff):
    staff.time_zone = "America/Chicago"
    staff.save()

    response = client.get(NEW)

    assert response.context["editor"].form["time_zone"].value() == "America/Chicago"
    assert 'type="datetime-local"' in response.content.decode()


def test_the_edit_form_shows_times_in_the_events_zone_whatever_the_viewers(client, staff):
    staff.time_zone = "America/Los_Angeles"
    staff.save()
    event = EventFactory(
        start=dt.datetime(2026, 3, 12, 17, 0, tzinfo=UTC),
        end=dt.datetime(2026, 3, 12, 19, 0, tzinfo=UTC),
    )
    Break.objects.create(
        event=event,
        start=dt.datetime(2026, 3, 12, 18, 0, tzinfo=UTC),
        end=dt.datetime(2026, 3, 12, 18, 15, tzinfo=UTC),
    )

    html = client.get(reverse("staff:event_edit", args=[event.slug])).content.decode()

    assert 'value="2026-03-12T13:00"' in html
    assert 'value="2026-03-12T15:00"' in html
    assert 'value="2026-03-12T14:00"' in html  # the break


def test_saving_the_edit_form_unchanged_keeps_every_value(client, staff):
    client.post(
        NEW,
        event_form_data(
            learning_objectives="One\nTwo",
            capacity="40",
            categories=["law_ethics"],
            breaks=[{"start": "2026-03-12T14:00", "end": "2026-03-12T14:15", "label": "Pause"}],
            presenters=[{"name": "Maya Ortiz", "credentials": "PhD", "bio": "Researcher."}],
            approvals=[
                {
                    "body": "APA",
                    "approved": "yes",
                    "approval_number": "A-1",
                    "period_start": "2026-01-01",
                    "period_end": "2026-12-31",
                    "professions": ["psychology"],
                    "statement": "Approved by APA.",
                },
                {"body": "NBCC", "approved": "no", "statement": "Not NBCC approved."},
            ],
            advertised_hours="1.75",
        ),
    )
    event = Event.objects.get()
    before = _snapshot(event)
    edit = reverse("staff:event_edit", args=[event.slug])

    values = submitted_values(client.get(edit).content.decode())
    response = client.post(edit, values)

    assert response.status_code == 302
    assert _snapshot(Event.objects.get()) == before


def _snapshot(event):
    return {
        "fields": [
            getattr(event, name)
            for name in (
                "title", "summary", "description", "learning_objectives", "format", "time_zone",
                "start", "end", "advertised_hours", "capacity", "dial_in_instructions",
                "program_id", "status",
            )
        ],
        "categories": sorted(c.code for c in event.categories.all()),
        "breaks": [(b.start, b.end, b.label) for b in event.breaks.all()],
        "presenters": [str(p.presenter) for p in event.event_presenters.all()],
        "approvals": [
            (
                a.body.code, a.approved, a.approval_number, a.period_start, a.period_end,
                sorted(p.code for p in a.professions.all()), a.statement,
            )
            for a in event.approvals.order_by("body__code")
        ],
    }  # fmt: skip


def test_editing_moves_the_event_and_drops_a_break_ticked_for_removal(client, staff):
    event = EventFactory(
        start=dt.datetime(2026, 3, 12, 17, 0, tzinfo=UTC),
        end=dt.datetime(2026, 3, 12, 19, 0, tzinfo=UTC),
        advertised_hours=Decimal("1.75"),
    )
    Break.objects.create(
        event=event,
        start=dt.datetime(2026, 3, 12, 18, 0, tzinfo=UTC),
        end=dt.datetime(2026, 3, 12, 18, 15, tzinfo=UTC),
    )
    edit = reverse("staff:event_edit", args=[event.slug])
    values = submitted_values(client.get(edit).content.decode())
    values.update(start=["2026-03-13T10:00"], end=["2026-03-13T12:00"], advertised_hours=["2"])
    values["breaks-0-DELETE"] = ["on"]

    response = client.post(edit, values, follow=True)

    event.refresh_from_db()
    assert event.start == dt.datetime(2026, 3, 13, 14, 0, tzinfo=UTC)
    assert event.advertised_hours == Decimal("2")
    assert not event.breaks.exists()
    assert event.status == Event.PUBLISHED
    assert "everyone registered is emailed the new time" in response.content.decode()


def test_an_invalid_edit_changes_nothing(client, staff):
    event = EventFactory(
        start=dt.datetime(2026, 3, 12, 17, 0, tzinfo=UTC),
        end=dt.datetime(2026, 3, 12, 19, 0, tzinfo=UTC),
    )
    edit = reverse("staff:event_edit", args=[event.slug])
    values = submitted_values(client.get(edit).content.decode())
    values.update(title=["Renamed"], end=["2026-03-12T13:30"])

    response = client.post(edit, values)

    assert response.status_code == 200
    event.refresh_from_db()
    assert event.title != "Renamed"
    assert event.end == dt.datetime(2026, 3, 12, 19, 0, tzinfo=UTC)


def test_a_cancelled_event_cannot_be_edited(client, staff):
    event = EventFactory(status=Event.CANCELLED, cancel_reason="Presenter ill")

    response = client.get(reverse("staff:event_edit", args=[event.slug]), follow=True)

    assert response.redirect_chain[-1][0] == reverse("staff:event_manage", args=[event.slug])
    assert "A cancelled event can no longer be edited." in response.content.decode()


def test_refusals_raised_by_save_event_land_on_their_fields(client, staff, monkeypatch):
    # The form checks the schedule before saving; a refusal from the service itself (e.g. a
    # rule that changed in between) must still reach the right place.
    problems = [
        ScheduleProblem("hours_exceed_instructional_time", "advertised_hours", "Too many hours."),
        ScheduleProblem("breaks_overlap", "breaks.0", "Break 1 overlaps."),
        ScheduleProblem("instructional_time_too_short", "breaks", "Too little teaching."),
    ]

    def refuse(draft, *, actor, event):
        raise ScheduleInvalid(problems)

    monkeypatch.setattr(editing, "save_event", refuse)
    response = client.post(
        NEW,
        event_form_data(
            advertised_hours="1.75",
            breaks=[{"start": "2026-03-12T14:00", "end": "2026-03-12T14:10"}],
        ),
    )

    editor = response.context["editor"]
    assert editor.form.errors["advertised_hours"] == ["Too many hours."]
    assert editor.breaks.forms[0].non_field_errors() == ["Break 1 overlaps."]
    assert editor.breaks.non_form_errors() == ["Too little teaching."]


def test_a_domain_error_without_a_field_is_shown_above_the_form(client, staff, monkeypatch):
    def refuse(draft, *, actor, event):
        raise DomainError("event_cancelled", "A cancelled event can no longer be edited.")

    monkeypatch.setattr(editing, "save_event", refuse)
    response = client.post(NEW, event_form_data())

    assert response.context["editor"].form.non_field_errors() == [
        "A cancelled event can no longer be edited."
    ]
