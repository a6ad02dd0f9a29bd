"""The tracker page costs the same number of queries however many certificates it lists."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tracker.tests.conftest import make_certificate

pytestmark = pytest.mark.django_db


def queries_for_tracker(client, last_title: str) -> int:
    client.get(reverse("tracker:index"))  # the first visit pre-fills new certificates
    with CaptureQueriesContext(connection) as captured:
        response = client.get(reverse("tracker:index"))
    assert response.status_code == 200 and last_title in response.text
    return len(captured)


def test_tracker_queries_do_not_grow_with_certificates(client, dana, ny_license) -> None:
    client.force_login(dana)
    for n in range(2):
        make_certificate(dana, approvals=["ASWB_ACE"], title=f"Course {n}", days_ago=5 + n)
    few = queries_for_tracker(client, "Course 1")
    for n in range(2, 10):
        make_certificate(dana, approvals=["ASWB_ACE"], title=f"Course {n}", days_ago=5 + n)
    many = queries_for_tracker(client, "Course 9")
    assert many == few, (few, many)
