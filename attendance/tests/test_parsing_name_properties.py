"""Properties: pronoun groups and Zoom's markers never become renames, in any mix or spelling."""

from __future__ import annotations

import csv
import datetime as dt
import io

from hypothesis import given, settings
from hypothesis import strategies as st

from attendance.parsing import HOST, parse_report
from attendance.parsing.locales import GUEST_MARKER, HOST_MARKER, MARKERS
from attendance.parsing.names import is_real_name, read_name

PRONOUNS = [
    "she/her",
    "he/him",
    "they/them",
    "she/they",
    "he/they",
    "she/her/hers",
    "he/him/his",
    "they/them/theirs",
    "xe/xem",
    "ze/hir",
    "any pronouns",
    "all pronouns",
    "ask me my pronouns",
    "they",
    "she",
    "ella/la",
    "sie/ihr",
]
MARKER_TEXTS = sorted(MARKERS)

words = st.text(
    alphabet=st.sampled_from("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZéøñüß李김-.'"),
    min_size=1,
    max_size=12,
)
bases = (
    st.lists(words, min_size=1, max_size=3)
    .map(" ".join)
    .map(str.strip)
    .filter(lambda name: name and not name.endswith(")"))
)
cases = st.sampled_from([str, str.upper, str.lower, str.title, str.capitalize])
pads = st.sampled_from(["", " ", "  "])


@st.composite
def pronoun_group(draw: st.DrawFn) -> str:
    text = draw(cases)(draw(st.sampled_from(PRONOUNS)))
    slash = f"{draw(pads)}/{draw(pads)}"
    return f"({draw(pads)}{text.replace('/', slash)}{draw(pads)})"


@st.composite
def marker_group(draw: st.DrawFn) -> tuple[str, set[str]]:
    texts = draw(st.lists(st.sampled_from(MARKER_TEXTS), min_size=1, max_size=2))
    shown = [draw(cases)(text) for text in texts]
    return f"({draw(pads)}{', '.join(shown)}{draw(pads)})", {MARKERS[t] for t in texts}


suffix = st.one_of(pronoun_group().map(lambda g: (g, None)), marker_group())


@settings(max_examples=300, deadline=None)
@given(base=bases, groups=st.lists(suffix, min_size=1, max_size=3), renames=st.booleans())
def test_pronouns_and_markers_never_become_an_original_name(base, groups, renames):
    cell = " ".join([base, *(group for group, _ in groups)])
    read = read_name(cell, renames=renames)
    kinds = set().union(*(kinds for _, kinds in groups if kinds))
    pronouns = [group for group, kinds in groups if kinds is None]
    assert read.original == ""
    assert read.name == " ".join([base, *pronouns])
    assert (read.role == HOST) == (HOST_MARKER in kinds)
    assert read.guest == (GUEST_MARKER in kinds)


@settings(max_examples=300, deadline=None)
@given(
    new=bases,
    original=bases.filter(is_real_name),
    groups=st.lists(suffix, max_size=3),
)
def test_a_real_rename_survives_any_markers_and_pronouns_after_it(new, original, groups):
    cell = " ".join([f"{new} ({original})", *(group for group, _ in groups)])
    read = read_name(cell, renames=True)
    pronouns = [group for group, kinds in groups if kinds is None]
    assert read.original == original
    assert read.name == " ".join([new, *pronouns])


@settings(max_examples=100, deadline=None)
@given(rows=st.lists(st.tuples(bases, st.lists(suffix, max_size=2)), min_size=1, max_size=8))
def test_a_meeting_export_never_shows_a_pronoun_or_marker_as_renamed_from(rows):
    out = io.StringIO()
    write = csv.writer(out).writerow
    write(["Name (Original Name)", "User Email", "Join Time", "Leave Time"])
    for index, (base, groups) in enumerate(rows):
        name = " ".join([base, *(group for group, _ in groups)])
        write([name, f"p{index}@example.com", "05/12/2026 01:00:00 PM", "05/12/2026 02:00:00 PM"])
    report = parse_report(
        out.getvalue().encode(),
        "m.csv",
        time_zone="America/New_York",
        event_date=dt.date(2026, 5, 12),
    )
    assert [row.original_name for row in report.rows] == [""] * len(rows)
    for row, (_, groups) in zip(report.rows, rows, strict=True):
        markers = set().union(*(kinds for _, kinds in groups if kinds))
        assert (row.role == HOST) == (HOST_MARKER in markers)
