"""Where a board rule comes from, as a board would accept it.

A rule is *verified* only against the board's own law: its statute, its regulation or its own
website. Those live on a short list of official domains. Everything else a researcher read
(CE vendors, document mirrors, association FAQs, commercial law sites) is a lead, kept in the
rule's admin note and never printed for a board.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlparse

# Official publishers of board law. A domain is official when a state or federal government
# runs it, or when the state itself names it as where its code is published:
# - any *.gov host, and the older state.<xx>.us government hosts (texreg.sos.state.tx.us,
#   reports.oah.state.nc.us, doh.state.fl.us): state agencies, legislatures and boards;
# - govt.westlaw.com: the Office of Administrative Law publishes the official California Code
#   of Regulations there;
# - law.cornell.edu: the Legal Information Institute's verbatim, dated reproduction of state
#   administrative codes, kept by a university rather than sold; the one reproduction we cite.
# Commercial mirrors (casetext, justia, elaws, findlaw, public.law, lawserver …) are not on the
# list: their copies can be stale and no board vouches for them.
OFFICIAL_DOMAINS = frozenset({"govt.westlaw.com", "law.cornell.edu"})
OFFICIAL_SUFFIXES = (".gov",)

# Accreditors are the authority for their own rules (APA's standards, ASWB's ACE policies,
# NBCC's ACEP rules): their own sites are the primary source for rules of kind BODY.*.
ACCREDITOR_DOMAINS = frozenset({"apa.org", "aswb.org", "nbcc.org", "naadac.org", "camft.org"})


def domain(url: str) -> str:
    host = (urlparse(url).hostname or "").lower().rstrip(".")
    return host.removeprefix("www.")


def is_official(url: str, *, accreditor: bool = False) -> bool:
    """True when `url` is on an official domain (the rule-maker's own, for accreditor rules)."""
    host = domain(url)
    if not host or urlparse(url).scheme not in ("http", "https"):
        return False
    if host in OFFICIAL_DOMAINS or host.endswith(OFFICIAL_SUFFIXES):
        return True
    parts = host.split(".")
    if len(parts) >= 3 and parts[-1] == "us" and parts[-3] == "state":
        return True
    if accreditor:
        return any(host == d or host.endswith("." + d) for d in ACCREDITOR_DOMAINS)
    return False


@dataclass(frozen=True)
class BoardSource:
    """What a board reads about one rule: its name, and its citation when verified."""

    name: str
    citation: str = ""
    url: str = ""


KIND_NAMES = {
    "total_hours": "Total CE hours per renewal",
    "cycle": "Renewal cycle",
    "first_renewal": "First renewal",
    "format_cap": "Limit on CE formats",
    "format_definition": "Definition of CE formats",
    "acceptance": "Accepted CE providers and approvals",
    "hour_definition": "Definition of a CE hour",
    "certificate": "Certificate contents",
    "records": "Record keeping",
    "carry_over": "Carrying hours to the next renewal",
    "post_test": "Post-test for self-study",
    "tracking": "Reporting completed CE",
    "attendance": "Attendance",
}


def rule_name(kind: str, value: object, category_names: dict[str, str]) -> str:
    """A rule in words, for people: never its internal id."""
    if kind == "category_min" and isinstance(value, dict):
        code = str(value.get("category") or "")
        label = category_names.get(code) or code.replace("_", " ").capitalize()
        return f"Required topic: {label}" if label else "Required topic"
    return KIND_NAMES.get(kind, kind.replace("_", " ").capitalize())
