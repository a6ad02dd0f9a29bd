"""Is a license's renewal cycle covered? The evaluation of the requirements reference, §3:

1. Window: credits completed inside the cycle count; earlier ones only serve one-time and
   every-N-years topics ("already met"); later ones belong to the next cycle.
2. Eligibility: a credit must come from an approval body the board accepts (otherwise it is
   rejected with the reason in words) and meet the board's minimum activity length. When the
   accepted bodies were never researched, credits count with a warning instead: refusing them
   would state a rule nobody verified.
3. Hours are the credits the approved provider awarded; they are never re-converted.
4. Caps: credits in uncapped formats are used first, then capped formats up to each cap, so a
   cap never displaces hours that could count elsewhere. What a cap keeps out is reported.
5. Categories: each hour counts toward at most one category, the one the person assigned it
   to (the reference's overlap policy defaults to deny). Delivery rules (e.g. ethics only live)
   are honoured.
6. Carry-in counts toward the total only; carry-out is the surplus of this cycle's own hours,
   up to the board's maximum.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date
from decimal import Decimal

from credit.hours import format_hours
from credit.tracker.cycles import add_months
from credit.tracker.types import (
    CapUsage,
    CategoryProgress,
    CategoryRule,
    CreditFormat,
    CreditLine,
    CycleReport,
    EarnedCredit,
    FormatCap,
    RuleSet,
    Window,
)

__all__ = ["evaluate_cycle", "join_words"]

ZERO = Decimal(0)


def join_words(words: Sequence[str]) -> str:
    """ "A", "A and B", "A, B and C"."""
    if len(words) <= 1:
        return "".join(words)
    return f"{', '.join(words[:-1])} and {words[-1]}"


def _body_names(codes: Iterable[str], labels: dict[str, str]) -> list[str]:
    return sorted(labels.get(code, code) for code in codes)


def _acceptable(rules: RuleSet, credit: EarnedCredit) -> bool:
    """The quick test; `_rejection` says why in words, only for the credits that fail it."""
    acceptance = rules.acceptance
    if acceptance.known and not (credit.bodies & acceptance.bodies):
        return False
    return credit.hours >= rules.hours.min_activity_hours


def _rejection(rules: RuleSet, credit: EarnedCredit) -> str:
    if _acceptable(rules, credit):
        return ""
    acceptance = rules.acceptance
    if acceptance.known and not (credit.bodies & acceptance.bodies):
        labels = dict(acceptance.labels)
        accepted = join_words(_body_names(acceptance.bodies, labels))
        if not credit.bodies:
            return f"No approval body is recorded for it; your board accepts {accepted}."
        approved = join_words(_body_names(credit.bodies, labels))
        return f"Approved by {approved} only; your board accepts {accepted}."
    minimum = rules.hours.min_activity_hours
    if minimum and credit.hours < minimum:
        return f"Shorter than your board's minimum of {format_hours(minimum)} hours per activity."
    return ""


def _cap_limit(cap: FormatCap, required: Decimal | None) -> Decimal | None:
    if cap.max_hours is not None:
        return cap.max_hours
    if cap.max_share is not None and required is not None:
        return (cap.max_share * required).quantize(Decimal("0.01"))
    return None


def _count_with_caps(
    rules: RuleSet, lines: list[CreditLine], required: Decimal | None
) -> list[CapUsage]:
    caps: list[tuple[FormatCap, Decimal]] = [
        (cap, limit) for cap in rules.caps if (limit := _cap_limit(cap, required)) is not None
    ]
    used = [ZERO for _ in caps]
    unused = [ZERO for _ in caps]

    def capped(line: CreditLine) -> bool:
        return any(line.credit.format in cap.formats for cap, _ in caps)

    # Uncapped formats first, then by date: the cap only ever decides about capped hours.
    for line in sorted(lines, key=lambda item: (capped(item), item.credit.completed_on)):
        hours = line.credit.hours
        room = hours
        for index, (cap, limit) in enumerate(caps):
            if line.credit.format in cap.formats:
                room = min(room, max(limit - used[index], ZERO))
        for index, (cap, _) in enumerate(caps):
            if line.credit.format in cap.formats:
                used[index] += room
                unused[index] += hours - room
        line.counted = room
        line.over_cap = hours - room
        remaining = room
        for code, assigned in line.credit.allocations.items():
            take = min(assigned, remaining)
            # A zero-hour entry records a completion (a required course that carries no hours).
            if take > 0 or assigned == 0:
                line.categories[code] = take
                remaining -= take
    return [
        CapUsage(cap, limit, used[index], unused[index]) for index, (cap, limit) in enumerate(caps)
    ]


def _applies(
    rule: CategoryRule,
    window: Window | None,
    conditions: frozenset[str],
    renewal_number: int | None,
) -> tuple[bool, str]:
    if rule.effective_from and window and window.end < rule.effective_from:
        return False, f"Required for renewals from {rule.effective_from.isoformat()}."
    missing = [c for c in rule.applies_if if c not in conditions]
    if missing:
        return False, "Applies only if: " + join_words([c.replace("_", " ") for c in missing]) + "."
    at_renewal = rule.recurrence.kind == "at_renewal"
    if at_renewal and renewal_number is not None and renewal_number != rule.recurrence.n:
        return False, f"Required at renewal number {rule.recurrence.n}."
    return True, ""


def _category_hours(
    rule: CategoryRule, credits: Iterable[tuple[EarnedCredit, dict[str, Decimal]]]
) -> tuple[Decimal, int, date | None, str]:
    earned = ZERO
    completions = 0
    latest: date | None = None
    title = ""
    for credit, categories in credits:
        if rule.delivery_required and credit.format not in rule.delivery_required:
            continue
        if rule.code not in categories:
            continue
        earned += categories[rule.code]
        completions += 1
        if latest is None or credit.completed_on > latest:
            latest, title = credit.completed_on, credit.title
    return earned, completions, latest, title


def _is_met(rule: CategoryRule, earned: Decimal, completions: int) -> bool:
    return completions > 0 if rule.hours is None else earned >= rule.hours


def _progress(
    rule: CategoryRule,
    window: Window | None,
    current: list[tuple[EarnedCredit, dict[str, Decimal]]],
    earlier: list[tuple[EarnedCredit, dict[str, Decimal]]],
    conditions: frozenset[str],
    renewal_number: int | None,
) -> CategoryProgress:
    applies, why_not = _applies(rule, window, conditions, renewal_number)
    earned, completions, _, _ = _category_hours(rule, current)
    met = _is_met(rule, earned, completions)
    progress = CategoryProgress(rule, earned, rule.hours, met, applies=applies)
    progress.not_applicable_reason = why_not
    if progress.met or rule.recurrence.kind not in {"one_time", "every_n_years"}:
        return progress
    if rule.recurrence.kind == "every_n_years" and window is not None:
        since = add_months(window.end, -12 * (rule.recurrence.n or 0))
        earlier = [item for item in earlier if item[0].completed_on > since]
    before, completed_before, when, title = _category_hours(rule, earlier)
    if _is_met(rule, before, completed_before):
        progress.met = True
        progress.met_earlier_on, progress.met_earlier_by = when, title
    return progress


def evaluate_cycle(
    rules: RuleSet,
    window: Window | None,
    credits: Sequence[EarnedCredit],
    *,
    carry_in: Decimal = ZERO,
    conditions: frozenset[str] = frozenset(),
    first_renewal: bool = False,
    renewal_number: int | None = None,
) -> CycleReport:
    """Evaluate one cycle. ``credits`` may include earlier and later ones; the window sorts
    them. Without a window every credit is treated as current (the cycle is unknown)."""
    warnings: list[str] = []
    required = rules.total_hours
    exempt = False
    if first_renewal and rules.first_renewal is not None:
        if rules.first_renewal.mode == "exempt":
            exempt = True
        elif rules.first_renewal.mode == "fixed_hours" and rules.first_renewal.hours is not None:
            required = rules.first_renewal.hours

    current = [c for c in credits if window is None or c.completed_on in window]
    earlier = [c for c in credits if window is not None and c.completed_on < window.start]
    lines = [CreditLine(credit) for credit in sorted(current, key=lambda c: c.completed_on)]
    for line in lines:
        line.rejected_reason = _rejection(rules, line.credit)
    accepted = [line for line in lines if not line.rejected]
    caps = _count_with_caps(rules, accepted, required)
    earned = sum((line.counted for line in accepted), ZERO)

    history = [(c, dict(c.allocations)) for c in earlier if _acceptable(rules, c)]
    current_counted = [(line.credit, line.categories) for line in accepted]
    categories = [
        _progress(rule, window, current_counted, history, conditions, renewal_number)
        for rule in rules.categories
    ]

    carry_out = ZERO
    if rules.carry_over is not None and required is not None:
        surplus = max(earned + carry_in - required, ZERO)
        carry_out = min(surplus, earned, rules.carry_over.max_hours)

    report = CycleReport(
        rules=rules,
        window=window,
        required=required,
        earned=earned,
        carry_in=carry_in,
        carry_out=carry_out,
        categories=categories,
        caps=caps,
        lines=lines,
        warnings=warnings,
        exempt=exempt,
    )
    warnings.extend(_warnings(rules, report))
    return report


def _warnings(rules: RuleSet, report: CycleReport) -> list[str]:
    found: list[str] = []
    if report.exempt:
        found.append("Your first renewal is exempt from CE under your board's rules.")
    if rules.total_hours is None:
        found.append(
            "No total-hours requirement is recorded for this license; check with your board."
        )
    if not rules.acceptance.known:
        found.append(
            "Which approval bodies your board accepts is not recorded; credits are counted, "
            "but check with your board that they accept them."
        )
    if rules.hours.minutes_per_hour != 60:
        found.append(
            f"Your board defines a CE hour as {rules.hours.minutes_per_hour} minutes; hours are "
            "counted as the provider awarded them."
        )
    full_caps = [usage for usage in report.caps if usage.used >= usage.limit]
    if report.shortfall and full_caps:
        formats = sorted({f for usage in full_caps for f in usage.cap.formats})
        kinds = join_words([FORMAT_WORDS[f] for f in formats])
        found.append(
            f"{format_hours(report.shortfall)} hours short; they must be other than {kinds}, "
            "which is already at its cap."
        )
    return found


FORMAT_WORDS = {
    CreditFormat.IN_PERSON: "in-person learning",
    CreditFormat.LIVE_ONLINE: "live online learning",
    CreditFormat.SELF_STUDY: "self-study",
    CreditFormat.OTHER: "other activities",
}
