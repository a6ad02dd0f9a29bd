import base64
import datetime as dt
import uuid

import time_machine

from meetings.models import SimulatedConnection
from meetings.simulated.presence import HEARTBEAT_INTERVAL
from meetings.simulated.rows import participant_rows
from meetings.tests.conftest import (
    CHROME_LINUX,
    END,
    SAFARI_IPHONE,
    START,
    connection_urls,
)
from tests.factories import EventFactory, RegistrationFactory

AFTER = END + dt.timedelta(minutes=5)
KEYS = {
    "id",
    "user_id",
    "name",
    "user_email",
    "join_time",
    "leave_time",
    "duration",
    "registrant_id",
    "status",
    "failover",
    "customer_key",
}


def heartbeats_until(connection, moment):
    """Stands in for the page's heartbeats (tested on their own), which kept it live until then."""
    SimulatedConnection.objects.filter(pk=connection.pk).update(last_seen_at=moment)


def join(client, room_url, moment, user_agent):
    with time_machine.travel(moment, tick=False):
        assert client.get(room_url, headers={"user-agent": user_agent}).status_code == 200
    return SimulatedConnection.objects.latest("pk")


def leave(client, connection, moment, **data):
    with time_machine.travel(moment, tick=False):
        client.post(connection_urls(connection)[1], data)


def at(hour, minute, second, microsecond=0):
    return dt.datetime(2026, 1, 15, hour, minute, second, microsecond, tzinfo=dt.UTC)


def test_a_crash_a_rejoin_and_a_second_device_give_one_zoom_row_each(
    client, dana, event, registration, room_url
):
    client.force_login(dana)
    # The laptop joins before the start, then the browser crashes at 18:20 (no beacon).
    laptop = join(client, room_url, at(17, 58, 30, 250_000), CHROME_LINUX)
    heartbeats_until(laptop, at(18, 20, 0))
    # Dana reopens her link and stays to the end, leaving with the button.
    rejoin = join(client, room_url, at(18, 21, 5, 900_000), CHROME_LINUX)
    heartbeats_until(rejoin, at(19, 59, 30))
    leave(client, rejoin, at(19, 59, 40))
    # Meanwhile she follows along on her phone for a while; closing the tab sends the beacon.
    phone = join(client, room_url, at(18, 40, 0), SAFARI_IPHONE)
    heartbeats_until(phone, at(18, 55, 0))
    leave(client, phone, at(18, 55, 12, 700_000), via="beacon")

    rows = participant_rows(event, now=AFTER)

    common = {
        "name": "Dana Whitfield",
        "user_email": "dana@example.com",
        "registrant_id": "sim-dana-0001",
        "status": "in_meeting",
        "failover": False,
        "customer_key": "",
    }
    without_ids = [{k: v for k, v in row.items() if k not in {"id", "user_id"}} for row in rows]
    assert without_ids == [
        {
            **common,
            "join_time": "2026-01-15T17:58:30Z",
            "leave_time": "2026-01-15T18:20:15Z",
            "duration": 1305,
        },
        {
            **common,
            "join_time": "2026-01-15T18:21:05Z",
            "leave_time": "2026-01-15T19:59:40Z",
            "duration": 5915,
        },
        {
            **common,
            "join_time": "2026-01-15T18:40:00Z",
            "leave_time": "2026-01-15T18:55:12Z",
            "duration": 912,
        },
    ]


def connection(registration, joined_at, *, last_seen_at=None, left_at=None):
    return SimulatedConnection.objects.create(
        registration=registration,
        device_label="Chrome on Linux",
        joined_at=joined_at,
        last_seen_at=last_seen_at or joined_at,
        left_at=left_at,
    )


def minutes(n, seconds=0):
    return START + dt.timedelta(minutes=n, seconds=seconds)


def test_every_row_has_exactly_zooms_report_fields(registration):
    connection(registration, minutes(0), left_at=minutes(1))
    (row,) = participant_rows(registration.event, now=AFTER)
    assert set(row) == KEYS


def test_row_ids_are_per_connection_in_zooms_formats(registration):
    first = connection(registration, minutes(1), left_at=minutes(1, 30))
    second = connection(registration, minutes(2), left_at=minutes(2, 30))
    rows = participant_rows(registration.event, now=AFTER)
    for row, made in zip(rows, [first, second], strict=True):
        assert len(row["id"]) == 22
        padded = row["id"] + "=="
        assert uuid.UUID(bytes=base64.urlsafe_b64decode(padded)) == made.participant_uuid
        assert row["user_id"].isdigit()
    assert rows[0]["user_id"] != rows[1]["user_id"]


def test_a_silent_connection_is_listed_as_leaving_one_interval_after_its_last_heartbeat(
    registration,
):
    last_heard = minutes(30, 7)
    connection(registration, minutes(0), last_seen_at=last_heard)
    (row,) = participant_rows(registration.event, now=AFTER)
    assert last_heard + HEARTBEAT_INTERVAL == at(18, 30, 22)
    assert row["leave_time"] == "2026-01-15T18:30:22Z"
    assert row["duration"] == 30 * 60 + 22


def test_a_connection_still_in_progress_is_not_listed_until_it_ends(registration):
    now = minutes(30)
    connection(registration, minutes(0), last_seen_at=now - dt.timedelta(seconds=20))
    assert participant_rows(registration.event, now=now) == []
    assert len(participant_rows(registration.event, now=AFTER)) == 1


def test_rows_never_change_once_listed(registration):
    connection(registration, minutes(0), last_seen_at=minutes(3))
    first = participant_rows(registration.event, now=AFTER)
    assert participant_rows(registration.event, now=AFTER + dt.timedelta(days=30)) == first


def test_only_the_events_own_connections_are_listed(registration, omar):
    other = RegistrationFactory(event=EventFactory(start=START, end=END), user=omar)
    for who in (registration, other):
        connection(who, minutes(0), left_at=minutes(0, 5))
    rows = participant_rows(registration.event, now=AFTER)
    assert [row["user_email"] for row in rows] == ["dana@example.com"]


def test_rows_are_sorted_by_join_time(registration, omar, event):
    omars = RegistrationFactory(event=event, user=omar)
    for who, minute in ((registration, 9), (omars, 3), (registration, 5)):
        connection(who, minutes(minute), left_at=minutes(minute + 1))
    rows = participant_rows(event, now=AFTER)
    assert [row["join_time"] for row in rows] == [
        "2026-01-15T18:03:00Z",
        "2026-01-15T18:05:00Z",
        "2026-01-15T18:09:00Z",
    ]
