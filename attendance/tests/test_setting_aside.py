"""Staff set aside a connection of the unplaced queue that is not an attendee's (a presenter, a
co-host under a personal name, staff): it leaves the queue and the "needs attention" count,
credits nobody, is offered for no dial-in claim, is audited, survives importing the same report
again, and can be put back."""

from __future__ import annotations

import html
import re

import pytest
import time_machine

from attendance.errors import AttendanceCode
from attendance.models import Connection, Decision, PhoneClaim
from attendance.next_steps import dial_in_steps
from attendance.services.claims import place_claim
from attendance.services.deciding import decide_event
from attendance.services.importing import import_attendance
from attendance.services.resolving import assign_connection, claim_phone
from attendance.services.setting_aside import put_back_connection, set_aside_connection
from attendance.services.withdrawing import withdraw_import
from attendance.tests.view_helpers import (
    AFTER,
    connect,
    finished_event,
    register,
    url,
    webinar_csv,
)
from core.errors import DomainError
from core.models import AuditEntry
from operations.attention import needs_attention

pytestmark = pytest.mark.django_db

CO_HOST = "Co-host Dr. Lee joined under her personal account"


@pytest.fixture
def event(db):
    return finished_event()


@pytest.fixture(autouse=True)
def after_the_event():
    with time_machine.travel(AFTER, tick=False):
        yield


def words(response) -> str:
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", response.content.decode())).split())


def post_set_aside(client, event, connection, *, who="host", reason=CO_HOST, pk=None):
    pk = pk or connection.pk
    return client.post(
        url("staff_set_aside", event, pk),
        {f"set-aside-{pk}-set_aside_as": who, f"set-aside-{pk}-reason": reason},
        follow=True,
    )


# The service.


def test_setting_aside_takes_a_connection_out_of_the_queue_and_is_audited(event, sam_staff):
    lee = connect(event, "09:55:00", "13:02:00", name="Lee Personal")
    assert Connection.objects.unplaced().filter(event=event).count() == 1

    set_aside_connection(lee, event=event, set_aside_as="host", actor=sam_staff, reason=CO_HOST)

    lee.refresh_from_db()
    assert lee.set_aside_as == Connection.HOST and lee.set_aside_reason == CO_HOST
    assert lee.set_aside_by == sam_staff and lee.set_aside_at == AFTER
    assert not Connection.objects.unplaced().filter(event=event).exists()
    assert not Connection.objects.attendance().filter(pk=lee.pk).exists()
    assert list(Connection.objects.set_aside()) == [lee]
    entry = AuditEntry.objects.get(action="attendance.connection_set_aside")
    assert entry.actor == sam_staff and entry.reason == CO_HOST
    assert entry.target_id == str(lee.pk) and entry.data == {"set_aside_as": "host"}


def test_putting_back_restores_it_to_the_queue_and_is_audited(event, sam_staff):
    lee = connect(event, "09:55:00", "13:02:00", name="Lee Personal")
    set_aside_connection(lee, event=event, set_aside_as="presenter", actor=sam_staff, reason="X")

    put_back_connection(lee, event=event, actor=sam_staff)

    lee.refresh_from_db()
    assert not lee.is_set_aside and lee.set_aside_as == "" and lee.set_aside_by is None
    assert list(Connection.objects.unplaced().filter(event=event)) == [lee]
    entry = AuditEntry.objects.get(action="attendance.connection_put_back")
    assert entry.data["set_aside_as"] == "presenter" and entry.data["set_aside_reason"] == "X"


@pytest.mark.parametrize(
    ("who", "reason", "code"),
    [("host", "   ", "reason_required"), ("speaker", "Ran the slides", "set_aside_as_unknown")],
)
def test_setting_aside_needs_a_known_role_and_a_reason(event, sam_staff, who, reason, code):
    lee = connect(event, "09:55:00", "13:02:00", name="Lee Personal")

    with pytest.raises(DomainError) as refused:
        set_aside_connection(lee, event=event, set_aside_as=who, actor=sam_staff, reason=reason)

    assert refused.value.code == code
    lee.refresh_from_db()
    assert not lee.is_set_aside
    assert not AuditEntry.objects.filter(action="attendance.connection_set_aside").exists()


