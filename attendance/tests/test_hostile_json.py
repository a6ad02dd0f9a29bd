"""Attendance JSON shaped to crash a parser is refused with a plain message, never a 500."""

import datetime as dt

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile

from attendance.models import AttendanceImport
from attendance.parsing import ReportError, codes, parse_report
from attendance.tests.view_helpers import AFTER, finished_event, page_text, url

DEEP = ('{"participants": ' + "[" * 1_200 + "]" * 1_200 + "}").encode()
HUGE_NUMBER = ('{"participants": [{"join_time": ' + "7" * 5_000 + "}]}").encode()


@pytest.mark.parametrize("content", [DEEP, HUGE_NUMBER], ids=["deep", "huge-number"])
def test_the_parser_refuses_it_with_a_report_error(content):
    with pytest.raises(ReportError) as caught:
        parse_report(content, "report.json", time_zone="UTC", event_date=dt.date(2026, 5, 12))
    assert caught.value.code == codes.MALFORMED_JSON
    assert "report.json" in str(caught.value)


@pytest.mark.django_db
@pytest.mark.parametrize("content", [DEEP, HUGE_NUMBER], ids=["deep", "huge-number"])
def test_the_staff_page_shows_the_problem_next_to_the_file_field(staff, content):
    event = finished_event()
    upload = SimpleUploadedFile("report.json", content, content_type="application/json")
    with time_machine.travel(AFTER, tick=True):
        response = staff.post(url("staff_upload", event), {"files": [upload], "time_zone": "UTC"})
    assert response.status_code == 200
    text = page_text(response)
    assert "Nothing was imported" in text
    assert "not valid JSON" in text or "nested more than" in text or "number longer" in text
    assert not AttendanceImport.objects.exists()
