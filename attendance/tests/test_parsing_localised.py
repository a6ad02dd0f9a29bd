"""Exports made in the Zoom web portal's other languages read like their English twins.

Each localised fixture uses only the header texts seen in real exports (Italian, Spanish in
its older and newer wording, German, Japanese, Korean) and holds the same connections as an
English twin, with the date form of its locale.
"""

from __future__ import annotations

import datetime as dt

import pytest

from attendance.parsing import (
    HOST,
    MEETING_PARTICIPANTS_CSV,
    PANELIST,
    WEBINAR_ATTENDEE_CSV,
    ReportError,
    codes,
    detect_format,
    parse_report,
)
from attendance.parsing.locales import ALIASES, normal, table
from attendance.parsing.text import header_key, yes_no
from attendance.tests.fixtures import read

EVENT_DATE = dt.date(2026, 3, 21)
TWINS = [
    ("meeting_es_older.csv", "meeting_twin_en.csv"),
    ("meeting_es_newer.csv", "meeting_twin_en.csv"),
    ("meeting_de.csv", "meeting_twin_en.csv"),
    ("meeting_ja.csv", "meeting_twin_en.csv"),
    ("meeting_ko.csv", "meeting_twin_en_no_email.csv"),
    ("usage_it.csv", "usage_twin_en.csv"),
    ("webinar_ko.csv", "webinar_twin_en.csv"),
]
ENGLISH_PLEASE = "switch the Zoom web portal to English and export again"


def parse(name: str, content: bytes | None = None):
    return parse_report(
        read(name) if content is None else content,
        name,
        time_zone="America/New_York",
        event_date=EVENT_DATE,
    )


def connections(report):
    return [(r.name, r.original_name, r.email, r.role, r.join, r.leave) for r in report.rows]


def refusal(content: bytes) -> ReportError:
    with pytest.raises(ReportError) as caught:
        parse("export.csv", content)
    return caught.value


@pytest.mark.parametrize(("localised", "english"), TWINS)
def test_a_localised_export_gives_the_connections_of_its_english_twin(localised, english):
    report, twin = parse(localised), parse(english)
    assert report.format == twin.format
    assert connections(report) == connections(twin)


@pytest.mark.parametrize(("localised", "english"), TWINS)
def test_a_localised_export_is_recognised_as_its_layout(localised, english):
    expected = WEBINAR_ATTENDEE_CSV if localised.startswith("webinar") else MEETING_PARTICIPANTS_CSV
    assert detect_format(read(localised), localised) == expected


@pytest.mark.parametrize("name", ["meeting_es_older.csv", "meeting_es_newer.csv", "usage_it.csv"])
def test_localised_yes_marks_the_waiting_room_row(name):
    waiting = [row.line for row in parse(name).rows if row.in_waiting_room]
    assert waiting == [6]


def test_the_italian_flattened_export_reads_its_host_columns():
    report = parse("usage_it.csv")
    assert (report.meeting_id, report.topic) == ("85512345678", "Ethics in Telehealth")
    assert [row.name for row in report.rows if row.role == HOST] == ["Sam Okafor"]


@pytest.mark.parametrize(
    ("code", "canonical", "text"),
    [
        (code, canonical, text)
        for code, texts in table().items()
        for canonical, localised in texts.items()
        for text in localised
    ],
)
def test_every_documented_localised_text_reads_as_its_english_key(code, canonical, text):
    assert header_key(text) == canonical
    assert header_key(f" {text.upper()}: ") == canonical


def test_no_localised_text_stands_for_two_english_keys():
    seen: dict[str, str] = {}
    for texts in table().values():
        for canonical, localised in texts.items():
            for text in localised:
                assert seen.setdefault(normal(text), canonical) == canonical, text
    assert not set(ALIASES) & set(ALIASES.values()), "an alias must not be an English key"


def test_korean_and_japanese_headers_match_with_or_without_a_space_before_the_bracket():
    assert header_key("이름 (원래 이름)") == header_key("이름(원래 이름)") == "name (original name)"
    assert header_key("名前(元の名前)") == "name (original name)"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Sì", True),
        ("Sí", True),
        ("Si", True),
        ("Ja", True),
        ("Oui", True),
        ("Sim", True),
        ("はい", True),
        ("예", True),
        ("Nein", False),
        ("Non", False),
        ("Não", False),
        ("いいえ", False),
        ("아니요", False),
        ("Si\u0300", True),  # "Sì" with a combining accent
    ],
)
def test_localised_yes_and_no_values_are_read(text, expected):
    assert yes_no(text) is expected


