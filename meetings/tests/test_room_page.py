import datetime as dt

import time_machine
from django.urls import reverse

from events.models import Event, Registration
from meetings.models import SimulatedConnection
from meetings.tests.conftest import CHROME_LINUX, END, SAFARI_IPHONE, START

DURING = START + dt.timedelta(minutes=5)


def test_opening_the_room_records_a_connection(client, dana, registration, room_url):
    client.force_login(dana)
    with time_machine.travel(DURING, tick=False):
        response = client.get(room_url, headers={"user-agent": CHROME_LINUX})
    assert response.status_code == 200
    connection = SimulatedConnection.objects.get(registration=registration)
    assert connection.joined_at == DURING
    assert connection.last_seen_at == DURING
    assert connection.left_at is None
    assert connection.device_label == "Chrome on Linux"


def test_a_reload_records_a_second_connection(client, dana, registration, room_url):
    client.force_login(dana)
    with time_machine.travel(DURING, tick=False):
        client.get(room_url)
    with time_machine.travel(DURING + dt.timedelta(seconds=40), tick=False):
        client.get(room_url)
    joins = list(registration.simulated_connections.values_list("joined_at", flat=True))
    assert joins == [DURING, DURING + dt.timedelta(seconds=40)]


def test_each_connection_has_its_own_participant_uuid(client, dana, registration, room_url):
    client.force_login(dana)
    with time_machine.travel(DURING, tick=False):
        client.get(room_url, headers={"user-agent": CHROME_LINUX})
        client.get(room_url, headers={"user-agent": SAFARI_IPHONE})
    first, second = registration.simulated_connections.all()
    assert first.participant_uuid != second.participant_uuid
    assert [first.device_label, second.device_label] == ["Chrome on Linux", "Safari on iOS"]


def test_the_room_shows_who_is_connected_the_presenters_and_the_schedule_with_breaks(
    client, dana, registration, room_url
):
    client.force_login(dana)
    with time_machine.travel(DURING, tick=False):
        html = client.get(room_url).content.decode()
    assert "<h1>Trauma-Informed Care in Practice</h1>" in html
    assert "You are connected as <strong>Dana Whitfield</strong>" in html
    assert "Ana Ruiz, PhD" in html
    # Dana's zone is Los Angeles: the event runs 10:00 AM to 12:00 PM PST with a break at 11:00.
    assert "10:00 AM – 11:00 AM PST" in html
    assert "11:00 AM – 11:10 AM PST" in html
    assert "Stretch break" in html
    assert "11:10 AM – 12:00 PM PST" in html
    assert "Session in progress" in html


def test_the_room_says_plainly_it_is_the_simulated_room_and_offers_to_leave(
    client, dana, registration, room_url
):
    client.force_login(dana)
    with time_machine.travel(DURING, tick=False):
        html = client.get(room_url).content.decode()
    connection = registration.simulated_connections.get()
    leave_url = reverse(
        "meetings:leave", args=[registration.join_token, connection.participant_uuid]
    )
    assert "built-in simulated webinar room" in html
    assert f'<form method="post" action="{leave_url}" data-leave-form>' in html
    assert "Leave the room</button>" in html
    assert 'role="status"' in html


def test_the_room_loads_its_script_from_a_file_and_passes_urls_in_data_attributes(
    client, dana, registration, room_url
):
    client.force_login(dana)
    with time_machine.travel(DURING, tick=False):
        html = client.get(room_url).content.decode()
    connection = registration.simulated_connections.get()
    heartbeat_url = reverse(
        "meetings:heartbeat", args=[registration.join_token, connection.participant_uuid]
    )
    assert '<script src="/static/js/room.js" defer></script>' in html
    assert f'data-heartbeat-url="{heartbeat_url}"' in html
    assert 'data-heartbeat-seconds="15"' in html
    assert "<script>" not in html


def test_during_a_break_the_room_says_so(client, dana, registration, room_url):
    client.force_login(dana)
    with time_machine.travel(START + dt.timedelta(minutes=65), tick=False):
        html = client.get(room_url).content.decode()
    assert ">On a break</span>" in html
    # Only the break's row is marked as happening now.
    assert html.count("<span data-now-badge>") == 1
    assert html.index("Stretch break") < html.index("<span data-now-badge>")
    assert html.index("<span data-now-badge>") < html.index("11:10 AM – 12:00 PM PST")


def test_the_room_page_is_never_cached(client, dana, registration, room_url):
    client.force_login(dana)
    with time_machine.travel(DURING, tick=False):
        response = client.get(room_url)
    assert "no-store" in response.headers["Cache-Control"]


def test_someone_elses_link_is_not_found_and_records_nothing(client, omar, registration, room_url):
    client.force_login(omar)
    with time_machine.travel(DURING, tick=False):
        response = client.get(room_url)
    assert response.status_code == 404
    assert not SimulatedConnection.objects.exists()


