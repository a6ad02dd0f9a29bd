"""Recognising a file's format from its content, and refusing what cannot be used."""

from __future__ import annotations

import codecs
import datetime as dt

import pytest

from attendance.parsing import (
    MEETING_PARTICIPANTS_CSV,
    REPORT_API_JSON,
    WEBINAR_ATTENDEE_CSV,
    ReportError,
    codes,
    detect_format,
    parse_report,
)
from attendance.tests.fixtures import read


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("webinar_2025_custom_questions.csv", WEBINAR_ATTENDEE_CSV),
        ("webinar_2020_other_attended.csv", WEBINAR_ATTENDEE_CSV),
        ("webinar_third_party_2026.csv", WEBINAR_ATTENDEE_CSV),
        ("webinar_only_no_shows.csv", WEBINAR_ATTENDEE_CSV),
        ("meeting_with_meeting_data.csv", MEETING_PARTICIPANTS_CSV),
        ("meeting_participants_zero_padded.csv", MEETING_PARTICIPANTS_CSV),
        ("meeting_flattened_day_first.csv", MEETING_PARTICIPANTS_CSV),
        ("meeting_lowercase.csv", MEETING_PARTICIPANTS_CSV),
        ("meeting_excel_cp1252.csv", MEETING_PARTICIPANTS_CSV),
        ("meeting_utf8_bom.csv", MEETING_PARTICIPANTS_CSV),
        ("report_api_page1.json", REPORT_API_JSON),
        ("report_api_bare_list.json", REPORT_API_JSON),
        ("report_api_pages_array.json", REPORT_API_JSON),
    ],
)
def test_each_accepted_layout_is_recognised(name, expected):
    assert detect_format(read(name), name) == expected


def test_the_file_name_does_not_decide_the_format():
    assert detect_format(read("report_api_page1.json"), "looks-like.csv") == REPORT_API_JSON


def refusal(content: bytes, filename: str = "upload.csv") -> ReportError:
    with pytest.raises(ReportError) as caught:
        detect_format(content, filename)
    return caught.value


def test_the_show_unique_users_export_is_refused_with_what_to_download_instead():
    error = refusal(read("meeting_unique_users.csv"))
    assert error.code == codes.UNIQUE_USERS_EXPORT
    assert "Reports → Usage → Participants" in error.message
    assert 'WITHOUT "Show unique users"' in error.message
    assert "Attendee Report" in error.message


def test_the_unique_users_export_with_meeting_data_is_also_refused():
    content = (
        b"Meeting ID,Topic,Start Time,End Time,User Email,Duration (Minutes),Participants\n"
        b"123,Seminar,05/12/2026 1:00 PM,05/12/2026 2:00 PM,h@example.org,60,2\n,,,,,,\n"
        + read("meeting_unique_users.csv")
    )
    assert refusal(content).code == codes.UNIQUE_USERS_EXPORT


def test_parse_report_refuses_the_unique_users_export_too():
    with pytest.raises(ReportError) as caught:
        parse_report(
            read("meeting_unique_users.csv"),
            "unique.csv",
            time_zone="America/New_York",
            event_date=dt.date(2026, 1, 21),
        )
    assert caught.value.code == codes.UNIQUE_USERS_EXPORT


def test_an_unknown_csv_is_refused_naming_the_formats_accepted():
    error = refusal(b"Student,Score\nDana,93\n")
    assert error.code == codes.UNKNOWN_FORMAT
    for label in ("Attendee Report", "participants export", "report API"):
        assert label in error.message


def test_another_zoom_webinar_report_is_refused_naming_the_attendee_report():
    error = refusal(b"Registration Report,,,\nTopic,Webinar ID\nSeminar,812 1111 2222\n")
    assert error.code == codes.UNKNOWN_FORMAT
    assert "Registration Report" in error.message
    assert "Attendee Report" in error.message


def test_an_empty_file_is_not_a_report():
    assert refusal(b"  \r\n").code == codes.NOT_A_REPORT


def test_a_binary_file_is_not_a_report():
    assert refusal(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00").code == codes.NOT_A_REPORT


def test_random_bytes_without_nuls_are_not_a_report():
    content = bytes(range(1, 32)) * 40
    assert refusal(content).code == codes.NOT_A_REPORT


def test_an_excel_workbook_is_refused_with_a_hint_to_save_as_csv():
    error = refusal(b"PK\x03\x04\x14\x00\x06\x00" + b"\x00" * 30, "attendees.xlsx")
    assert error.code == codes.NOT_A_REPORT
    assert "CSV" in error.message


def test_a_pdf_is_refused():
    assert refusal(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n").code == codes.NOT_A_REPORT


def test_json_of_another_shape_is_refused():
    assert refusal(b'{"meetings": []}', "x.json").code == codes.UNKNOWN_FORMAT


def small_meeting(event_date=dt.date(2026, 5, 12)):
    return lambda content: parse_report(
        content, "m.csv", time_zone="America/New_York", event_date=event_date
    )


def test_a_utf8_file_with_a_byte_order_mark_is_read():
    report = small_meeting()(read("meeting_utf8_bom.csv"))
    assert report.rows[0].name == "Renée Müller"


def test_a_windows_1252_file_from_excel_is_read():
    report = small_meeting()(read("meeting_excel_cp1252.csv"))
    assert [row.name for row in report.rows] == ["José Núñez", "Zoë O’Brien"]


def test_a_utf16_file_with_a_byte_order_mark_is_read():
    text = read("meeting_utf8_bom.csv").decode("utf-8-sig")
    report = small_meeting()(codecs.BOM_UTF16_LE + text.encode("utf-16-le"))
    assert report.rows[0].email == "renee.muller@example.com"


def test_names_are_unicode_composed_and_non_breaking_spaces_trimmed():
    decomposed = "Rene\u0301e"  # "Renée" as macOS may write it
    content = (
        "Name (Original Name),User Email,Join Time,Leave Time\n"
        f"\xa0{decomposed}\xa0,renee@example.com,05/12/2026 1:58 PM,05/12/2026 3:31 PM\n"
    ).encode()
    assert small_meeting()(content).rows[0].name == "Renée"


def test_a_file_of_only_a_byte_order_mark_is_empty():
    assert refusal(codecs.BOM_UTF8 + b"\r\n").code == codes.NOT_A_REPORT
