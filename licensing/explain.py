"""One stored rule described in words, as the CE tracker reads it (shown in the admin so staff
can check an edit before it reaches anyone's tracker)."""

from __future__ import annotations

from django.utils import timezone

from credit.hours import format_hours
from credit.tracker.interpret import RawRule, build_ruleset
from credit.tracker.types import Acceptance, RuleSet
from licensing.models import RequirementRule
from licensing.requirements import category_code_map, provenance

__all__ = ["describe_rule", "describe_ruleset"]


def describe_ruleset(rules: RuleSet) -> list[str]:
    lines: list[str] = []
    if rules.total_hours is not None:
        lines.append(f"Total: {format_hours(rules.total_hours)} hours per cycle.")
    cycle = rules.cycle
    if cycle.length_months or cycle.anchor:
        where = {
            "birth_month": "anchored to the birth month",
            "license_date": "anchored to the license date",
            "fixed_date": f"renewing on {cycle.fixed_month}/{cycle.fixed_day}"
            + (f" of {cycle.year_parity} years" if cycle.year_parity else ""),
        }.get(cycle.anchor or "", "")
        length = f"{cycle.length_months}-month cycle" if cycle.length_months else "Cycle"
        lines.append(f"{length} {where}".strip() + ".")
    if rules.hours.minutes_per_hour != 60:
        lines.append(f"A CE hour is {rules.hours.minutes_per_hour} minutes.")
    if rules.hours.min_activity_hours:
        lines.append(
            f"Activities of at least {format_hours(rules.hours.min_activity_hours)} hours."
        )
    for category in rules.categories:
        amount = (
            f"{format_hours(category.hours)} hours" if category.hours is not None else "A course"
        )
        condition = f" (if {', '.join(category.applies_if)})" if category.applies_if else ""
        lines.append(f"{amount} of {category.label}, {category.recurrence.describe()}{condition}.")
    for cap in rules.caps:
        limit = (
            f"{format_hours(cap.max_hours)} hours"
            if cap.max_hours is not None
            else f"{cap.max_share * 100:.0f}% of the total"
        )
        lines.append(f"At most {limit} of {cap.label.lower()}.")
    if rules.carry_over is not None:
        lines.append(f"Up to {format_hours(rules.carry_over.max_hours)} hours carry over.")
    if rules.first_renewal is not None:
        lines.append(f"First renewal: {rules.first_renewal.mode.replace('_', ' ')}.")
    lines += [f"Shown, not computed: {note.note}" for note in rules.notes if note.note]
    return lines


def describe_rule(rule: RequirementRule) -> list[str]:
    raw = RawRule(rule.rule_id, rule.kind, rule.value, provenance(rule))
    rules = build_ruleset(
        rule.rule_id,
        [raw],
        category_codes=category_code_map(),
        acceptance=Acceptance(frozenset(), known=False),
        reference_date=rule.effective_from or timezone.localdate(),
    )
    lines = describe_ruleset(rules)
    if rule.kind == "acceptance":
        lines.append("Accepted approval bodies are set on each license type.")
    elif not lines:
        lines.append("Shown to attendees as information; nothing to compute.")
    return lines
