import datetime as dt
import zoneinfo

from icalendar import Calendar

from events.calendar import registration_ics
from tests.factories import EventFactory, RegistrationFactory

NEW_YORK = zoneinfo.ZoneInfo("America/New_York")


def _event_component(ics: bytes):
    calendar = Calendar.from_ical(ics)
    return calendar, next(c for c in calendar.walk("VEVENT"))


def test_the_calendar_entry_is_in_the_events_own_zone_with_its_definition(db):
    start = dt.datetime(2026, 12, 8, 10, 0, tzinfo=NEW_YORK)
    event = EventFactory(
        title="Ethics", time_zone="America/New_York", start=start, end=start + dt.timedelta(hours=3)
    )
    ics = registration_ics(RegistrationFactory(event=event))
    assert b"DTSTART;TZID=America/New_York:20261208T100000" in ics
    assert b"DTEND;TZID=America/New_York:20261208T130000" in ics
    calendar, entry = _event_component(ics)
    assert [tz["TZID"] for tz in calendar.walk("VTIMEZONE")] == ["America/New_York"]
    assert entry.decoded("dtstart") == start


def test_the_calendar_entry_across_a_daylight_saving_change_keeps_the_real_instant(db):
    # 2026-11-01 01:30 EDT (first of two 1:30s) to 03:30 EST is three real hours.
    start = dt.datetime(2026, 11, 1, 5, 30, tzinfo=dt.UTC)
    event = EventFactory(
        time_zone="America/New_York", start=start, end=start + dt.timedelta(hours=3)
    )
    _, entry = _event_component(registration_ics(RegistrationFactory(event=event)))
    real_start = entry.decoded("dtstart").astimezone(dt.UTC)
    real_end = entry.decoded("dtend").astimezone(dt.UTC)
    assert real_start == start
    assert real_end - real_start == dt.timedelta(hours=3)


def test_the_calendar_entry_links_to_the_main_hall_and_has_a_stable_uid(db, settings):
    settings.SITE_URL = "https://ce.example.org"
    registration = RegistrationFactory()
    _, entry = _event_component(registration_ics(registration))
    assert str(entry["url"]) == f"https://ce.example.org/events/{registration.event.slug}/hall/"
    assert str(entry["uid"]) == f"registration-{registration.pk}@ce.example.org"
