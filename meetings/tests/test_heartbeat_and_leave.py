import datetime as dt

import pytest
import time_machine
from django.test import Client
from django.urls import reverse

from events.models import Registration
from meetings.models import SimulatedConnection
from meetings.simulated.presence import HEARTBEAT_INTERVAL, SILENCE_LIMIT
from meetings.tests.conftest import BREAK_START, END, START, connection_urls, csrf_token_in
from tests.factories import RegistrationFactory

JOINED = START + dt.timedelta(minutes=2)
# Within one heartbeat interval of joining, so the connection is still live without heartbeats.
SOON = JOINED + dt.timedelta(seconds=10)


@pytest.fixture
def connection(registration):
    return SimulatedConnection.objects.create(
        registration=registration,
        device_label="Chrome on Linux",
        joined_at=JOINED,
        last_seen_at=JOINED,
    )


@pytest.fixture
def urls(connection):
    return connection_urls(connection)


def test_a_heartbeat_moves_last_seen_to_now(client, dana, connection, urls):
    client.force_login(dana)
    moment = JOINED + dt.timedelta(seconds=15)
    with time_machine.travel(moment, tick=False):
        response = client.post(urls[0])
    assert response.status_code == 204
    connection.refresh_from_db()
    assert connection.last_seen_at == moment
    assert connection.left_at is None


def test_a_late_heartbeat_within_the_silence_limit_is_accepted(client, dana, connection, urls):
    client.force_login(dana)
    moment = JOINED + SILENCE_LIMIT
    with time_machine.travel(moment, tick=False):
        assert client.post(urls[0]).status_code == 204
    connection.refresh_from_db()
    assert connection.last_seen_at == moment


def test_a_heartbeat_after_a_long_silence_is_refused_and_credits_nothing(
    client, dana, connection, urls
):
    client.force_login(dana)
    with time_machine.travel(JOINED + SILENCE_LIMIT + dt.timedelta(seconds=1), tick=False):
        response = client.post(urls[0])
    assert response.status_code == 410
    assert response.json()["code"] == "connection_ended"
    connection.refresh_from_db()
    assert connection.last_seen_at == JOINED


def test_a_heartbeat_after_the_room_closed_is_refused(client, dana, connection, urls):
    SimulatedConnection.objects.filter(pk=connection.pk).update(last_seen_at=END)
    client.force_login(dana)
    with time_machine.travel(END + dt.timedelta(seconds=10), tick=False):
        response = client.post(urls[0])
    assert response.status_code == 410
    assert response.json()["code"] == "room_closed"
    connection.refresh_from_db()
    assert connection.last_seen_at == END


def test_a_heartbeat_after_the_registration_was_cancelled_is_refused(
    client, dana, registration, connection, urls
):
    Registration.objects.filter(pk=registration.pk).update(status=Registration.CANCELLED)
    client.force_login(dana)
    with time_machine.travel(JOINED + dt.timedelta(seconds=15), tick=False):
        response = client.post(urls[0])
    assert response.status_code == 410
    assert response.json()["code"] == "registration_cancelled"


def test_a_heartbeat_for_someone_elses_connection_is_not_found(client, omar, connection, urls):
    client.force_login(omar)
    with time_machine.travel(JOINED + dt.timedelta(seconds=15), tick=False):
        assert client.post(urls[0]).status_code == 404
    connection.refresh_from_db()
    assert connection.last_seen_at == JOINED


def test_a_connection_is_reached_only_through_its_own_registrations_link(
    client, omar, connection, event
):
    # Omar's own, valid link combined with Dana's connection id.
    omars = RegistrationFactory(event=event, user=omar)
    client.force_login(omar)
    url = reverse("meetings:heartbeat", args=[omars.join_token, connection.participant_uuid])
    with time_machine.travel(JOINED + dt.timedelta(seconds=15), tick=False):
        assert client.post(url).status_code == 404


def test_a_heartbeat_by_get_is_not_allowed(client, dana, connection, urls):
    client.force_login(dana)
    with time_machine.travel(JOINED, tick=False):
        assert client.get(urls[0]).status_code == 405


def test_leaving_records_the_time_and_shows_the_left_page_with_a_rejoin_link(
    client, dana, registration, connection, urls
):
    client.force_login(dana)
    with time_machine.travel(SOON, tick=False):
        response = client.post(urls[1], follow=True)
    connection.refresh_from_db()
    assert connection.left_at == SOON
    assert connection.left_how == "left"
    assert response.redirect_chain == [
        (reverse("meetings:left", args=[registration.join_token]), 302)
    ]
    html = response.content.decode()
    assert "<h1>You left the room</h1>" in html
    room_url = reverse("meetings:room", args=[registration.join_token])
    assert f'<a class="button" href="{room_url}">Rejoin</a>' in html


