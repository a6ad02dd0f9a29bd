"""Board rules cite the board's own law: a verified rule has a citation and an official
address; research leads (CE vendors, mirrors, associations) stay in the admin note."""

import re
import shutil

import pytest
import yaml

from core.errors import DomainError
from licensing.catalog import CATALOG_FILE, REQUIREMENTS_FILE, load_catalog
from licensing.models import RequirementRule
from licensing.sources import domain, is_official

RAW = yaml.safe_load(REQUIREMENTS_FILE.read_text())["requirements"]
URL = re.compile(r"https?://[^\s\"')]+")
# Hosts that must never count as a board's own source, whatever the list becomes.
THIRD_PARTY = [
    "https://cupdf.com/document/x",
    "https://askwonder.com/research/x",
    "https://www.impactce.com/approvals/board/7",
    "https://casetext.com/regulation/x",
    "https://regulations.justia.com/states/x",
    "http://flrules.elaws.us/fac/64b4-6.001/",
    "https://d1tvxue8o4w0fl.cloudfront.net/regulation/x",
    "https://newyork.public.law/laws/x",
    "https://www.ce-credit.com/approvals/board/250",
    "https://example.gov.evil.com/x",
]


@pytest.mark.parametrize("url", THIRD_PARTY)
def test_third_party_sites_are_not_official(url):
    assert not is_official(url)
    assert not is_official(url, accreditor=True)


@pytest.mark.parametrize(
    "url",
    [
        "https://bbs.ca.gov/licensees/cont_ed.html",
        "https://www.nysenate.gov/legislation/laws/EDN/7710",
        "https://texreg.sos.state.tx.us/public/readtac$ext.TacPage",
        "https://www.law.cornell.edu/regulations/florida/Fla-Admin-Code-Ann-R-64B19-13-003",
        "https://govt.westlaw.com/calregs/Document/I311C37601D2D11EDA3128544D958009D",
    ],
)
def test_board_statute_and_regulation_sites_are_official(url):
    assert is_official(url)


def test_accreditor_sites_count_only_for_the_accreditors_own_rules():
    assert is_official("https://www.apa.org/ed/sponsor/about/faq", accreditor=True)
    assert not is_official("https://www.apa.org/ed/sponsor/about/faq")


@pytest.mark.parametrize(
    "entry", [r for r in RAW if r["status"] == "verified"], ids=lambda r: r["id"]
)
def test_every_verified_rule_cites_the_boards_own_law_at_an_official_address(entry):
    assert str(entry.get("citation") or "").strip(), "a verified rule names its citation"
    assert entry.get("evidence") == "primary"
    assert is_official(entry["source"], accreditor=entry["id"].startswith("BODY.")), domain(
        entry["source"]
    )


@pytest.mark.parametrize("entry", RAW, ids=lambda r: r["id"])
def test_no_note_shown_to_people_points_at_a_third_party_site(entry):
    for url in URL.findall(str(entry.get("note") or "")):
        assert is_official(url, accreditor=entry["id"].startswith("BODY.")), url


def test_most_common_licenses_have_verified_rules():
    verified = {
        (r["state"], lic) for r in RAW if r["status"] == "verified" for lic in r["licenses"]
    }
    assert ("NY", "LCSW") in verified and ("CA", "LCSW") in verified


def test_a_verified_rule_without_an_official_source_is_refused(db, tmp_path):
    requirements = tmp_path / "license-requirements.yaml"
    catalog = tmp_path / "catalog.yaml"
    shutil.copy(CATALOG_FILE, catalog)
    text = REQUIREMENTS_FILE.read_text().replace(
        "https://bbs.ca.gov/licensees/cont_ed.html", "https://aspirace.com/ca-bbs-ce-requirements/"
    )
    requirements.write_text(text)
    before = RequirementRule.objects.filter(source_url__contains="aspirace").count()
    with pytest.raises(DomainError, match="official domain"):
        load_catalog(requirements, catalog)
    assert RequirementRule.objects.filter(source_url__contains="aspirace").count() == before


def test_citations_and_admin_notes_are_loaded(db):
    rule = RequirementRule.objects.get(rule_id="NY.SW.first_period")
    assert rule.is_verified and rule.citation == "N.Y. Educ. Law § 7710(1)(b)"
    assert rule.source_url == "https://www.nysenate.gov/legislation/laws/EDN/7710"
    assert "justia" in rule.admin_note and "justia" not in rule.note
