"""Every researched rule reaches the tracker: read into requirements, or shown as a note."""

from __future__ import annotations

from datetime import date
from decimal import Decimal as D

import pytest
from django.core.management import call_command

from core.models import AuditEntry
from credit.tracker.types import CreditFormat
from licensing.models import LicenseType, RequirementRule
from licensing.requirements import ruleset_for

pytestmark = pytest.mark.django_db
RENEWAL = date(2026, 11, 30)


def license_type(state: str, code: str) -> LicenseType:
    return LicenseType.objects.get(state=state, code=code)


def categories(rules) -> dict[str, tuple]:
    return {c.code: (c.hours, c.recurrence.kind, c.recurrence.n) for c in rules.categories}


def test_every_rule_of_every_license_type_is_used_or_shown() -> None:
    for item in LicenseType.objects.prefetch_related("rules", "accepted_bodies"):
        rules = ruleset_for(item, on=RENEWAL)
        shown = {p.rule_id for p in rules.provenances}
        in_force = {r.rule_id for r in item.rules.all() if r.in_force_on(RENEWAL)}
        assert in_force <= shown, (item.label, in_force - shown)


def test_california_lcsw_reads_as_the_reference_describes() -> None:
    rules = ruleset_for(license_type("CA", "LCSW"), on=RENEWAL)
    assert rules.total_hours == D(36)
    assert (rules.cycle.length_months, rules.cycle.anchor) == (24, "birth_month")
    assert categories(rules) == {
        "law_ethics": (D(6), "every_cycle", None),
        "suicide_risk": (D(6), "one_time", None),
        "telehealth": (D(3), "one_time", None),
    }
    assert rules.caps == ()
    assert {"APA", "ASWB_ACE", "NBCC", "CAMFT"} <= rules.acceptance.bodies
    assert rules.first_renewal.mode == "full"
    law = next(c for c in rules.categories if c.code == "law_ethics")
    assert law.provenance.rule_id == "CA.BBS.law_ethics" and law.provenance.verified
    suicide = next(c for c in rules.categories if c.code == "suicide_risk")
    assert suicide.provenance.rule_id == "CA.BBS.suicide_onetime"
    assert not suicide.provenance.verified
    total = rules.total_provenance[0]
    assert total.verified and total.source_url == "https://bbs.ca.gov/licensees/cont_ed.html"


def test_new_york_lcsw_caps_self_study_and_accepts_only_nysed_providers() -> None:
    rules = ruleset_for(license_type("NY", "LCSW"), on=RENEWAL)
    assert rules.total_hours == D(36) and rules.cycle.length_months == 36
    [cap] = rules.caps
    assert cap.formats == frozenset({CreditFormat.SELF_STUDY}) and cap.max_hours == D(12)
    assert categories(rules) == {"boundaries": (D(3), "every_cycle", None)}
    assert rules.acceptance.bodies == frozenset({"NY_SED"})
    assert rules.first_renewal.mode == "exempt"


def test_illinois_lcsw_fixed_date_fifty_minute_hour_and_larger_minimum_wins() -> None:
    rules = ruleset_for(license_type("IL", "LCSW"), on=date(2027, 11, 30))
    cycle = rules.cycle
    assert (cycle.anchor, cycle.fixed_month, cycle.fixed_day, cycle.year_parity) == (
        "fixed_date",
        11,
        30,
        "odd",
    )
    assert rules.hours.minutes_per_hour == 50
    found = categories(rules)
    # IL.SW.total asks 3 hours of cultural competence, the statewide rule 1: both hold.
    assert found["cultural_diversity"] == (D(3), "every_cycle", None)
    assert found["supervision"] == (D(6), "at_renewal", 2)


def test_texas_lpc_supervision_applies_only_to_supervisors_and_carries_ten() -> None:
    rules = ruleset_for(license_type("TX", "LPC"), on=RENEWAL)
    supervision = next(c for c in rules.categories if c.code == "supervision")
    assert supervision.applies_if == ("is_supervisor",)
    assert rules.carry_over.max_hours == D(10)
    # The jurisprudence exam's ethics credit is credit given, not a minimum required.
    assert categories(rules)["law_ethics"] == (D(6), "every_cycle", None)
    assert any("jurisprudence" in note.note for note in rules.notes)


def test_rule_versions_by_effective_date() -> None:
    ca = license_type("CA", "LCSW")
    RequirementRule.objects.filter(rule_id="CA.BBS.total").update(effective_to=date(2027, 12, 31))
    newer = RequirementRule.objects.create(
        rule_id="CA.BBS.total.2028",
        state="CA",
        licenses=["LCSW"],
        kind="total_hours",
        value=40,
        source_url="https://bbs.ca.gov/licensees/cont_ed.html",
        as_of="2027-09-01",
        status="verified",
        effective_from=date(2028, 1, 1),
    )
    ca.rules.add(newer)
    assert ruleset_for(ca, on=date(2027, 12, 31)).total_hours == D(36)
    assert ruleset_for(ca, on=date(2028, 1, 1)).total_hours == D(40)


def test_reloading_the_data_file_keeps_rules_staff_edited() -> None:
    RequirementRule.objects.filter(rule_id="CA.BBS.total").update(value=38, edited_in_admin=True)
    RequirementRule.objects.filter(rule_id="NY.SW.total").update(value={"hours": 99})
    call_command("load_license_catalog", verbosity=0)
    assert RequirementRule.objects.get(rule_id="CA.BBS.total").value == 38
    assert RequirementRule.objects.get(rule_id="NY.SW.total").value["hours"] == 36


def test_admin_edit_marks_the_rule_audits_it_and_shows_the_reading(client, django_user_model):
    admin = django_user_model.objects.create_superuser(
        email="root@example.com", password="x", legal_first_name="R", legal_last_name="Oot"
    )
    client.force_login(admin)
    rule = RequirementRule.objects.get(rule_id="CA.BBS.total")
    page = client.get(f"/admin/licensing/requirementrule/{rule.pk}/change/")
    assert "How the CE tracker reads it" in page.text
    assert "Total: 36 hours per cycle." in page.text

    form = {
        "rule_id": rule.rule_id,
        "state": rule.state,
        "licenses": '["LCSW", "LMFT", "LPCC"]',
        "kind": rule.kind,
        "value": "38",
        "source_url": rule.source_url,
        "as_of": rule.as_of,
        "as_of_date": "",
        "status": "verified",
        "evidence": "primary",
        "note": "",
        "effective_from": "",
        "effective_to": "",
        "edited_in_admin": "on",
    }
    response = client.post(f"/admin/licensing/requirementrule/{rule.pk}/change/", form)
    assert response.status_code == 302, response.text[:2000]
    rule.refresh_from_db()
    assert rule.value == 38 and rule.edited_in_admin
    entry = AuditEntry.objects.get(action="requirement_rule.changed")
    assert entry.actor == admin


def test_georgia_ethics_counts_only_in_person_or_live() -> None:
    rules = ruleset_for(license_type("GA", "LCSW"), on=date(2026, 9, 30))
    ethics = next(c for c in rules.categories if c.code == "law_ethics")
    assert ethics.hours == D(5)
    assert ethics.delivery_required == frozenset({CreditFormat.IN_PERSON, CreditFormat.LIVE_ONLINE})
    assert not any("ethics delivery" in note.note for note in rules.notes)
