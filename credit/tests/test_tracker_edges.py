"""Edge cases of the tracker evaluation and of cycle placement."""

from __future__ import annotations

from datetime import date
from decimal import Decimal as D

import pytest

from credit.tracker.cycles import add_months, place_cycle, window_ending
from credit.tracker.evaluate import evaluate_cycle
from credit.tracker.types import (
    Acceptance,
    CarryOver,
    CategoryRule,
    CreditFormat,
    CycleRule,
    EarnedCredit,
    FirstRenewal,
    FormatCap,
    HourRule,
    Recurrence,
    RuleSet,
    Window,
)

LIVE, SELF, IN_PERSON = CreditFormat.LIVE_ONLINE, CreditFormat.SELF_STUDY, CreditFormat.IN_PERSON
WINDOW = Window(date(2025, 1, 1), date(2026, 12, 31))


def rules(**overrides) -> RuleSet:
    base = {
        "license_label": "XX LCSW",
        "total_hours": D(20),
        "cycle": CycleRule(length_months=24),
        "acceptance": Acceptance(frozenset({"APA"}), labels={"APA": "APA", "NBCC": "NBCC"}),
    }
    base.update(overrides)
    return RuleSet(**base)


def credit(hours: str, on: date, fmt=LIVE, body="APA", tags=None, key="c") -> EarnedCredit:
    return EarnedCredit(
        key=key,
        title=f"Course {key}",
        completed_on=on,
        hours=D(hours),
        format=fmt,
        bodies=frozenset({body}),
        allocations={k: D(v) for k, v in (tags or {}).items()},
    )


def test_cycle_boundaries_are_inclusive_and_outside_days_belong_elsewhere() -> None:
    credits = [
        credit("1", date(2024, 12, 31), key="before"),
        credit("2", date(2025, 1, 1), key="first-day"),
        credit("4", date(2026, 12, 31), key="last-day"),
        credit("8", date(2027, 1, 1), key="after"),
    ]
    report = evaluate_cycle(rules(), WINDOW, credits)
    assert [line.credit.key for line in report.lines] == ["first-day", "last-day"]
    assert report.earned == D(6)
    assert report.shortfall == D(14)


def test_unaccepted_body_is_rejected_in_words_and_counts_nothing() -> None:
    report = evaluate_cycle(rules(), WINDOW, [credit("3", date(2025, 5, 1), body="NBCC")])
    [line] = report.rejected_lines
    assert line.rejected_reason == "Approved by NBCC only; your board accepts APA."
    assert report.earned == 0


def test_unknown_acceptance_counts_with_a_warning_instead_of_rejecting() -> None:
    unknown = rules(acceptance=Acceptance(frozenset(), known=False))
    report = evaluate_cycle(unknown, WINDOW, [credit("3", date(2025, 5, 1), body="NBCC")])
    assert report.earned == D(3)
    assert any("check with your board" in w for w in report.warnings)


def test_share_cap_uses_uncapped_hours_first_whatever_the_order() -> None:
    capped = rules(caps=(FormatCap(frozenset({SELF}), "Self-study", max_share=D("0.5")),))
    credits = [
        credit("8", date(2025, 2, 1), fmt=SELF, key="early-self"),
        credit("6", date(2025, 3, 1), fmt=SELF, key="late-self"),
        credit("9", date(2026, 1, 1), fmt=IN_PERSON, key="live"),
    ]
    report = evaluate_cycle(capped, WINDOW, credits)
    [usage] = report.caps
    assert (usage.limit, usage.used, usage.unused) == (D(10), D(10), D(4))
    lines = {line.credit.key: line for line in report.lines}
    assert lines["live"].counted == D(9)
    assert lines["early-self"].counted == D(8)
    assert (lines["late-self"].counted, lines["late-self"].over_cap) == (D(2), D(4))
    assert report.earned == D(19)


def test_capped_hours_reduce_the_category_hours_they_carry() -> None:
    capped = rules(
        caps=(FormatCap(frozenset({SELF}), "Self-study", max_hours=D(2)),),
        categories=(CategoryRule("law_ethics", "Ethics", D(3)),),
    )
    report = evaluate_cycle(
        capped, WINDOW, [credit("3", date(2025, 6, 1), fmt=SELF, tags={"law_ethics": "3"})]
    )
    [ethics] = report.categories
    assert ethics.earned == D(2) and not ethics.met and ethics.shortfall == D(1)


def test_carry_out_is_capped_and_only_from_this_cycles_hours() -> None:
    carry = rules(carry_over=CarryOver(D(3)))
    big = evaluate_cycle(carry, WINDOW, [credit("30", date(2025, 6, 1))])
    assert big.carry_out == D(3)
    # Surplus made only of carried-in hours does not carry again.
    only_carry = evaluate_cycle(carry, WINDOW, [], carry_in=D(25))
    assert only_carry.carry_out == 0
    assert only_carry.total == D(25) and only_carry.shortfall == 0
    # No carry-over rule: nothing carries.
    assert evaluate_cycle(rules(), WINDOW, [credit("30", date(2025, 6, 1))]).carry_out == 0


def test_carry_in_counts_toward_the_total_but_never_a_category() -> None:
    ethics = rules(categories=(CategoryRule("law_ethics", "Ethics", D(3)),))
    report = evaluate_cycle(ethics, WINDOW, [], carry_in=D(20))
    assert report.shortfall == 0
    assert not report.categories[0].met
    assert not report.met


