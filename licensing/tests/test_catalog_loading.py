import shutil
from io import StringIO

import pytest
import yaml
from django.core.management import CommandError, call_command

from core.errors import DomainError
from licensing.catalog import CATALOG_FILE, REQUIREMENTS_FILE, load_catalog
from licensing.models import ApprovalBody, LicenseType, RequirementRule


@pytest.fixture
def data_copy(tmp_path):
    requirements = tmp_path / "license-requirements.yaml"
    catalog = tmp_path / "catalog.yaml"
    shutil.copy(REQUIREMENTS_FILE, requirements)
    shutil.copy(CATALOG_FILE, catalog)
    return requirements, catalog


def _row_counts():
    return (
        RequirementRule.objects.count(),
        LicenseType.objects.count(),
        ApprovalBody.objects.count(),
    )


def test_every_rule_in_the_data_file_is_stored_with_its_provenance(db):
    raw = yaml.safe_load(REQUIREMENTS_FILE.read_text())["requirements"]
    assert RequirementRule.objects.count() == len(raw)
    rule = RequirementRule.objects.get(rule_id="CA.BBS.approval_agencies")
    # Read only on a commercial mirror of 16 CCR 1887.4.1: kept, but not verified.
    assert rule.status == "unverified"
    assert "1887.4.1" in rule.admin_note
    assert rule.as_of == "2024-03-22"
    assert rule.as_of_date.isoformat() == "2024-03-22"
    assert rule.value == {
        "approval_agencies": ["APA", "ASWB", "CAMFT", "CPA", "NASP", "NASW", "NBCC"]
    }


def test_unverified_rules_keep_their_status_and_evidence(db):
    rule = RequirementRule.objects.get(rule_id="CA.BBS.suicide_onetime")
    assert rule.status == "unverified"
    assert rule.evidence == "secondary"
    assert rule.value["category"] == "suicide_risk"


def test_dates_inside_rule_values_are_stored_as_iso_strings(db):
    rule = RequirementRule.objects.get(rule_id="CA.BBS.suicide_onetime")
    assert rule.value["effective_from"] == "2021-01-01"


def test_license_types_know_the_approval_bodies_their_board_accepts(db):
    ca_lcsw = LicenseType.objects.get(state="CA", code="LCSW")
    accepted = set(ca_lcsw.accepted_bodies.values_list("code", flat=True))
    assert {"APA", "ASWB_ACE", "NBCC", "CAMFT"} <= accepted
    assert ca_lcsw.acceptance_status == "verified"
    assert ca_lcsw.board.name == "California Board of Behavioral Sciences"
    assert ca_lcsw.rules.filter(rule_id="CA.BBS.total").exists()


def test_loading_twice_changes_nothing(db):
    before = _row_counts()
    summary = load_catalog()
    assert not summary.changed
    assert _row_counts() == before


def test_a_changed_rule_is_updated_in_place_not_duplicated(db, data_copy):
    requirements, catalog = data_copy
    text = requirements.read_text().replace(
        "  - id: CA.BBS.total\n    state: CA\n    licenses: [LCSW, LMFT, LPCC]\n"
        "    kind: total_hours\n    value: 36",
        "  - id: CA.BBS.total\n    state: CA\n    licenses: [LCSW, LMFT, LPCC]\n"
        "    kind: total_hours\n    value: 40",
    )
    assert "value: 40" in text
    requirements.write_text(text)
    before = _row_counts()
    summary = load_catalog(requirements, catalog)
    assert summary.tallies["requirement rules"].updated == 1
    assert RequirementRule.objects.get(rule_id="CA.BBS.total").value == 40
    assert _row_counts() == before


def test_a_malformed_file_stores_nothing_and_says_where(db, data_copy):
    requirements, catalog = data_copy
    RequirementRule.objects.filter(rule_id="CA.BBS.total").update(value=1)
    requirements.write_text(requirements.read_text() + "\n  - id: [unclosed\n")
    with pytest.raises(DomainError) as error:
        load_catalog(requirements, catalog)
    assert error.value.code == "catalog_malformed"
    assert "at line" in error.value.message
    assert RequirementRule.objects.get(rule_id="CA.BBS.total").value == 1


def test_a_missing_file_stores_nothing_and_names_it(db, data_copy):
    requirements, catalog = data_copy
    RequirementRule.objects.filter(rule_id="CA.BBS.total").update(value=1)
    before = _row_counts()
    catalog.unlink()
    with pytest.raises(DomainError) as error:
        load_catalog(requirements, catalog)
    assert error.value.code == "catalog_unreadable"
    assert error.value.message == f"Cannot read {catalog}: No such file or directory."
    assert _row_counts() == before
    assert RequirementRule.objects.get(rule_id="CA.BBS.total").value == 1


def test_a_catalog_citing_an_unknown_rule_rolls_back_everything(db, data_copy):
    requirements, catalog = data_copy
    RequirementRule.objects.filter(rule_id="CA.BBS.total").update(value=1)
    catalog.write_text(catalog.read_text().replace("CA.BBS.total", "CA.BBS.nonexistent", 1))
    with pytest.raises(DomainError) as error:
        load_catalog(requirements, catalog)
    assert "CA.BBS.nonexistent" in error.value.message
    # The rules file was fine and loaded first, yet nothing of it was kept.
    assert RequirementRule.objects.get(rule_id="CA.BBS.total").value == 1


def test_a_rule_without_a_source_is_refused(db, data_copy):
    requirements, catalog = data_copy
    data = yaml.safe_load(requirements.read_text())
    del data["requirements"][0]["source"]
    requirements.write_text(yaml.safe_dump(data))
    with pytest.raises(DomainError, match="missing source"):
        load_catalog(requirements, catalog)


def test_the_command_prints_a_summary(db):
    out = StringIO()
    call_command("load_license_catalog", stdout=out)
    assert "License catalog already up to date." in out.getvalue()


def test_the_command_fails_with_a_reason_on_bad_input(db, tmp_path):
    missing = tmp_path / "nope.yaml"
    with pytest.raises(CommandError, match="Nothing was loaded: Cannot read"):
        call_command("load_license_catalog", requirements=missing)
