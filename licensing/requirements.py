"""A license type's requirements for one renewal, read from the stored rules.

The rules stay as researched (`RequirementRule`); `credit.tracker.interpret` reads them. This
module only gathers what that reading needs from the database: the rules in force on the
renewal date, the CE-category vocabulary, and the approval bodies the board accepts.
"""

from __future__ import annotations

from datetime import date

from credit.tracker.interpret import RawRule, build_ruleset
from credit.tracker.types import Acceptance, Provenance, RuleSet
from licensing.acceptance import accepted_bodies
from licensing.models import VERIFIED, ApprovalBody, CECategory, LicenseType, RequirementRule

__all__ = ["category_code_map", "provenance", "ruleset_for"]


def provenance(rule: RequirementRule) -> Provenance:
    return Provenance(
        rule_id=rule.rule_id,
        source_url=rule.source_url,
        as_of=rule.as_of,
        verified=rule.status == VERIFIED,
        note=rule.note,
    )


def category_code_map() -> dict[str, tuple[str, str]]:
    """Every word the rules use for a category -> (CE category code, name)."""
    mapping: dict[str, tuple[str, str]] = {}
    for category in CECategory.objects.all():
        mapping[category.code] = (category.code, category.name)
        for word in category.requirement_codes or []:
            mapping[word] = (category.code, category.name)
    return mapping


def _acceptance(license_type: LicenseType, rules: list[RequirementRule]) -> Acceptance:
    # The same list the license card shows and every "does it count" verdict reads.
    accepted = accepted_bodies(license_type)
    labels = {body.code: body.name for body in ApprovalBody.objects.all()}
    sources = tuple(provenance(rule) for rule in rules if rule.kind == "acceptance")
    return Acceptance(
        bodies=frozenset(body.code for body in accepted),
        known=bool(accepted),
        labels=labels,
        provenance=sources,
    )


def ruleset_for(
    license_type: LicenseType,
    *,
    on: date,
    category_codes: dict[str, tuple[str, str]] | None = None,
) -> RuleSet:
    """The rules in force for a renewal on ``on``."""
    rules = [rule for rule in license_type.rules.all() if rule.in_force_on(on)]
    raw = [RawRule(rule.rule_id, rule.kind, rule.value, provenance(rule)) for rule in rules]
    return build_ruleset(
        f"{license_type.state} {license_type.code}",
        raw,
        category_codes=category_codes if category_codes is not None else category_code_map(),
        acceptance=_acceptance(license_type, rules),
        reference_date=on,
    )
