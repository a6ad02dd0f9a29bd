"""The time-zone choices offered to people: US zones first (most attendees), then the world."""

from __future__ import annotations

import zoneinfo
from functools import cache

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


def is_valid_zone(name: str) -> bool:
    return name in all_zone_names() or name == "UTC"


@cache
def time_zone_choices() -> list[tuple[str, list[tuple[str, str]]]]:
    common = {name for name, _ in COMMON_ZONES}
    others = sorted(all_zone_names() - common)
    return [
        ("United States", COMMON_ZONES),
        ("Other zones", [(name, name.replace("_", " ")) for name in [*others, "UTC"]]),
    ]
