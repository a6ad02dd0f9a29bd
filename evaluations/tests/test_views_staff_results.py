"""Evaluation results: the math per question, the event's page and CSV, and across events."""

from __future__ import annotations

import csv
import datetime as dt
import io
from decimal import Decimal

import pytest
from django.urls import reverse

from evaluations.models import Evaluation
from evaluations.staff.results import AnswerValue, summarise
from evaluations.tests.view_helpers import (
    QUESTIONS,
    choice,
    ended_event,
    free_text,
    issue,
    page_text,
    rating,
    submitted,
    with_evaluation_permission,
)
from licensing.models import CECategory
from tests.factories import UserFactory

RELEVANCE = rating("relevance", "The content was relevant to my practice.")
FORMATS = choice("formats", "Which parts helped?", ["Slides", "Q&A"], kind="multiple")


def ratings(*values: int) -> list[AnswerValue]:
    return [AnswerValue("relevance", value, [], "") for value in values]


# The math: plain values in, no database.


def test_a_rating_question_gives_its_distribution_mean_and_n():
    [result] = summarise([RELEVANCE], ratings(5, 4, 4, 2))

    assert [(bar.label, bar.count) for bar in result.bars] == [
        ("1", 0),
        ("2", 1),
        ("3", 0),
        ("4", 2),
        ("5", 1),
    ]
    assert [bar.percent for bar in result.bars] == [0, 25, 0, 50, 25]
    assert result.mean == Decimal("3.75")
    assert result.n == 4


def test_the_mean_is_rounded_half_up_to_two_decimals():
    [result] = summarise([RELEVANCE], ratings(5, 4, 4))

    assert result.mean == Decimal("4.33")
    assert summarise([RELEVANCE], ratings(1, 2))[0].mean == Decimal("1.50")


def test_a_question_nobody_answered_has_no_mean():
    [result] = summarise([RELEVANCE], [])

    assert (result.n, result.mean) == (0, None)
    assert all(bar.count == 0 for bar in result.bars)


def test_multiple_choice_counts_each_option_per_respondent():
    values = [
        AnswerValue("formats", None, ["Slides", "Q&A"], ""),
        AnswerValue("formats", None, ["Slides"], ""),
        AnswerValue("formats", None, ["Role play"], ""),  # an option removed since
    ]

    [result] = summarise([FORMATS], values)

    assert [(bar.label, bar.count, bar.percent) for bar in result.bars] == [
        ("Slides", 2, Decimal("66.7")),
        ("Q&A", 1, Decimal("33.3")),
        ("Role play", 1, Decimal("33.3")),
    ]
    assert result.n == 3


def test_free_text_lists_the_answers_given():
    question = free_text("suggestions", "Suggestions?")
    values = [AnswerValue("suggestions", None, [], text) for text in ["More cases", "  ", "Good"]]

    [result] = summarise([question], values)

    assert result.texts == ["More cases", "Good"]
    assert result.n == 2


# The pages.


@pytest.fixture
def staff(client, sam_staff):
    user = with_evaluation_permission(sam_staff)
    client.force_login(user)
    return user


def attendee(first: str, last: str):
    return UserFactory(legal_first_name=first, legal_last_name=last)


@pytest.fixture
def event(db):
    """Three evaluations submitted, one still open and one withdrawn."""
    event = ended_event(slug="ethics-in-telehealth")
    submitted(
        issue(attendee("Ann", "Avery"), event),
        {"relevance": 5, "presenter_knowledge-1": 5, "commercial_bias": "Yes"},
    )
    submitted(
        issue(attendee("Ben", "Brooks"), event),
        {"relevance": 4, "presenter_knowledge-1": 3, "commercial_bias": "Yes"},
    )
    submitted(
        issue(attendee("Cy", "Cole"), event),
        {"relevance": 4, "commercial_bias": "No", "suggestions": "More role play."},
    )
    issue(attendee("Di", "Dunn"), event)
    issue(attendee("Ed", "Eng"), event, status=Evaluation.WITHDRAWN)
    return event


