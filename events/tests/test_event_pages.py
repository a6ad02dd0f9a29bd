import datetime as dt

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from events.models import Break, Event, EventPresenter, Handout, Presenter, Registration
from events.services import register_attendee
from tests.factories import EventFactory, RegistrationFactory


@pytest.fixture
def event(db):
    event = EventFactory(
        title="Trauma-Informed Care",
        dial_in_instructions="Call +1 646 555 0100, webinar ID 123 456 789.",
        learning_objectives=["Describe trauma responses", "Apply grounding skills"],
    )
    Break.objects.create(
        event=event,
        start=event.start + dt.timedelta(minutes=60),
        end=event.start + dt.timedelta(minutes=70),
        label="Stretch break",
    )
    presenter = Presenter.objects.create(
        name="Ana Ruiz", credentials="PhD", bio="Trauma researcher."
    )
    EventPresenter.objects.create(event=event, presenter=presenter)
    return event


def hall(event):
    return reverse("events:hall", args=[event.slug])


def test_the_event_page_shows_presenters_schedule_breaks_and_requirements(client, event):
    html = client.get(event.get_absolute_url()).content.decode()
    assert "Ana Ruiz, PhD" in html
    assert "Stretch break" in html
    assert "not counted as instructional time" in html
    assert "Attend the entire event." in html
    assert "No group viewing." in html
    assert "last 4 digits" in html
    assert "Describe trauma responses" in html


def test_the_event_page_says_per_license_whether_it_counts(client, dana, event):
    client.force_login(dana)
    html = client.get(event.get_absolute_url()).content.decode()
    assert "Counts for your CA LCSW: approved by APA, which your board accepts." in html


def test_a_draft_event_page_does_not_exist_for_attendees(client, db):
    draft = EventFactory(status=Event.DRAFT)
    assert client.get(draft.get_absolute_url()).status_code == 404


def test_registering_from_the_event_page_leads_to_my_events(client, dana, event):
    client.force_login(dana)
    response = client.post(reverse("events:register", args=[event.slug]))
    assert response.status_code == 302 and response["Location"] == reverse("events:my_events")
    html = client.get(reverse("events:my_events")).content.decode()
    assert "Trauma-Informed Care" in html
    assert "Access Event" in html


def test_a_refused_registration_is_explained_on_the_event_page(client, dana, event):
    event.capacity = 1
    event.save()
    RegistrationFactory(event=event)
    client.force_login(dana)
    response = client.post(reverse("events:register", args=[event.slug]), follow=True)
    assert "This event is full. You can join the waiting list instead." in response.content.decode()
    assert "Join the waiting list" in response.content.decode()
    assert not Registration.objects.filter(user=dana).exists()


def test_registering_requires_logging_in(client, event):
    response = client.post(reverse("events:register", args=[event.slug]))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_registering_by_get_is_not_allowed(client, dana, event):
    client.force_login(dana)
    assert client.get(reverse("events:register", args=[event.slug])).status_code == 405


def test_cancelling_from_the_event_page(client, dana, event):
    register_attendee(event, dana)
    client.force_login(dana)
    client.post(reverse("events:cancel", args=[event.slug]))
    assert Registration.objects.get(user=dana).status == Registration.CANCELLED


def test_my_events_separates_upcoming_and_past(client, dana):
    past_start = dt.datetime(2024, 3, 1, 15, tzinfo=dt.UTC)
    RegistrationFactory(
        user=dana,
        event=EventFactory(
            title="Last spring", start=past_start, end=past_start + dt.timedelta(hours=2)
        ),
    )
    RegistrationFactory(user=dana, event=EventFactory(title="Next week"))
    client.force_login(dana)
    response = client.get(reverse("events:my_events"))
    assert [r.event.title for r in response.context["upcoming"]] == ["Next week"]
    assert [r.event.title for r in response.context["past"]] == ["Last spring"]


def test_someone_elses_main_hall_is_refused(client, omar, event, dana):
    register_attendee(event, dana)
    client.force_login(omar)
    response = client.get(hall(event))
    assert response.status_code == 403
    assert "You are not registered" in response.content.decode()


def test_the_main_hall_is_refused_to_people_on_the_waiting_list(client, dana, event):
    RegistrationFactory(event=event, user=dana, status=Registration.WAITLISTED)
    client.force_login(dana)
    response = client.get(hall(event))
    assert response.status_code == 403
    assert "waiting list" in response.content.decode()


