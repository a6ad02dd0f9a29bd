import datetime as dt

from django.urls import reverse

from meetings.models import SimulatedConnection
from meetings.tests.conftest import START
from tests.factories import UserFactory


def test_the_admin_lists_connections_with_how_they_ended_and_allows_no_edits(client, registration):
    SimulatedConnection.objects.create(
        registration=registration,
        device_label="Firefox on Windows",
        joined_at=START,
        last_seen_at=START,
        left_at=START + dt.timedelta(minutes=5),
    )
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    response = client.get(reverse("admin:meetings_simulatedconnection_changelist"))
    html = response.content.decode()
    assert "Firefox on Windows" in html
    assert '<td class="field-left_how_display">left</td>' in html
    assert client.get(reverse("admin:meetings_simulatedconnection_add")).status_code == 403