@pytest.mark.django_db
def test_the_results_page_shows_the_response_rate_and_each_questions_results(client, staff, event):
    text = page_text(client.get(reverse("evaluations:staff_event_results", args=[event.slug])))

    assert "75.0%" in text  # 3 submitted of the 4 not withdrawn
    assert '<span class="stat-value">3 / 4</span>' in text
    assert "Mean: <strong>4.33</strong> out of 5" in text
    assert "Mean: <strong>4.00</strong> out of 5" in text  # the presenter: 5 and 3
    # Ratings 4, 4, 5: the bar for 4 is two thirds of the width, drawn without inline styles.
    assert '<rect class="bar-fill" x="0" y="0" width="66.7" height="10"/>' in text
    assert 'style="' not in text.split("<main", 1)[1]
    assert "More role play." in text


@pytest.mark.django_db
def test_the_csv_has_one_row_per_submitted_evaluation_with_every_answer(client, staff, dana):
    event = ended_event(slug="ethics-in-telehealth", time_zone="America/Chicago")
    license = dana.licenses.get()
    category = CECategory.objects.get(code="law_ethics")
    submitted(
        issue(dana, event),
        {
            "relevance": 5,
            "commercial_bias": "Yes",
            "formats": ["Slides", "Q&A"],
            "suggestions": '=HYPERLINK("http://evil.example")',
        },
        submitted_at=dt.datetime(2026, 12, 9, 17, 30, tzinfo=dt.UTC),
        assigned_license=license,
        assigned_category=category,
    )
    issue(attendee("Di", "Dunn"), event)  # not submitted: no row

    response = client.get(reverse("evaluations:staff_event_results_csv", args=[event.slug]))

    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert 'filename="ethics-in-telehealth-evaluations.csv"' in response["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0] == [
        "name",
        "email",
        "submitted_at",
        "attested",
        "assigned_license",
        "category",
        *(question["key"] for question in QUESTIONS),
    ]
    assert rows[1] == [
        "Dana Whitfield",
        "dana@example.com",
        "2026-12-09T11:30:00-06:00",
        "yes",
        f"CA LCSW {license.number}",
        "Law and ethics",
        "5",
        "",
        "Yes",
        "Slides; Q&A",
        '\'=HYPERLINK("http://evil.example")',
    ]
    assert len(rows) == 2


# Across events.


def presenter_event(slug: str, start: dt.datetime, presenter: str, scores: list[int]):
    event = ended_event(
        slug=slug, title=slug.title(), start=start, end=start + dt.timedelta(hours=2)
    )
    questions = [
        RELEVANCE,
        rating(
            "presenter_knowledge-1",
            f"{presenter} was knowledgeable.",
            code="presenter_knowledge",
            presenter=presenter,
        ),
    ]
    for score in scores:
        submitted(
            issue(UserFactory(), event, questions=questions),
            {"relevance": score, "presenter_knowledge-1": score},
        )
    return event


@pytest.mark.django_db
def test_results_across_events_compare_presenters_and_question_codes_in_a_date_range(client, staff):
    march = dt.datetime(2026, 3, 10, 17, 0, tzinfo=dt.UTC)
    first = presenter_event("first", march, "Dr. Ana Ruiz", [5, 4])
    second = presenter_event("second", march + dt.timedelta(days=7), "Dr. Ana Ruiz", [3])
    presenter_event("later", march + dt.timedelta(days=60), "Dr. Ana Ruiz", [1, 1, 1])

    response = client.get(
        reverse("evaluations:staff_results"),
        {"start_from": "2026-03-01", "start_to": "2026-03-31"},
    )

    text = page_text(response)
    assert (
        '<th scope="row">Dr. Ana Ruiz</th><td class="num">4.00</td><td class="num">3</td>'
        '<td class="num">2</td>' in text
    )
    # The wording is the default template's (the code is the same in every event).
    assert (
        '<th scope="row"><code>relevance</code></th><td>The content was relevant to my '
        'practice.</td><td class="num">4.00</td><td class="num">3</td><td class="num">2</td>'
        in text
    )
    assert reverse("evaluations:staff_event_results", args=[first.slug]) in text
    assert reverse("evaluations:staff_event_results", args=[second.slug]) in text
    assert reverse("evaluations:staff_event_results", args=["later"]) not in text


@pytest.mark.django_db
def test_a_backwards_date_range_is_refused(client, staff):
    response = client.get(
        reverse("evaluations:staff_results"),
        {"start_from": "2026-03-31", "start_to": "2026-03-01"},
    )

    assert "The end of the range must be on or after its start." in page_text(response)
