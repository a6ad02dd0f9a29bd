"""Year-first and localised date forms, with the day/month order still taken from the data."""

from __future__ import annotations

import datetime as dt

import pytest

from attendance.parsing import parse_report
from attendance.parsing.dates import MONTH_FIRST, StampReader, naive
from attendance.parsing.locales import MONTHS, month_table


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2020/12/8 8:35", dt.datetime(2020, 12, 8, 8, 35)),  # Japanese
        ("2020/10/15 10:30:15 AM", dt.datetime(2020, 10, 15, 10, 30, 15)),  # Korean
        ("2020/10/15 10:30:15 PM", dt.datetime(2020, 10, 15, 22, 30, 15)),
        ("10월 15, 2024 10:30:15", dt.datetime(2024, 10, 15, 10, 30, 15)),  # Korean webinar
        ("10월 15, 2024 10:30 PM", dt.datetime(2024, 10, 15, 22, 30)),
        ("10월 15, 2024 오후 3:05", dt.datetime(2024, 10, 15, 15, 5)),
        ("2020/12/8 午前 8:35", dt.datetime(2020, 12, 8, 8, 35)),
        ("15 ott 2024 10:30", dt.datetime(2024, 10, 15, 10, 30)),  # Italian
        ("15 de octubre de 2024 10:30:15", dt.datetime(2024, 10, 15, 10, 30, 15)),  # Spanish
        ("15. Okt. 2024 10:30:15", dt.datetime(2024, 10, 15, 10, 30, 15)),  # German
        ("Mär 3, 2026 10:00", dt.datetime(2026, 3, 3, 10, 0)),
        ("ene 9, 2026 7:13 p. m.", dt.datetime(2026, 1, 9, 19, 13)),
    ],
)
def test_year_first_and_localised_forms_are_read(text, expected):
    stamp = StampReader().read(text)
    assert stamp is not None
    assert naive(stamp, MONTH_FIRST) == expected


@pytest.mark.parametrize("text", ["2020/13/8 8:35", "13월 15, 2024 10:30"])
def test_impossible_year_first_dates_are_refused_when_read(text):
    stamp = StampReader().read(text)
    assert stamp is not None
    with pytest.raises(ValueError):
        naive(stamp, MONTH_FIRST)


def test_a_word_that_is_no_month_in_any_language_read_is_not_a_date():
    assert StampReader().read("15 smarch 2024 10:30") is None


def test_no_month_name_stands_for_two_months_in_any_two_languages():
    seen: dict[str, int] = {}
    for months in month_table().values():
        assert len(months) == 12
        for number, names in enumerate(months, 1):
            for name in names:
                assert seen.setdefault(name, number) == number, name


def test_localised_month_names_share_their_month_across_languages():
    # "mar" is March in English, Italian and Spanish; "ago" August in Italian and Spanish.
    assert (MONTHS["mar"], MONTHS["ago"], MONTHS["set"], MONTHS["dez"]) == (3, 8, 9, 12)
    assert (MONTHS["gen"], MONTHS["ene"], MONTHS["mär"], MONTHS["mai"]) == (1, 1, 3, 5)


def meeting(*rows: str, event_date: dt.date):
    header = "名前 (元の名前),ユーザーメール,参加時刻,退出時刻"
    content = "\n".join([header, *rows]).encode()
    return parse_report(content, "ja.csv", time_zone="Asia/Tokyo", event_date=event_date)


def test_a_japanese_export_with_year_first_dates_needs_no_date_order():
    report = meeting(
        "Aiko Sato,aiko@example.jp,2020/12/8 8:35,2020/12/8 10:05",
        event_date=dt.date(2020, 12, 8),
    )
    assert report.date_order == ""
    # 8:35 in Tokyo (UTC+9) is 23:35 UTC the day before.
    assert report.rows[0].join == dt.datetime(2020, 12, 7, 23, 35, tzinfo=dt.UTC)


def test_numeric_dates_in_a_localised_file_are_still_ordered_by_the_data():
    # A Japanese header does not make "03/04/2026" month-first: the event date decides.
    report = meeting(
        "Aiko Sato,aiko@example.jp,03/04/2026 08:35:00,03/04/2026 10:05:00",
        event_date=dt.date(2026, 4, 3),
    )
    assert report.date_order == "day_first"
    assert report.rows[0].join.date() == dt.date(2026, 4, 2)
