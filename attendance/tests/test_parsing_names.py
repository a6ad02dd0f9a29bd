"""Name cells: Zoom's role markers, pronouns and renames (a trailing bracket is not a rename)."""

from __future__ import annotations

import datetime as dt

import pytest

from attendance.parsing import ATTENDEE, HOST, PANELIST, parse_report
from attendance.parsing.names import is_pronouns, read_name

HEADER = "Name (Original Name),User Email,Join Time,Leave Time"
TIMES = "05/12/2026 01:00:00 PM,05/12/2026 02:00:00 PM"


def meeting_row(name: str):
    content = f'{HEADER}\n"{name}",,{TIMES}\n'.encode()
    report = parse_report(
        content, "m.csv", time_zone="America/New_York", event_date=dt.date(2026, 5, 12)
    )
    return report.rows[0]


@pytest.mark.parametrize(
    "name", ["Cho Chang (she/her)", "Alex Kim (they/them)", "Sam Lee (he/him)", "Jo (she/they)"]
)
def test_pronouns_stay_in_the_name_and_are_not_an_original_name(name):
    row = meeting_row(name)
    assert (row.name, row.original_name) == (name, "")


@pytest.mark.parametrize(
    ("cell", "name", "role", "guest"),
    [
        ("Andrea Rossi (Host)", "Andrea Rossi", HOST, None),
        ("Andrea Rossi (Co-host)", "Andrea Rossi", HOST, None),
        ("Andrea Rossi (co-host)", "Andrea Rossi", HOST, None),
        ("Jordan Blake (Guest)", "Jordan Blake", ATTENDEE, True),
        ("Giulia Bianchi (Organizzatore)", "Giulia Bianchi", HOST, None),
        ("Lucía Pérez (Anfitrión)", "Lucía Pérez", HOST, None),
        ("Jonas Weber (Gast)", "Jonas Weber", ATTENDEE, True),
        ("佐藤 愛子 (共同ホスト)", "佐藤 愛子", HOST, None),
        ("김민준 (게스트)", "김민준", ATTENDEE, True),
    ],
)
def test_zoom_markers_set_the_role_or_guest_and_are_removed(cell, name, role, guest):
    row = meeting_row(cell)
    assert (row.name, row.original_name, row.role, row.is_guest) == (name, "", role, guest)


def test_a_renamed_host_with_spaces_inside_the_brackets_is_split_after_the_marker():
    row = meeting_row("NEW ( Original ) (Host)")
    assert (row.name, row.original_name, row.role) == ("NEW", "Original", HOST)


def test_a_real_rename_is_still_split():
    row = meeting_row("Dana W. (Dana Whitfield)")
    assert (row.name, row.original_name) == ("Dana W.", "Dana Whitfield")


def test_pronouns_before_or_after_a_rename_stay_with_the_current_name():
    assert read_name("Dana (she/her) (Dana Whitfield)", renames=True)[:2] == (
        "Dana (she/her)",
        "Dana Whitfield",
    )
    assert read_name("Dana W. (Dana Whitfield) (she/her)", renames=True)[:2] == (
        "Dana W. (she/her)",
        "Dana Whitfield",
    )


def test_markers_and_pronouns_come_off_in_either_order():
    for cell in ("Cho Chang (she/her) (Host)", "Cho Chang (Host) (she/her)"):
        assert read_name(cell, renames=True) == ("Cho Chang (she/her)", "", HOST, False)


def test_a_marker_listing_several_roles_sets_each():
    assert read_name("Tom (Co-Host, Guest)", renames=True) == ("Tom", "", HOST, True)


def test_a_column_that_holds_no_renames_keeps_brackets_but_still_reads_markers():
    assert read_name("Dana (Dana Whitfield)", renames=False)[:2] == ("Dana (Dana Whitfield)", "")
    assert read_name("Sam (Host)", renames=False).role == HOST


def test_a_cell_that_is_only_a_marker_keeps_its_text_as_the_name():
    assert read_name("(Guest)", renames=True) == ("(Guest)", "", "", True)


def test_a_panelist_in_a_webinar_stays_a_panelist_whatever_the_marker():
    content = (
        b"Panelist Details\n"
        b"Attended,User Name (Original Name),Email,Join Time,Leave Time\n"
        b'Yes,Priya (Guest),p@example.com,"May 12, 2026 13:00:00","May 12, 2026 14:00:00"\n'
        b"Attendee Details\n"
        b"Attended,User Name (Original Name),Email,Join Time,Leave Time\n"
        b'Yes,Sam (Host),s@example.com,"May 12, 2026 13:00:00","May 12, 2026 14:00:00"\n'
    )
    rows = parse_report(
        content, "w.csv", time_zone="America/New_York", event_date=dt.date(2026, 5, 12)
    ).rows
    assert [(r.name, r.role, r.is_guest) for r in rows] == [
        ("Priya", PANELIST, True),
        ("Sam", HOST, None),
    ]


@pytest.mark.parametrize(
    "text",
    [
        "she/her",
        "They/Them",
        " he / him ",
        "she/her/hers",
        "any pronouns",
        "Any Pronouns",
        "they",
        "xe/xem",
        "ze/hir",
        "ella/la",
        "sie/ihr",
        "ask me my pronouns",
        "he/they",
    ],
)
def test_pronoun_groups_are_recognised(text):
    assert is_pronouns(text)


@pytest.mark.parametrize(
    "text", ["Dana Whitfield", "Per", "Em", "Ella", "LCSW", "Room 2", "Ella Lo", "Her Majesty"]
)
def test_first_names_and_other_brackets_are_not_pronouns(text):
    assert not is_pronouns(text)


def test_a_first_name_that_is_also_a_pronoun_elsewhere_is_still_an_original_name():
    assert read_name("Dr. P (Per)", renames=True)[:2] == ("Dr. P", "Per")
