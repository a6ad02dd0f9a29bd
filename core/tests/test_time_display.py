import datetime as dt
import zoneinfo

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


def test_signed_in_people_see_times_in_their_own_zone(client, dana):
    client.force_login(dana)
    response = client.get("/")
    assert "America/Los_Angeles" in response.content.decode()
