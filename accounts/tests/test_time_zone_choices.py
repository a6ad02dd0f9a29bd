"""The zones offered are today's names, US first; a saved retired name keeps working."""

from __future__ import annotations

from django.urls import reverse

from accounts.forms import ProfileForm
from accounts.timezones import time_zone_choices


def _offered() -> list[str]:
    return [name for _group, zones in time_zone_choices() for name, _label in zones]


def test_the_list_offers_current_names_only_with_the_us_zones_first():
    offered = _offered()

    assert offered[0] == "America/New_York"
    assert "Asia/Kolkata" in offered and "Europe/Kyiv" in offered
    for retired in ("Asia/Calcutta", "Europe/Kiev", "America/Buenos_Aires", "US/Pacific"):
        assert retired not in offered
    assert len(offered) == len(set(offered))
    assert 350 < len(offered) < 460  # one per place, not every alias the database knows


def test_a_profile_saved_with_a_retired_name_keeps_it_selected(client, dana):
    dana.time_zone = "Asia/Calcutta"
    dana.save()
    client.force_login(dana)

    page = client.get(reverse("accounts:profile")).content.decode()

    assert '<option value="Asia/Calcutta" selected>' in page
    form = ProfileForm(
        {"legal_first_name": "Dana", "legal_last_name": "Whitfield", "time_zone": "Asia/Calcutta"},
        initial={"time_zone": "Asia/Calcutta"},
    )
    assert form.is_valid(), form.errors
    assert form.cleaned_data["time_zone"] == "Asia/Calcutta"


def test_a_made_up_zone_is_refused_in_plain_words():
    form = ProfileForm(
        {"legal_first_name": "Dana", "legal_last_name": "Whitfield", "time_zone": "Mars/Base"}
    )

    assert not form.is_valid()
    assert form.errors["time_zone"] == ["Choose a time zone from the list."]
