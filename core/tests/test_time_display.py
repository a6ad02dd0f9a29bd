import datetime as dt
import zoneinfo

import time_machine
from django.template import Context, Template
from django.utils import timezone

WINTER = dt.datetime(2026, 1, 15, 18, 0, tzinfo=dt.UTC)
SUMMER = dt.datetime(2026, 7, 15, 18, 0, tzinfo=dt.UTC)


def render(value, zone):
    with timezone.override(zoneinfo.ZoneInfo(zone)):
        return Template("{% load fc %}{{ value|when }}").render(Context({"value": value}))


def test_times_are_shown_in_the_viewers_zone_with_its_abbreviation():
    assert render(WINTER, "America/New_York") == "Thursday, January 15, 2026, 1:00 PM EST"
    assert render(WINTER, "America/Los_Angeles") == "Thursday, January 15, 2026, 10:00 AM PST"


def test_the_abbreviation_follows_daylight_saving_time():
    assert render(SUMMER, "America/New_York").endswith("2:00 PM EDT")


def test_anonymous_visitors_see_times_in_their_browsers_zone(client, db):
    client.cookies["tz"] = "America/Denver"
    assert "America/Denver" in client.get("/").content.decode()


def test_a_bogus_zone_cookie_falls_back_to_the_default(client, db):
    client.cookies["tz"] = "Not/AZone"
    assert "America/New_York" in client.get("/").content.decode()


def test_the_footer_names_the_zone_with_the_abbreviation_in_force_today(client, dana):
    client.force_login(dana)
    with time_machine.travel(SUMMER):
        assert "America/Los_Angeles (PDT)" in client.get("/").content.decode()
    with time_machine.travel(WINTER):
        assert "America/Los_Angeles (PST)" in client.get("/").content.decode()


def test_a_time_zone_cookie_too_long_for_the_zone_database_is_ignored(client, db):
    from core.middleware import TIME_ZONE_COOKIE

    client.cookies[TIME_ZONE_COOKIE] = "America/" + "X" * 300
    assert client.get("/").status_code == 200


def test_a_zone_whose_abbreviation_is_its_name_is_named_once(client, dana):
    dana.time_zone = "UTC"
    dana.save()
    client.force_login(dana)
    page = client.get("/").content.decode()
    assert "<strong>UTC</strong>" in page
    assert "UTC (UTC)" not in page
