"""The catalog filters the CE Tracker's "Fill my gaps" link uses: one of the viewer's licenses
and several categories at once."""

from django.urls import reverse

from events.tests.test_catalog import approve, titles
from tests.factories import EventFactory, UserLicenseFactory

CATALOG = reverse("events:catalog")


def test_events_that_count_for_one_license_in_any_of_several_categories(client, dana, omar):
    ethics = EventFactory(title="Ethics", categories=["law_ethics"], approvals=[])
    approve(ethics, "ASWB_ACE", ["social_work"])
    suicide = EventFactory(title="Suicide risk", categories=["suicide_risk"], approvals=[])
    approve(suicide, "ASWB_ACE", ["social_work"])
    # New York's board, which a California LCSW's board does not accept.
    other_board = EventFactory(title="New York", categories=["law_ethics"], approvals=[])
    approve(other_board, "NY_SED", ["social_work"])
    EventFactory(title="General", categories=["general"], approvals=["ASWB_ACE"])
    license = dana.licenses.get()
    client.force_login(dana)

    query = {"license": license.pk, "category": ["law_ethics", "suicide_risk"]}
    assert titles(client.get(CATALOG, query)) == ["Ethics", "Suicide risk"]


def test_someone_elses_license_is_not_a_filter(client, dana, omar):
    EventFactory(title="Counselors", approvals=["NBCC"])
    theirs = UserLicenseFactory(user=omar)
    client.force_login(dana)
    response = client.get(CATALOG, {"license": theirs.pk})
    # Not one of the viewer's licenses: the choice is invalid and nothing is filtered.
    assert response.context["form"].errors["license"]
    assert titles(response) == ["Counselors"]