def test_one_time_topic_met_in_an_earlier_cycle_stays_met() -> None:
    one_time = rules(
        categories=(CategoryRule("suicide_risk", "Suicide", D(6), Recurrence("one_time")),)
    )
    earlier = credit("6", date(2019, 4, 2), tags={"suicide_risk": "6"}, key="old")
    report = evaluate_cycle(one_time, WINDOW, [earlier])
    [topic] = report.categories
    assert topic.met and topic.met_earlier_on == date(2019, 4, 2)
    assert report.earned == 0


def test_every_n_years_topic_needs_a_completion_within_the_period() -> None:
    six = rules(
        categories=(CategoryRule("suicide_risk", "Suicide", D(6), Recurrence("every_n_years", 6)),)
    )
    recent = credit("6", date(2021, 1, 1), tags={"suicide_risk": "6"})
    stale = credit("6", date(2020, 12, 31), tags={"suicide_risk": "6"})
    assert evaluate_cycle(six, WINDOW, [recent]).categories[0].met
    assert not evaluate_cycle(six, WINDOW, [stale]).categories[0].met


def test_rejected_earlier_credit_does_not_satisfy_a_one_time_topic() -> None:
    one_time = rules(
        categories=(CategoryRule("suicide_risk", "Suicide", D(6), Recurrence("one_time")),)
    )
    earlier = credit("6", date(2019, 4, 2), body="NBCC", tags={"suicide_risk": "6"})
    assert not evaluate_cycle(one_time, WINDOW, [earlier]).categories[0].met


def test_delivery_rule_counts_only_live_or_in_person_ethics() -> None:
    live_only = rules(
        categories=(
            CategoryRule(
                "law_ethics", "Ethics", D(6), delivery_required=frozenset({IN_PERSON, LIVE})
            ),
        )
    )
    credits = [
        credit("3", date(2025, 2, 1), fmt=SELF, tags={"law_ethics": "3"}, key="a"),
        credit("3", date(2025, 3, 1), fmt=LIVE, tags={"law_ethics": "3"}, key="b"),
    ]
    [ethics] = evaluate_cycle(live_only, WINDOW, credits).categories
    assert ethics.earned == D(3) and not ethics.met


def test_minimum_activity_length_rejects_short_courses() -> None:
    nj = rules(hours=HourRule(min_activity_hours=D(1)))
    report = evaluate_cycle(nj, WINDOW, [credit("0.5", date(2025, 2, 1))])
    assert "minimum of 1 hours" in report.rejected_lines[0].rejected_reason


def test_first_renewal_exempt_and_fixed_hours() -> None:
    exempt = rules(first_renewal=FirstRenewal("exempt"))
    report = evaluate_cycle(exempt, WINDOW, [], first_renewal=True)
    assert report.exempt and report.met and report.shortfall == 0
    assert not evaluate_cycle(exempt, WINDOW, []).met
    fixed = rules(first_renewal=FirstRenewal("fixed_hours", D(18)))
    assert evaluate_cycle(fixed, WINDOW, [], first_renewal=True).required == D(18)


def test_category_effective_later_or_conditional_does_not_apply() -> None:
    later = rules(categories=(CategoryRule("x", "X", D(1), effective_from=date(2027, 6, 1)),))
    [topic] = evaluate_cycle(later, WINDOW, []).categories
    assert not topic.applies
    assert evaluate_cycle(later, WINDOW, [credit("20", date(2025, 1, 5))]).met


@pytest.mark.parametrize(
    ("end", "months", "start"),
    [
        (date(2026, 6, 30), 24, date(2024, 7, 1)),
        (date(2027, 2, 28), 36, date(2024, 3, 1)),
        (date(2026, 11, 30), 24, date(2024, 12, 1)),
        (date(2026, 3, 15), 24, date(2024, 3, 16)),
    ],
)
def test_window_ending(end: date, months: int, start: date) -> None:
    assert window_ending(end, months) == Window(start, end)


def test_add_months_clamps_to_month_end() -> None:
    assert add_months(date(2025, 1, 31), 1) == date(2025, 2, 28)
    assert add_months(date(2024, 3, 31), -1) == date(2024, 2, 29)


def test_place_cycle_from_fixed_date_with_parity() -> None:
    il = CycleRule(24, anchor="fixed_date", fixed_month=11, fixed_day=30, year_parity="odd")
    placed = place_cycle(il, today=date(2026, 11, 28))
    assert placed.window == Window(date(2025, 12, 1), date(2027, 11, 30))
    on_the_day = place_cycle(il, today=date(2027, 11, 30))
    assert on_the_day.window.end == date(2027, 11, 30)


def test_place_cycle_prefers_the_persons_renewal_date_and_rolls_a_past_one() -> None:
    ca = CycleRule(24, anchor="birth_month")
    assert place_cycle(ca, today=date(2026, 1, 1)).window is None
    own = place_cycle(ca, today=date(2026, 1, 1), renewal_date=date(2026, 5, 31))
    assert own.window == Window(date(2024, 6, 1), date(2026, 5, 31))
    past = place_cycle(ca, today=date(2026, 7, 1), renewal_date=date(2026, 5, 31))
    assert past.window.end == date(2028, 5, 31)
    assert "has passed" in past.warning


def test_place_cycle_from_license_date() -> None:
    oh = CycleRule(24, anchor="license_date")
    placed = place_cycle(oh, today=date(2026, 11, 28), issued_on=date(2019, 3, 10))
    assert placed.window == Window(date(2025, 3, 11), date(2027, 3, 10))