def test_the_main_hall_requires_logging_in(client, event):
    assert client.get(hall(event)).status_code == 302


def test_before_it_opens_join_now_says_when_it_will_open(client, dana, event):
    register_attendee(event, dana)
    client.force_login(dana)
    with time_machine.travel(event.start - dt.timedelta(minutes=16)):
        html = client.get(hall(event)).content.decode()
    assert "disabled" in html
    opens = (event.start - dt.timedelta(minutes=15)).astimezone(dana_zone())
    assert (
        f"Join Now opens at <strong>{opens:%A, %B} {opens.day}, {opens.year}, {opens:%-I:%M %p} P"
        in html
    )


def dana_zone():
    import zoneinfo

    return zoneinfo.ZoneInfo("America/Los_Angeles")


def test_join_now_opens_fifteen_minutes_before_with_the_personal_link(client, dana, event):
    registration = register_attendee(event, dana)
    client.force_login(dana)
    with time_machine.travel(event.start - dt.timedelta(minutes=15)):
        response = client.get(hall(event))
    assert response.context["join_open"]
    assert f'href="{registration.join_link}"' in response.content.decode()


def test_join_now_points_at_todays_site_url_not_the_one_at_registration(
    client, dana, event, settings
):
    registration = register_attendee(event, dana)
    settings.SITE_URL = "https://ce.example.org"
    client.force_login(dana)
    with time_machine.travel(event.start):
        html = client.get(hall(event)).content.decode()
    assert f'href="https://ce.example.org/room/{registration.join_token}/"' in html


def test_the_opening_time_is_configurable(client, dana, event, settings):
    settings.JOIN_OPENS_MINUTES_BEFORE = 30
    register_attendee(event, dana)
    client.force_login(dana)
    with time_machine.travel(event.start - dt.timedelta(minutes=29)):
        assert client.get(hall(event)).context["join_open"]


def test_a_link_still_being_prepared_is_said_plainly(client, dana, event):
    registration = register_attendee(event, dana)
    Registration.objects.filter(pk=registration.pk).update(join_url="", link_status="pending")
    client.force_login(dana)
    with time_machine.travel(event.start):
        html = client.get(hall(event)).content.decode()
    assert "Your personal join link is being prepared." in html


def test_after_the_event_the_hall_says_what_happens_next(client, dana, event):
    register_attendee(event, dana)
    client.force_login(dana)
    with time_machine.travel(event.end + dt.timedelta(minutes=1)):
        html = client.get(hall(event)).content.decode()
    assert "What happens next" in html
    assert "within 24 hours" in html
    assert "Join Now" not in html


def test_handouts_are_for_registrants_only(client, dana, omar, event, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    handout = Handout.objects.create(
        event=event, title="Slides", file=SimpleUploadedFile("slides.pdf", b"%PDF-1.4 slides")
    )
    url = reverse("events:handout", args=[event.slug, handout.pk])
    register_attendee(event, dana)
    client.force_login(dana)
    assert "Slides" in client.get(hall(event)).content.decode()
    response = client.get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"%PDF-1.4 slides"
    assert 'filename="slides.pdf"' in response["Content-Disposition"]
    client.force_login(omar)
    assert client.get(url).status_code == 403


def _past_registration_with_decision(user, day):
    from attendance.models import Decision

    start = dt.datetime(2024, 3, day, 15, tzinfo=dt.UTC)
    registration = RegistrationFactory(
        user=user, event=EventFactory(start=start, end=start + dt.timedelta(hours=2))
    )
    Decision.objects.create(
        registration=registration,
        version=1,
        outcome="eligible",
        attended_seconds=7200,
        required_seconds=7200,
        tolerance_seconds=0,
        credited_hours=2,
        rule_version="test",
    )


def test_my_events_queries_do_not_grow_with_past_events(client, dana):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(dana)
    for day in (1, 2):
        _past_registration_with_decision(dana, day)
    with CaptureQueriesContext(connection) as few:
        client.get(reverse("events:my_events"))
    for day in (3, 4, 5, 6):
        _past_registration_with_decision(dana, day)
    with CaptureQueriesContext(connection) as many:
        response = client.get(reverse("events:my_events"))
    assert len(response.context["past"]) == 6
    assert len(many) == len(few)
