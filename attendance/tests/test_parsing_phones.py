"""Phone dial-in rows: placeholders and numbers, masked or not (reference §6)."""

from __future__ import annotations

import datetime as dt

import pytest

from attendance.parsing import parse_report
from attendance.parsing.phones import dial_in


@pytest.mark.parametrize(
    ("name", "digits", "masked"),
    [
        ("Call-in User", "", False),
        ("Call-in User_3", "", False),
        ("call in user 12", "", False),
        ("14155550142", "14155550142", False),
        ("+1 415 555 0142", "14155550142", False),
        ("(415) 555-0142", "4155550142", False),
        ("415-555-0142", "4155550142", False),
        ("+1 415***0142", "14150142", True),
        ("+44 20 xxxx 0142", "44200142", True),
        ("***-***-0142", "0142", True),
    ],
)
def test_placeholders_and_numbers_are_dial_ins_with_their_visible_digits(name, digits, masked):
    found = dial_in(name)
    assert (found.is_phone, found.digits, found.masked) == (True, digits, masked)


@pytest.mark.parametrize(
    "name", ["Dana Whitfield", "Room 12", "2026", "xxx", "", "Dana's iPhone", "Call-in User Group"]
)
def test_names_that_are_not_numbers_are_not_dial_ins(name):
    assert dial_in(name).is_phone is False


def parse(*rows: str):
    content = "\n".join(
        ["Name (Original Name),User Email,Join Time,Leave Time,Duration (Minutes),Guest", *rows]
    ).encode()
    return parse_report(
        content, "m.csv", time_zone="America/New_York", event_date=dt.date(2026, 5, 12)
    ).rows


def test_a_number_named_row_with_an_email_is_not_a_phone_row():
    row = parse("14155550142,dana@example.com,05/12/2026 1:00 PM,05/12/2026 2:00 PM,60,No")[0]
    assert (row.is_phone, row.phone_digits) == (False, "")


def test_a_dial_in_who_renamed_themselves_is_still_a_phone_row():
    row = parse("Dana W (14155550142),,05/12/2026 1:00 PM,05/12/2026 2:00 PM,60,Yes")[0]
    assert (row.name, row.is_phone, row.phone_digits) == ("Dana W", True, "14155550142")


def test_a_masked_number_is_marked_in_extra_and_keeps_its_last_four_digits():
    row = parse("+1 415***0142,,05/12/2026 1:00 PM,05/12/2026 2:00 PM,60,Yes")[0]
    assert row.phone_digits[-4:] == "0142"
    assert row.extra == {"phone_masked": "yes"}


def test_an_unmasked_number_has_no_masked_marker():
    row = parse("14155550142,,05/12/2026 1:00 PM,05/12/2026 2:00 PM,60,Yes")[0]
    assert row.extra == {}