def test_staff_cannot_open_an_attendees_room_either(client, sam_staff, registration, room_url):
    client.force_login(sam_staff)
    with time_machine.travel(DURING, tick=False):
        assert client.get(room_url).status_code == 404


def test_an_unknown_token_is_not_found(client, dana, registration):
    client.force_login(dana)
    with time_machine.travel(DURING, tick=False):
        response = client.get(reverse("meetings:room", args=["no-such-token"]))
    assert response.status_code == 404


def test_anonymous_visitors_are_sent_to_log_in_and_come_back(client, registration, room_url):
    with time_machine.travel(DURING, tick=False):
        response = client.get(room_url)
    assert response.status_code == 302
    assert response.url == f"{reverse('account_login')}?next={room_url}"
    assert not SimulatedConnection.objects.exists()


def test_a_cancelled_registration_is_refused(client, dana, registration, room_url):
    Registration.objects.filter(pk=registration.pk).update(status=Registration.CANCELLED)
    client.force_login(dana)
    with time_machine.travel(DURING, tick=False):
        response = client.get(room_url)
    assert response.status_code == 403
    assert "Your registration for this event was cancelled." in response.content.decode()
    assert not SimulatedConnection.objects.exists()


def test_the_waiting_list_is_refused(client, dana, registration, room_url):
    Registration.objects.filter(pk=registration.pk).update(status=Registration.WAITLISTED)
    client.force_login(dana)
    with time_machine.travel(DURING, tick=False):
        response = client.get(room_url)
    assert response.status_code == 403
    assert response.context["refusal"].code == "registration_waitlisted"
    assert "You are on the waiting list" in response.content.decode()
    assert not SimulatedConnection.objects.exists()


def test_a_cancelled_event_is_refused(client, dana, event, registration, room_url):
    Event.objects.filter(pk=event.pk).update(status=Event.CANCELLED)
    client.force_login(dana)
    with time_machine.travel(DURING, tick=False):
        response = client.get(room_url)
    assert response.status_code == 403
    assert "This event was cancelled." in response.content.decode()
    assert not SimulatedConnection.objects.exists()


def test_an_event_no_longer_published_is_refused(client, dana, event, registration, room_url):
    Event.objects.filter(pk=event.pk).update(status=Event.DRAFT)
    client.force_login(dana)
    with time_machine.travel(DURING, tick=False):
        response = client.get(room_url)
    assert response.status_code == 403
    assert response.context["refusal"].code == "event_not_found"
    assert "This event is not open." in response.content.decode()
    assert not SimulatedConnection.objects.exists()


def test_before_it_opens_the_room_is_refused_and_says_when_it_opens(
    client, dana, registration, room_url
):
    client.force_login(dana)
    with time_machine.travel(START - dt.timedelta(minutes=15, seconds=1), tick=False):
        response = client.get(room_url)
    assert response.status_code == 403
    assert response.context["refusal"].code == "room_not_open_yet"
    html = response.content.decode()
    assert "The room is not open yet." in html
    assert "The room opens at <strong>Thursday, January 15, 2026, 9:45 AM PST</strong>" in html
    assert not SimulatedConnection.objects.exists()


def test_the_room_opens_fifteen_minutes_before_the_start(client, dana, registration, room_url):
    client.force_login(dana)
    with time_machine.travel(START - dt.timedelta(minutes=15), tick=False):
        response = client.get(room_url)
    assert response.status_code == 200
    assert ">Starting soon</span>" in response.content.decode()


def test_the_opening_time_follows_the_setting(client, dana, registration, room_url, settings):
    settings.JOIN_OPENS_MINUTES_BEFORE = 30
    client.force_login(dana)
    with time_machine.travel(START - dt.timedelta(minutes=30), tick=False):
        assert client.get(room_url).status_code == 200


def test_at_the_end_the_room_is_closed(client, dana, registration, room_url):
    client.force_login(dana)
    with time_machine.travel(END, tick=False):
        response = client.get(room_url)
    assert response.status_code == 403
    assert "This event has ended and its room is closed." in response.content.decode()
    assert not SimulatedConnection.objects.exists()


def test_a_speculative_prefetch_is_not_a_join(client, dana, registration, room_url):
    client.force_login(dana)
    with time_machine.travel(DURING, tick=False):
        response = client.get(room_url, headers={"sec-purpose": "prefetch;prerender"})
    assert response.status_code == 503
    assert not SimulatedConnection.objects.exists()


def test_opening_the_room_by_post_is_not_allowed(client, dana, registration, room_url):
    client.force_login(dana)
    with time_machine.travel(DURING, tick=False):
        assert client.post(room_url).status_code == 405
    assert not SimulatedConnection.objects.exists()