def test_only_a_connection_in_this_events_queue_can_be_set_aside(event, sam_staff, dana):
    registration = register(event, dana)
    placed = connect(event, "09:55:00", "13:02:00", registration=registration)
    other = connect(finished_event(slug="other-event"), "09:55:00", "13:02:00", name="Lee")
    host = connect(event, "09:50:00", "13:05:00", name="Host Person")
    Connection.objects.filter(pk=host.pk).update(role="host")
    host.refresh_from_db()
    lee = connect(event, "09:55:00", "13:02:00", name="Lee Personal")
    set_aside_connection(lee, event=event, set_aside_as="staff", actor=sam_staff, reason="Ops")

    refusals = {}
    for name, connection in [("placed", placed), ("other", other), ("host", host), ("lee", lee)]:
        with pytest.raises(DomainError) as refused:
            set_aside_connection(
                connection, event=event, set_aside_as="host", actor=sam_staff, reason="Sure"
            )
        refusals[name] = refused.value.code
    with pytest.raises(DomainError) as not_set_aside:
        put_back_connection(placed, event=event, actor=sam_staff)

    assert refusals == {
        "placed": AttendanceCode.CONNECTION_PLACED,
        "other": AttendanceCode.WRONG_EVENT,
        "host": AttendanceCode.NOT_IN_QUEUE,
        "lee": AttendanceCode.ALREADY_SET_ASIDE,
    }
    assert not_set_aside.value.code == AttendanceCode.NOT_SET_ASIDE
    assert Connection.objects.set_aside().count() == 1


def test_a_set_aside_connection_is_placed_on_nobody(event, sam_staff, dana):
    registration = register(event, dana)
    call = connect(event, "09:59:00", "13:00:00", phone="14155550123")
    set_aside_connection(call, event=event, set_aside_as="staff", actor=sam_staff, reason="Ops")
    claim = PhoneClaim.objects.create(
        registration=registration, last4="0123", result=PhoneClaim.NOT_FOUND
    )

    with pytest.raises(DomainError) as assigned:
        assign_connection(call, registration, actor=sam_staff, reason="Sure")
    with pytest.raises(DomainError) as placed:
        place_claim(claim, call, actor=sam_staff, reason="Sure")

    assert assigned.value.code == placed.value.code == AttendanceCode.IS_SET_ASIDE
    call.refresh_from_db()
    assert call.registration is None


def test_a_set_aside_call_is_not_offered_for_dial_in_claims(event, sam_staff, dana):
    registration = register(event, dana)
    call = connect(event, "09:59:00", "13:00:00", phone="14155550123")
    decide_event(event)
    assert [step.event_id for step in dial_in_steps(dana)] == [event.pk]

    set_aside_connection(call, event=event, set_aside_as="host", actor=sam_staff, reason="Host")
    claim = claim_phone(registration, "0123", actor=dana)

    assert claim.result == PhoneClaim.NOT_FOUND and claim.connection is None
    assert list(dial_in_steps(dana)) == []
    decision = Decision.objects.get(registration=registration, is_current=True)
    assert "unmatched_dial_in" not in decision.reasons


def test_a_call_put_back_answers_the_claim_waiting_for_it(event, sam_staff, dana):
    registration = register(event, dana)
    call = connect(event, "09:59:00", "13:00:00", phone="14155550123")
    set_aside_connection(call, event=event, set_aside_as="host", actor=sam_staff, reason="Host")
    claim = claim_phone(registration, "0123", actor=dana)
    assert claim.result == PhoneClaim.NOT_FOUND

    put_back_connection(call, event=event, actor=sam_staff)

    claim.refresh_from_db()
    assert claim.result == PhoneClaim.NOT_PROFILE_PHONE  # found now: staff check it


