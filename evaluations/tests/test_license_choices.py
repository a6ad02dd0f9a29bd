"""The evaluation form offers only licenses the event's approvals count for (or whose board's
list is not on file yet), says which of the person's licenses it does not count for and why, and
refuses a crafted choice of such a license with that reason."""

from __future__ import annotations

import pytest
from django.urls import reverse

from evaluations.forms import EvaluationForm
from evaluations.models import Evaluation
from evaluations.tests.test_views_attendee_form import complete_answers
from evaluations.tests.view_helpers import issue, page_text
from tests.factories import UserLicenseFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def ny_license(dana):
    return UserLicenseFactory(user=dana, license_type__state="NY", license_type__code="LCSW")


@pytest.fixture
def evaluation(dana):
    return issue(dana)  # approved by APA and ASWB ACE


def offered(form: EvaluationForm) -> list[str]:
    return [str(value) for value, _ in form.fields["license"].choices if value != ""]


def test_a_license_the_event_does_not_count_for_is_not_offered(
    client, dana, ny_license, evaluation
):
    ca_license = dana.licenses.get(license_type__state="CA")
    form = EvaluationForm(evaluation=evaluation)
    assert offered(form) == [str(ca_license.pk)]

    client.force_login(dana)
    text = page_text(client.get(reverse("evaluations:detail", args=[evaluation.pk])))

    assert "CA LCSW — Licensed Clinical Social Worker" in text
    licenses = text.split('name="license"')[1].split("</select>")[0]
    assert f'<option value="{ca_license.pk}"' in licenses
    assert f'<option value="{ny_license.pk}"' not in licenses
    assert "This event does not count for your NY LCSW" in text
    assert "New York State Education Department" in text and "does not accept" in text


def test_a_license_whose_boards_list_is_unknown_is_offered_with_a_warning(dana, evaluation):
    psychologist = UserLicenseFactory(
        user=dana, license_type__state="CA", license_type__code="Psychologist"
    )
    form = EvaluationForm(evaluation=evaluation)
    assert str(psychologist.pk) in offered(form)
    label = dict(form.fields["license"].choices)[psychologist.pk]
    assert "check with your board" in str(label)


def test_a_crafted_choice_of_a_refused_license_is_refused_with_the_reason(
    client, dana, ny_license, evaluation
):
    client.force_login(dana)

    response = client.post(
        reverse("evaluations:submit", args=[evaluation.pk]),
        complete_answers(license=str(ny_license.pk)),
    )

    assert response.status_code == 200
    text = page_text(response)
    assert "Nothing was submitted" in text
    assert "NY LCSW: New York State Education Department" in text
    assert "does not accept" in text
    evaluation.refresh_from_db()
    assert evaluation.status == Evaluation.ISSUED
    assert evaluation.assigned_license is None


def test_an_event_the_new_york_board_accepts_offers_the_new_york_license(dana, ny_license):
    from evaluations.tests.view_helpers import ended_event

    evaluation = issue(dana, ended_event(approvals=["APA", "ASWB_ACE", "NY_SED"]))
    assert str(ny_license.pk) in offered(EvaluationForm(evaluation=evaluation))