def test_the_korean_webinar_report_reads_its_titles_and_its_generation_date():
    report = parse("webinar_ko.csv")
    assert report.format == WEBINAR_ATTENDEE_CSV
    assert [row.line for row in report.rows] == [5, 6, 7, 8]
    assert report.rows[0].join == dt.datetime(2026, 3, 21, 23, 12, 1, tzinfo=dt.UTC)


def test_a_section_whose_title_is_not_known_takes_its_role_from_its_place():
    # The first table of a webinar report is Host Details, whatever its language.
    unknown_title = "호스트 섹션"
    content = read("webinar_ko.csv").replace(
        "참석자 세부 정보".encode(),
        f"{unknown_title},,,\r\n사용자 이름(원래 이름),참가 시간,나간 시간,세션 기간(분)\r\n"
        'Sam Okafor,"3월 21, 2026 19:05:02","3월 21, 2026 22:16:40",192\r\n'
        "참석자 세부 정보".encode(),
        1,
    )
    report = parse("webinar_ko.csv", content)
    assert [(row.name, row.role) for row in report.rows][:2] == [
        ("Sam Okafor", HOST),
        ("Dana Whitfield", "attendee"),
    ]
    assert any(unknown_title in w and "Host Details" in w for w in report.warnings)


def test_a_second_unknown_section_before_the_attendees_is_the_panelists():
    content = (
        "참석자 보고서\nSection one\n사용자 이름(원래 이름),참가 시간,나간 시간\n"
        'Sam,"3월 21, 2026 19:05:02","3월 21, 2026 22:16:40"\n'
        "Section two\n사용자 이름(원래 이름),참가 시간,나간 시간\n"
        'Priya,"3월 21, 2026 19:30:00","3월 21, 2026 21:00:00"\n'
        "참석자 세부 정보\n사용자 이름(원래 이름),참가 시간,나간 시간\n"
        'Dana,"3월 21, 2026 19:12:01","3월 21, 2026 22:15:30"\n'
    ).encode()
    roles = [(row.name, row.role) for row in parse("w.csv", content).rows]
    assert roles == [("Sam", HOST), ("Priya", PANELIST), ("Dana", "attendee")]


def test_an_italian_export_with_us_dates_is_read_month_first_from_the_data():
    content = (
        b"Nome (nome originale),E-mail,Ora di ingresso,Ora di uscita,Durata (minuti)\n"
        b"Giulia Bianchi,giulia@example.com,01/31/2025 01:09:51 PM,01/31/2025 02:10:00 PM,61\n"
    )
    report = parse_report(
        content, "it.csv", time_zone="Europe/Rome", event_date=dt.date(2025, 1, 31)
    )
    assert report.date_order == "month_first"
    assert report.rows[0].join == dt.datetime(2025, 1, 31, 12, 9, 51, tzinfo=dt.UTC)


def test_a_zoom_meeting_export_in_a_language_not_read_asks_for_english():
    # French is a language Zoom exports in (its yes/no values are known) whose headers are not.
    error = refusal(
        "Nom (nom d'origine),E-mail de l'utilisateur,Heure d'arrivée,Heure de départ\n"
        "Dana,dana@example.com,21/03/2026 19:12:01,21/03/2026 22:15:30\n".encode()
    )
    assert error.code == codes.UNSUPPORTED_LANGUAGE
    assert ENGLISH_PLEASE in error.message
    assert "does not recognise" not in error.message


def test_a_zoom_webinar_report_in_a_language_not_read_asks_for_english():
    error = refusal('Rapport des participants,,\nRapport généré :,"03/22/2026 6:26 PM",\n'.encode())
    assert error.code == codes.UNSUPPORTED_LANGUAGE
    assert ENGLISH_PLEASE in error.message


def test_a_localised_table_under_an_unknown_section_title_is_refused_not_read_as_attendees():
    # Read as a meeting export, a webinar's host and panelist tables would be credited.
    error = refusal(
        "Informe de asistentes\nDetalles del anfitrión\n"
        "Nombre (nombre original),Hora de entrada,Hora de salida\n"
        "Sam,21/03/2026 19:05:02,21/03/2026 22:16:40\n".encode()
    )
    assert (error.code, error.line) == (codes.UNSUPPORTED_LANGUAGE, 2)
    assert "Spanish" in error.message and ENGLISH_PLEASE in error.message


def test_a_csv_that_is_not_a_zoom_export_still_gets_the_generic_message():
    error = refusal(b"Student,Score\nDana,93\n")
    assert error.code == codes.UNKNOWN_FORMAT


def test_the_file_name_does_not_set_the_language():
    english = parse("meeting_twin_en.csv")
    renamed = parse("meeting_ja.csv", read("meeting_twin_en.csv"))
    assert connections(renamed) == connections(english)
