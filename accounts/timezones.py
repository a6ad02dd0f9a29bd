"""The time-zone choices offered to people: US zones first (most attendees), then the world."""

from __future__ import annotations

import zoneinfo
from functools import cache
from importlib import resources

COMMON_ZONES = [
    ("America/New_York", "Eastern Time (New York)"),
    ("America/Chicago", "Central Time (Chicago)"),
    ("America/Denver", "Mountain Time (Denver)"),
    ("America/Phoenix", "Mountain Time without daylight saving (Phoenix)"),
    ("America/Los_Angeles", "Pacific Time (Los Angeles)"),
    ("America/Anchorage", "Alaska Time (Anchorage)"),
    ("Pacific/Honolulu", "Hawaii Time (Honolulu)"),
    ("America/Puerto_Rico", "Atlantic Time (Puerto Rico)"),
]


@cache
def all_zone_names() -> frozenset[str]:
    # Bare legacy aliases such as "EST5EDT" confuse people; offer Area/City names only.
    return frozenset(
        name
        for name in zoneinfo.available_timezones()
        if "/" in name and not name.startswith(("Etc/", "SystemV/", "US/"))
    )


@cache
def current_zone_names() -> frozenset[str]:
    """The zones the tz database lists for today's countries (its zone.tab): one name per
    place, so retired spellings such as "Asia/Calcutta" or "Europe/Kiev" are not offered."""
    table = resources.files("tzdata.zoneinfo").joinpath("zone.tab").read_text(encoding="utf-8")
    names = {
        columns[2]
        for line in table.splitlines()
        if line and not line.startswith("#") and len(columns := line.split("\t")) >= 3
    }
    return frozenset(names & all_zone_names())


def is_valid_zone(name: str) -> bool:
    return name in all_zone_names() or name == "UTC"


@cache
def time_zone_choices() -> list[tuple[str, list[tuple[str, str]]]]:
    common = {name for name, _ in COMMON_ZONES}
    # Any zone is still accepted (is_valid_zone), so an account saved with a retired name keeps
    # working; only the list offered is the current one.
    others = sorted(current_zone_names() - common)
    return [
        ("United States", COMMON_ZONES),
        ("Other zones", [(name, name.replace("_", " ")) for name in [*others, "UTC"]]),
    ]