def test_set_aside_connections_leave_the_needs_attention_queue(event, sam_staff):
    lee = connect(event, "09:55:00", "13:02:00", name="Lee Personal")
    camera = connect(event, "10:00:00", "13:00:00", name="Room camera")
    (item,) = [i for i in needs_attention() if i.event == event]
    assert item.count == 2
    assert "or set aside hosts and presenters" in item.detail

    set_aside_connection(lee, event=event, set_aside_as="host", actor=sam_staff, reason=CO_HOST)
    assert [i.count for i in needs_attention() if i.event == event] == [1]
    set_aside_connection(
        camera, event=event, set_aside_as="other", actor=sam_staff, reason="The room's camera"
    )
    assert [i for i in needs_attention() if i.event == event] == []


# Importing the same report again.

ROWS = [
    ("Dana Whitfield", "dana@example.com", "09:58:00", "13:01:00"),
    ("Lee Personal", "lee@personal.example", "09:55:00", "13:02:00"),
]


def _lee():
    return Connection.objects.get(name="Lee Personal")


def test_a_set_aside_row_stays_set_aside_when_the_report_is_imported_again(event, sam_staff, dana):
    register(event, dana, email="dana@example.com")
    report = ("report.csv", webinar_csv(ROWS))
    import_attendance(event, [report], time_zone="America/Los_Angeles")
    set_aside_connection(_lee(), event=event, set_aside_as="host", actor=sam_staff, reason=CO_HOST)

    again = import_attendance(event, [report], time_zone="America/Los_Angeles")
    copy = import_attendance(
        event, [("copy.csv", webinar_csv(ROWS) + b"\n")], time_zone="America/Los_Angeles"
    )

    assert again.already_imported and copy.new_rows == 0
    assert _lee().set_aside_reason == CO_HOST
    assert not Connection.objects.unplaced().filter(event=event).exists()


def test_a_set_aside_row_imported_again_after_a_withdrawal_keeps_its_state(event, sam_staff, dana):
    register(event, dana, email="dana@example.com")
    report = ("report.csv", webinar_csv(ROWS))
    import_attendance(event, [report], time_zone="America/Los_Angeles")
    set_aside_connection(_lee(), event=event, set_aside_as="host", actor=sam_staff, reason=CO_HOST)
    withdraw_import(event.attendance_imports.get(), actor=sam_staff, reason="Wrong file")

    import_attendance(event, [report], time_zone="America/Los_Angeles")

    lee = _lee()
    assert lee.set_aside_as == "host" and lee.set_aside_reason == CO_HOST
    assert lee.set_aside_by == sam_staff and lee.registration is None
    assert not Connection.objects.unplaced().filter(event=event).exists()
    assert Connection.objects.get(name="Dana Whitfield").registration is not None


def test_a_set_aside_row_stays_set_aside_when_the_files_are_read_in_another_zone(
    event, sam_staff, dana
):
    register(event, dana, email="dana@example.com")
    report = ("report.csv", webinar_csv(ROWS))
    import_attendance(event, [report], time_zone="America/Denver")
    set_aside_connection(_lee(), event=event, set_aside_as="host", actor=sam_staff, reason=CO_HOST)

    import_attendance(event, [report], time_zone="America/Los_Angeles")

    assert _lee().set_aside_reason == CO_HOST
    assert not Connection.objects.unplaced().filter(event=event).exists()


# The staff page.


def test_staff_set_aside_from_the_queue_and_see_it_listed(staff, sam_staff, event):
    lee = connect(event, "09:55:00", "13:02:00", name="Lee Personal")
    page = words(staff.get(url("staff_page", event)))
    assert "Not an attendee" in page and "Who it is" in page and "How you know" in page

    response = post_set_aside(staff, event, lee)

    text = words(response)
    assert "“Lee Personal” is set aside as not an attendee: it credits nobody." in text
    assert "Nothing to place." in text
    assert "Lee Personal: a host or co-host" in text
    assert f"set aside by {sam_staff.email}" in text and CO_HOST in text
    assert "Put back in the queue" in text
    assert AuditEntry.objects.filter(action="attendance.connection_set_aside").count() == 1


