"""The event's results page opens with a one-screen summary: responses and an average per
rating question, before the details of each question."""

import pytest
from django.urls import reverse

from evaluations.tests.test_views_staff_results import event, staff  # noqa: F401
from evaluations.tests.view_helpers import page_text


@pytest.mark.django_db
def test_the_summary_lists_each_rating_questions_average_before_the_details(
    client,
    staff,  # noqa: F811
    event,  # noqa: F811
):
    text = page_text(client.get(reverse("evaluations:staff_event_results", args=[event.slug])))
    summary = text.split('id="summary-heading"', 1)[1].split("</table>", 1)[0]

    assert "3 responses of 4 issued (75.0%)" in summary
    assert (
        'The content was relevant to my practice.</a></th> <td class="num" '
        'data-label="Responses">3</td> <td class="num" data-label="Average">4.33</td>'
    ) in summary
    assert (
        'Dr. Ana Ruiz was knowledgeable about the subject.</a></th> <td class="num" '
        'data-label="Responses">2</td> <td class="num" data-label="Average">4.00</td>'
    ) in summary
    assert "commercial bias" not in summary  # only rating questions have an average
    assert text.index('id="summary-heading"') < text.index("Mean: <strong>4.33</strong>")
