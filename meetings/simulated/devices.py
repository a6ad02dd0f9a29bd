"""A short, human name for the browser a connection came from, e.g. "Firefox on Windows"."""

from __future__ import annotations

# Order matters: Edge and Opera also claim to be Chrome, Chrome claims to be Safari, iPhones
# claim to be Macs and Android claims to be Linux, so the more specific token must win.
BROWSERS = [
    ("Edg/", "Edge"),
    ("OPR/", "Opera"),
    ("Firefox/", "Firefox"),
    ("FxiOS/", "Firefox"),
    ("CriOS/", "Chrome"),
    ("Chrome/", "Chrome"),
    ("Chromium/", "Chromium"),
    ("Safari/", "Safari"),
]
SYSTEMS = [
    ("iPhone", "iOS"),
    ("iPad", "iPadOS"),
    ("Android", "Android"),
    ("CrOS", "ChromeOS"),
    ("Windows", "Windows"),
    ("Mac OS X", "macOS"),
    ("Macintosh", "macOS"),
    ("Linux", "Linux"),
]


def _first_match(user_agent: str, table: list[tuple[str, str]], default: str) -> str:
    return next((name for token, name in table if token in user_agent), default)


def device_label(user_agent: str) -> str:
    browser = _first_match(user_agent, BROWSERS, "Unknown browser")
    system = _first_match(user_agent, SYSTEMS, "an unknown system")
    return f"{browser} on {system}"