def test_staff_put_a_connection_back_in_the_queue(staff, sam_staff, event):
    lee = connect(event, "09:55:00", "13:02:00", name="Lee Personal")
    set_aside_connection(lee, event=event, set_aside_as="host", actor=sam_staff, reason=CO_HOST)

    response = staff.post(url("staff_put_back", event, lee.pk), follow=True)

    text = words(response)
    assert "“Lee Personal” is back in the unplaced queue, to be placed." in text
    assert "Put back in the queue" not in text
    lee.refresh_from_db()
    assert not lee.is_set_aside
    assert AuditEntry.objects.filter(action="attendance.connection_put_back").count() == 1


def test_setting_aside_without_a_reason_says_so_and_changes_nothing(staff, event):
    lee = connect(event, "09:55:00", "13:02:00", name="Lee Personal")

    response = post_set_aside(staff, event, lee, reason="  ")

    assert response.status_code == 200
    text = words(response)
    assert "The connection was not set aside: see the queue below." in text
    assert "Say how you know it is not an attendee: it is kept in the audit log." in text
    lee.refresh_from_db()
    assert not lee.is_set_aside
    assert not AuditEntry.objects.filter(action="attendance.connection_set_aside").exists()


def test_setting_aside_needs_a_role_from_the_list(staff, event):
    lee = connect(event, "09:55:00", "13:02:00", name="Lee Personal")

    missing = words(post_set_aside(staff, event, lee, who=""))
    unknown = words(post_set_aside(staff, event, lee, who="speaker"))

    assert "Choose who this connection is: a presenter, a host, staff or someone else." in missing
    assert "Choose who this connection is from the list." in unknown
    lee.refresh_from_db()
    assert not lee.is_set_aside


def test_unknown_other_events_and_placed_connections_are_refused_in_words(staff, dana, event):
    registration = register(event, dana)
    placed = connect(event, "09:55:00", "13:02:00", registration=registration)
    elsewhere = connect(finished_event(slug="other-event"), "09:55:00", "13:02:00", name="Lee")

    unknown = post_set_aside(staff, event, None, pk=999999)
    other = post_set_aside(staff, event, elsewhere)
    matched = post_set_aside(staff, event, placed)
    matched_no_reason = post_set_aside(staff, event, placed, reason="")
    back = staff.post(url("staff_put_back", event, placed.pk), follow=True)
    back_unknown = staff.post(url("staff_put_back", event, 999999), follow=True)

    not_here = "Nothing changed: that connection is not part of this event's attendance."
    assert not_here in words(unknown) and not_here in words(other)
    assert not_here in words(back_unknown)
    assert (
        f"Nothing changed: This connection is matched to {registration.name}; undo that match "
        "first if it is not an attendee's." in words(matched)
    )
    assert "Nothing changed: that connection is not in the unplaced queue." in words(
        matched_no_reason
    )
    assert "Nothing changed: This connection is not set aside" in words(back)
    assert all(r.status_code == 200 for r in (unknown, other, matched, matched_no_reason, back))
    assert not Connection.objects.set_aside().exists()
    assert not AuditEntry.objects.filter(action__startswith="attendance.connection_").exists()


@pytest.mark.parametrize("name", ["staff_set_aside", "staff_put_back"])
def test_attendees_cannot_set_aside_or_put_back(client, dana, sam_staff, event, name):
    lee = connect(event, "09:55:00", "13:02:00", name="Lee Personal")
    if name == "staff_put_back":
        set_aside_connection(lee, event=event, set_aside_as="host", actor=sam_staff, reason="X")
    client.force_login(dana)

    response = client.post(
        url(name, event, lee.pk),
        {f"set-aside-{lee.pk}-set_aside_as": "host", f"set-aside-{lee.pk}-reason": "Mine"},
    )

    assert response.status_code == 403
    lee.refresh_from_db()
    assert lee.is_set_aside == (name == "staff_put_back")


@pytest.mark.parametrize("name", ["staff_set_aside", "staff_put_back"])
def test_setting_aside_only_accepts_posts(staff, event, name):
    lee = connect(event, "09:55:00", "13:02:00", name="Lee Personal")
    assert staff.get(url(name, event, lee.pk)).status_code == 405
