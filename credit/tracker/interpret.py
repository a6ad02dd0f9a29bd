"""Reading the researched rules into a `RuleSet`.

The rules are stored exactly as researched (`licensing.RequirementRule`: kind + value + source),
because their shapes vary board by board: a Texas "total" also names its ethics minimum and its
carry-forward, an Illinois one its 50-minute hour. This module is the one place that knows
those shapes. What it cannot compute (record keeping, provider-share checks, conditions nobody
asks about) becomes a *note* with the rule's provenance, so the tracker still shows it to the
person instead of silently dropping a researched requirement.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from credit.tracker.types import (
    Acceptance,
    CarryOver,
    CategoryRule,
    CreditFormat,
    CycleRule,
    FirstRenewal,
    FormatCap,
    HourRule,
    Provenance,
    Recurrence,
    RuleSet,
)

__all__ = ["CONDITION_LABELS", "RawRule", "build_ruleset", "parse_recurrence"]


@dataclass(frozen=True)
class RawRule:
    rule_id: str
    kind: str
    value: Any
    provenance: Provenance


# Conditions a category can depend on, in the words the license form asks them.
CONDITION_LABELS = {
    "is_supervisor": "I supervise (or am a board-approved supervisor)",
    "treats_couples_or_families_or_supervises_mft": (
        "I treat couples or families, or supervise marriage and family therapy"
    ),
    "serves_adults_26plus": "I serve adults aged 26 or older",
}
CONDITION_ALIASES = {"qualified_supervisor": "is_supervisor"}
# Category-like keys that only apply to supervisors.
SUPERVISOR_KEYS = {
    "supervisor_supervision",
    "supervisor_clinical_supervision",
    "licdc_cs_supervision",
}
# Category words that describe credit given, not a minimum required.
NOT_MINIMUMS = {"jurisprudence_ethics_credit"}
# "from_2026_09_30": requirements added from that renewal on.
MAXIMUMS = ("_max", "_max_hours", "_max_share")
FROM_DATE = re.compile(r"from_(\d{4})_(\d{2})_(\d{2})")

MONTHS = {
    name: index
    for index, name in enumerate(
        ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"], 1
    )
}
# "Nov 30, odd years" | "Jun 30" | "Feb 28 next odd" (the end of "Mar 1 odd - Feb 28 next odd")
FIXED_DATE = re.compile(r"([A-Za-z]{3})[a-z]*\.? (\d{1,2})(?:,? (?:next )?(odd|even)(?: years?)?)?")

SELF_STUDY_WORDS = ("self_study", "self_instructional", "home_study", "independent_study")
ONLINE_WORDS = ("online", "distance")
ASYNC_WORDS = ("async_online", "online_async")
DELIVERY = {
    "in_person": CreditFormat.IN_PERSON,
    "synchronous": CreditFormat.LIVE_ONLINE,
    "synchronous_webinar": CreditFormat.LIVE_ONLINE,
    "live_synchronous": CreditFormat.LIVE_ONLINE,
}
BIRTH_ANCHORS = {"birth_month", "birth_month_end", "birthday"}
LICENSE_ANCHORS = {"license_date", "original_license_date", "issue_or_last_renewal"}


def _hours(value: Any) -> Decimal | None:
    if isinstance(value, bool) or value is None:
        return None
    try:
        return Decimal(str(value))
    except InvalidOperation:
        return None


def _date(value: Any) -> date | None:
    """Dates arrive as dates from YAML and as ISO strings from JSON columns."""
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        try:
            return date.fromisoformat(value)
        except ValueError:
            return None
    return None


def parse_recurrence(text: str | None) -> tuple[Recurrence, str]:
    """A recurrence and, when the wording says more than the engine computes, a note."""
    if not text or text in {"every_cycle", "every_renewal"}:
        return Recurrence(), ""
    if text.startswith("one_time"):
        return Recurrence("one_time"), ""
    if match := re.fullmatch(r"every_(\d+)_years", text):
        return Recurrence("every_n_years", int(match[1])), ""
    if match := re.fullmatch(r"at_renewal_number_(\d+)", text):
        return Recurrence("at_renewal", int(match[1])), ""
    if text == "every_third_biennium":
        return Recurrence("every_n_years", 6), ""
    if "every third renewal" in text:
        return Recurrence("every_n_years", 6), f"Timing: {text}."
    return Recurrence(), f"Timing as the board states it: {text.replace('_', ' ')}."


def _fixed_date(text: str) -> tuple[int, int, str | None] | None:
    match = FIXED_DATE.search(text.split(" - ")[-1])
    if not match or match[1].lower() not in MONTHS:
        return None
    return MONTHS[match[1].lower()], int(match[2]), match[3]


@dataclass
class _Builder:
    """Collects what the rules say; later rules refine earlier ones."""

    category_codes: Mapping[str, tuple[str, str]]
    reference_date: date
    total: Decimal | None = None
    total_provenance: list[Provenance] = field(default_factory=list)
    length_months: int | None = None
    anchor: str | None = None
    fixed: tuple[int, int, str | None] | None = None
    cycle_provenance: list[Provenance] = field(default_factory=list)
    minutes_per_hour: int = 60
    min_activity: Decimal = Decimal(0)
    increment: Decimal | None = None
    hour_provenance: list[Provenance] = field(default_factory=list)
    categories: dict[str, CategoryRule] = field(default_factory=dict)
    caps: list[FormatCap] = field(default_factory=list)
    carry_over: CarryOver | None = None
    first_renewal: FirstRenewal | None = None
    notes: list[Provenance] = field(default_factory=list)

    def note(self, provenance: Provenance, text: str) -> None:
        self.notes.append(replace(provenance, note=" ".join(filter(None, [text, provenance.note]))))

    # --- pieces shared by several rule kinds -------------------------------------------------

    def category(
        self,
        code: str,
        hours: Any,
        provenance: Provenance,
        *,
        recurrence: str | None = None,
        applies_if: Iterable[str] = (),
        delivery: Iterable[str] = (),
        counts_toward_total: bool = True,
        effective_from: Any = None,
    ) -> bool:
        if code not in self.category_codes or code in NOT_MINIMUMS or code.endswith(MAXIMUMS):
            return False
        category_code, label = self.category_codes[code]
        parsed, timing_note = parse_recurrence(recurrence)
        conditions = [CONDITION_ALIASES.get(c, c) for c in applies_if]
        if code in SUPERVISOR_KEYS:
            conditions.append("is_supervisor")
        formats = frozenset(DELIVERY[d] for d in delivery if d in DELIVERY)
        key = f"{category_code}:{parsed.kind}:{parsed.n}:{','.join(sorted(conditions))}"
        rule = CategoryRule(
            code=category_code,
            label=label,
            hours=_hours(hours),
            recurrence=parsed,
            counts_toward_total=counts_toward_total,
            applies_if=tuple(sorted(set(conditions))),
            delivery_required=formats or None,
            effective_from=_date(effective_from),
            provenance=replace(provenance, note=timing_note or provenance.note),
        )
        # Two rules asking for the same category (a board total and a statewide mandate):
        # both must be met, so the larger minimum stands.
        existing = self.categories.get(key)
        if existing is None or (existing.hours or 0) < (rule.hours or 0):
            self.categories[key], smaller = rule, existing
        else:
            smaller = rule
        winner = self.categories[key]
        if smaller is not None and smaller.provenance and winner.provenance:
            # Kept as a note so the smaller rule's source still shows on the tracker.
            self.note(
                smaller.provenance,
                f"{label}: covered by the larger minimum of {winner.provenance.rule_id}.",
            )
        return True

    def cap(self, key: str, value: Any, provenance: Provenance, definition: str = "") -> bool:
        if not key.endswith(MAXIMUMS):
            return False
        formats: frozenset[CreditFormat] | None = None
        if any(word in key for word in ASYNC_WORDS):
            formats = frozenset({CreditFormat.SELF_STUDY})
        elif any(word in key for word in SELF_STUDY_WORDS):
            formats = frozenset({CreditFormat.SELF_STUDY})
            if "live webcast" in definition:
                formats |= {CreditFormat.LIVE_ONLINE}
        elif any(word in key for word in ONLINE_WORDS):
            formats = frozenset({CreditFormat.SELF_STUDY, CreditFormat.LIVE_ONLINE})
        if formats is None:
            return False
        amount = _hours(value)
        if amount is None:
            self.note(provenance, "No cap on this format.")
            return True
        label = key.removesuffix("_max_hours").removesuffix("_max_share").removesuffix("_max")
        label = label.replace("_", " ").capitalize()
        if key.endswith("_share"):
            self.caps.append(FormatCap(formats, label, max_share=amount, provenance=provenance))
        else:
            self.caps.append(FormatCap(formats, label, max_hours=amount, provenance=provenance))
        return True

    def cycle_key(self, key: str, value: Any, provenance: Provenance) -> bool:
        if key in {"cycle_months", "length_months"} and isinstance(value, int):
            self.length_months = value
        elif key == "window" and isinstance(value, str) and (m := re.match(r"(\d+) months", value)):
            self.length_months = int(m[1])
        elif key == "anchor" and isinstance(value, str):
            if value in BIRTH_ANCHORS:
                self.anchor = "birth_month"
            elif value in LICENSE_ANCHORS:
                self.anchor = "license_date"
            else:
                return False
        elif key in {"cycle_end", "fixed_date", "expiry", "cycle"} and isinstance(value, str):
            fixed = _fixed_date(value)
            if fixed is None:
                return False
            self.fixed, self.anchor = fixed, "fixed_date"
            if key == "cycle" and self.length_months is None:
                self.length_months = 24
        else:
            return False
        self.cycle_provenance.append(provenance)
        return True

    def hour_key(self, key: str, value: Any, provenance: Provenance) -> bool:
        if key in {"minutes_per_hour", "contact_hour_minutes"}:
            if not isinstance(value, int):
                return False  # "50-60": a range leaves the awarded hours as they are
            self.minutes_per_hour = value
        elif key in {"min_activity_hours", "session_min_hours"}:
            self.min_activity = _hours(value) or Decimal(0)
        elif key == "increment_after_first_hour":
            self.increment = _hours(value)
        else:
            return False
        self.hour_provenance.append(provenance)
        return True

    def carry_key(self, key: str, value: Any, provenance: Provenance) -> bool:
        if key not in {"carry_forward_max", "carry_over_max", "carry_over", "max_hours"}:
            return False
        amount = _hours(value)
        if amount is None:
            return False
        self.carry_over = CarryOver(amount, provenance=provenance)
        return True

    # --- rule kinds ----------------------------------------------------------------------

    def total_rule(self, rule: RawRule) -> None:
        if not isinstance(rule.value, dict):
            self.total = _hours(rule.value)
            self.total_provenance.append(rule.provenance)
            return
        value = dict(rule.value)
        unread: list[str] = []
        if "hours_other" in value:
            # Texas LCDC: 24 hours with a master's degree or higher, 40 otherwise; the higher
            # figure is the safe one to plan for.
            value["hours"] = value.pop("hours_other")
            unread.append(f"{value.pop('hours_masters_or_higher')} hours with a master's degree")
        if "effective_from" in value:
            value.pop("effective_from")
        # Georgia: "ethics_delivery: [in_person, synchronous]" restricts the ethics minimum.
        deliveries = {
            key.removesuffix("_delivery"): value.pop(key)
            for key in [
                k for k, v in value.items() if k.endswith("_delivery") and isinstance(v, list)
            ]
        }
        for key, item in value.items():
            if key == "hours":
                self.total = _hours(item)
                self.total_provenance.append(rule.provenance)
            elif key == "first_renewal" and item == "exempt":
                self.first_renewal = FirstRenewal("exempt", provenance=rule.provenance)
            elif isinstance(item, dict) and (match := FROM_DATE.fullmatch(key)):
                if self.reference_date >= date(int(match[1]), int(match[2]), int(match[3])):
                    unread += self.nested_categories(item, rule.provenance)
            elif isinstance(item, dict) and key.startswith("of_remaining"):
                # NJ's "of the remaining 20": minimums inside a part of the total.
                unread += [
                    f"{key.replace('_', ' ')}: {name}"
                    for name in self.nested_categories(item, rule.provenance)
                ]
            elif isinstance(item, dict):
                if not self.category(
                    key,
                    item.get("hours"),
                    rule.provenance,
                    recurrence=item.get("recurrence"),
                    applies_if=item.get("applies_if", ()),
                ):
                    unread.append(key)
            elif not (
                self.cycle_key(key, item, rule.provenance)
                or self.hour_key(key, item, rule.provenance)
                or self.carry_key(key, item, rule.provenance)
                or (
                    key.endswith(("_max_hours", "_max", "_max_share"))
                    and self.cap(key, item, rule.provenance)
                )
                or self.category(key, item, rule.provenance, delivery=deliveries.get(key, ()))
            ):
                unread.append(key.replace("_", " "))
        if unread:
            self.note(rule.provenance, "Also stated, not computed: " + "; ".join(unread) + ".")

    def nested_categories(self, value: dict[str, Any], provenance: Provenance) -> list[str]:
        """Read numeric category minimums; return the keys that are not."""
        effective_from = value.get("effective_from")
        unread = []
        for key, item in value.items():
            if key == "effective_from":
                continue
            # New Jersey LCADC: more hours in the first biennium than in later ones.
            recurrence = "at_renewal_number_1" if key.endswith("_initial_biennium") else None
            if _hours(item) is None or not self.category(
                key, item, provenance, recurrence=recurrence, effective_from=effective_from
            ):
                unread.append(key.replace("_", " "))
        return unread

    def category_rule(self, rule: RawRule) -> None:
        value = rule.value if isinstance(rule.value, dict) else {}
        if value.get("required") is False:
            self.note(rule.provenance, "Not required for this license.")
            return
        if "category" in value:
            if not self.category(
                value["category"],
                value.get("hours"),
                rule.provenance,
                recurrence=value.get("recurrence"),
                applies_if=value.get("applies_if", ()),
                delivery=value.get("delivery", ()),
                counts_toward_total=value.get("counts_toward_total", True),
                effective_from=value.get("effective_from"),
            ):
                self.note(rule.provenance, "A topic requirement FullCredit does not track.")
            return
        unread = self.nested_categories(value, rule.provenance)
        if unread:
            self.note(rule.provenance, "Also stated, not computed: " + "; ".join(unread) + ".")

    def first_renewal_rule(self, rule: RawRule) -> None:
        value = rule.value if isinstance(rule.value, dict) else {}
        if value.get("mode") == "exempt":
            self.first_renewal = FirstRenewal("exempt", provenance=rule.provenance)
            if "condition" in value:
                self.note(rule.provenance, f"First renewal exempt only if {value['condition']}.")
        elif "before_2023_07_01" in value:
            # California: 18 hours for a first renewal before 2023-07-01, the full 36 after.
            if self.reference_date < date(2023, 7, 1):
                hours = _hours(value["before_2023_07_01"])
                self.first_renewal = FirstRenewal("fixed_hours", hours, rule.provenance)
            else:
                self.first_renewal = FirstRenewal("full", provenance=rule.provenance)
        else:
            self.note(rule.provenance, "First-renewal rule not computed; check with your board.")

    def read(self, rule: RawRule) -> None:
        value = rule.value
        if rule.kind == "total_hours":
            self.total_rule(rule)
        elif rule.kind == "category_min":
            self.category_rule(rule)
        elif rule.kind == "first_renewal":
            self.first_renewal_rule(rule)
        elif rule.kind in {"cycle", "hour_definition", "carry_over", "format_cap"}:
            items = value.items() if isinstance(value, dict) else []
            definition = str(value.get("definition", "")) if isinstance(value, dict) else ""
            unread = [
                key.replace("_", " ")
                for key, item in items
                if key not in {"note", "definition", "since"}
                and not (
                    self.cycle_key(key, item, rule.provenance)
                    or self.hour_key(key, item, rule.provenance)
                    or self.carry_key(key, item, rule.provenance)
                    or self.cap(key, item, rule.provenance, definition)
                )
            ]
            if unread:
                self.note(rule.provenance, "Also stated, not computed: " + "; ".join(unread) + ".")
        elif rule.kind != "acceptance":
            # Record keeping, certificates, post-tests, reporting: shown, not computed.
            self.notes.append(rule.provenance)

    def ruleset(self, label: str, acceptance: Acceptance) -> RuleSet:
        fixed_month, fixed_day, parity = self.fixed or (None, None, None)
        cycle = CycleRule(
            length_months=self.length_months,
            anchor=self.anchor,
            fixed_month=fixed_month,
            fixed_day=fixed_day,
            year_parity=parity,
            provenance=tuple(self.cycle_provenance),
        )
        hours = HourRule(
            self.minutes_per_hour, self.min_activity, self.increment, tuple(self.hour_provenance)
        )
        return RuleSet(
            license_label=label,
            total_hours=self.total,
            cycle=cycle,
            hours=hours,
            categories=tuple(self.categories.values()),
            caps=tuple(self.caps),
            acceptance=acceptance,
            carry_over=self.carry_over,
            first_renewal=self.first_renewal,
            total_provenance=tuple(self.total_provenance),
            notes=tuple(self.notes),
        )


def build_ruleset(
    label: str,
    rules: Iterable[RawRule],
    *,
    category_codes: Mapping[str, tuple[str, str]],
    acceptance: Acceptance,
    reference_date: date,
) -> RuleSet:
    """Interpret a license type's rules in force on ``reference_date`` (the renewal date).

    ``category_codes`` maps the rules' category words (``law_ethics``, ``ethics``,
    ``suicide_prevention``...) to a CE category (code, name).
    """
    builder = _Builder(category_codes=category_codes, reference_date=reference_date)
    # Totals first so a later, more specific rule (a category rule, a cycle rule) refines them.
    order = {"total_hours": 0, "cycle": 1}
    for rule in sorted(rules, key=lambda r: (order.get(r.kind, 2), r.rule_id)):
        builder.read(rule)
    return builder.ruleset(label, acceptance)