def test_leaving_twice_keeps_the_first_leave_time(client, dana, connection, urls):
    client.force_login(dana)
    with time_machine.travel(SOON, tick=False):
        client.post(urls[1])
    with time_machine.travel(SOON + dt.timedelta(seconds=5), tick=False):
        response = client.post(urls[1], {"via": "beacon"})
    assert response.status_code == 204
    connection.refresh_from_db()
    assert connection.left_at == SOON


def test_a_beacon_leave_answers_no_content(client, dana, connection, urls):
    client.force_login(dana)
    with time_machine.travel(SOON, tick=False):
        response = client.post(urls[1], {"via": "beacon"})
    assert response.status_code == 204
    connection.refresh_from_db()
    assert connection.left_at == SOON


def test_a_heartbeat_after_leaving_is_refused(client, dana, connection, urls):
    client.force_login(dana)
    with time_machine.travel(SOON, tick=False):
        client.post(urls[1])
        assert client.post(urls[0]).status_code == 410


def test_a_leave_after_a_long_silence_keeps_the_timeout(client, dana, connection, urls):
    client.force_login(dana)
    with time_machine.travel(JOINED + dt.timedelta(hours=1), tick=False):
        client.post(urls[1], {"via": "beacon"})
        connection.refresh_from_db()
        assert connection.left_at is None
        assert connection.left_how == "timeout"
        assert connection.counted_until() == JOINED + HEARTBEAT_INTERVAL


def test_leaving_someone_elses_connection_is_not_found(client, omar, connection, urls):
    client.force_login(omar)
    with time_machine.travel(SOON, tick=False):
        assert client.post(urls[1]).status_code == 404
    connection.refresh_from_db()
    assert connection.left_at is None


def test_after_the_end_the_left_page_offers_no_rejoin(client, dana, registration, connection):
    client.force_login(dana)
    with time_machine.travel(END + dt.timedelta(minutes=1), tick=False):
        html = client.get(reverse("meetings:left", args=[registration.join_token])).content
    assert b"Rejoin" not in html
    assert b"The room is closed now." in html


def test_a_heartbeat_without_the_csrf_token_is_refused(dana, connection, urls):
    client = Client(enforce_csrf_checks=True)
    client.force_login(dana)
    with time_machine.travel(JOINED + dt.timedelta(seconds=15), tick=False):
        assert client.post(urls[0]).status_code == 403
    connection.refresh_from_db()
    assert connection.last_seen_at == JOINED


def test_the_pages_csrf_token_in_the_body_is_accepted_as_the_script_sends_it(
    dana, registration, room_url
):
    client = Client(enforce_csrf_checks=True)
    client.force_login(dana)
    with time_machine.travel(JOINED, tick=False):
        token = csrf_token_in(client.get(room_url).content.decode())
    heartbeat_url, leave_url = connection_urls(registration.simulated_connections.get())
    with time_machine.travel(JOINED + dt.timedelta(seconds=15), tick=False):
        assert client.post(heartbeat_url, {"csrfmiddlewaretoken": token}).status_code == 204
        beacon = {"csrfmiddlewaretoken": token, "via": "beacon"}
        assert client.post(leave_url, beacon).status_code == 204


def test_a_leave_without_the_csrf_token_is_refused(dana, connection, urls):
    client = Client(enforce_csrf_checks=True)
    client.force_login(dana)
    with time_machine.travel(SOON, tick=False):
        assert client.post(urls[1], {"via": "beacon"}).status_code == 403
    connection.refresh_from_db()
    assert connection.left_at is None


def test_a_heartbeat_from_a_signed_out_browser_is_sent_to_log_in_and_changes_nothing(
    client, connection, urls
):
    with time_machine.travel(JOINED + dt.timedelta(seconds=15), tick=False):
        response = client.post(urls[0])
    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))
    connection.refresh_from_db()
    assert connection.last_seen_at == JOINED


@pytest.mark.parametrize(
    "left_at,expected",
    [
        (START - dt.timedelta(minutes=5), "Rejoin before then and your credit is not affected."),
        (START + dt.timedelta(minutes=20), "unless you rejoin straight away, this event will not"),
        (BREAK_START + dt.timedelta(minutes=2), "You left during a break, which ends"),
    ],
)
def test_the_left_page_says_what_leaving_then_means_for_credit(
    client, dana, registration, connection, left_at, expected
):
    connection.joined_at = min(connection.joined_at, left_at - dt.timedelta(minutes=1))
    connection.left_at = left_at
    connection.save()
    client.force_login(dana)
    with time_machine.travel(left_at + dt.timedelta(seconds=30), tick=False):
        html = client.get(reverse("meetings:left", args=[registration.join_token])).content
    assert expected.encode() in html
    assert b"the time you were away is not counted" not in html
