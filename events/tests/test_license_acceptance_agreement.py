"""The license card, the event page and the CE Tracker give one answer to "does an approval by
this body count for this license": the board's accepted list, read by
`licensing.acceptance.verdict`."""

from __future__ import annotations

import re
from datetime import date

from django.urls import reverse

from events.license_fit import fit
from events.models import Event
from licensing.acceptance import UNKNOWN
from licensing.models import ApprovalBody, LicenseType, UserLicense
from licensing.requirements import ruleset_for
from tests.factories import EventFactory, UserFactory, UserLicenseFactory

CARD = re.compile(r'<li class="card license-card">(.*?)</li>\s*(?=<li class="card|</ul>)', re.S)
TITLE = re.compile(r"<h2 class=\"card-title\">(\S+) (\S+) ")
TAG = re.compile(r'<abbr class="tag" title="([^"]+)">')


def test_a_california_lmft_counts_an_apa_and_aswb_approved_event(client, db):
    person = UserFactory()
    UserLicenseFactory(user=person, license_type__state="CA", license_type__code="LMFT")
    event = EventFactory(approvals=["APA", "ASWB_ACE"])
    client.force_login(person)

    html = client.get(event.get_absolute_url()).content.decode()

    assert "Counts for your CA LMFT: approved by APA, which your board accepts." in html
    assert "no approval from a body your board accepts" not in html
    catalog = client.get(reverse("events:catalog"), {"mine": "on"})
    assert [e.title for e, _ in catalog.context["listings"]] == [event.title]


def _cards(client, person) -> dict[str, set[str] | None]:
    """Each license card's accepted bodies by name (None: "not yet researched")."""
    client.force_login(person)
    html = client.get(reverse("licensing:list")).content.decode()
    cards: dict[str, set[str] | None] = {}
    for block in CARD.findall(html):
        state, code = TITLE.search(block).groups()
        names = set(TAG.findall(block))
        cards[f"{state} {code}"] = names or (None if "not yet researched" in block else set())
    return cards


def test_every_license_card_and_every_event_verdict_agree_on_every_approval_body(client, db):
    person = UserFactory()
    for license_type in LicenseType.objects.all():
        UserLicenseFactory(user=person, license_type=license_type)
    cards = _cards(client, person)
    licenses = list(
        UserLicense.objects.filter(user=person)
        .select_related("license_type__board")
        .prefetch_related("license_type__accepted_bodies", "license_type__rules")
    )
    assert len(cards) == len(licenses) == LicenseType.objects.count() > 50
    bodies = list(ApprovalBody.objects.all())
    for body in bodies:
        EventFactory(title=body.code, approvals=[body.code])
    events = {e.title: e for e in Event.objects.for_listing()}

    checked = 0
    for license in licenses:
        label = license.license_type.label
        card = cards[label]
        tracker_bodies = ruleset_for(license.license_type, on=date(2026, 12, 31)).acceptance
        for body in bodies:
            verdict = fit(events[body.code], license)
            if card is None:
                assert verdict.standing == UNKNOWN, (label, body.code)
                assert not tracker_bodies.known, label
            else:
                on_card = body.name in card
                assert verdict.counts == on_card, (label, body.code, verdict.explanation)
                assert (body.code in tracker_bodies.bodies) == on_card, (label, body.code)
            checked += 1
    assert checked == len(licenses) * len(bodies)
