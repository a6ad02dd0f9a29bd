"""The three worked examples of the requirements reference (§3.1–§3.3), figure for figure."""

from __future__ import annotations

from datetime import date
from decimal import Decimal as D

from credit.tracker.evaluate import evaluate_cycle
from credit.tracker.types import (
    Acceptance,
    CarryOver,
    CategoryRule,
    CreditFormat,
    CycleRule,
    EarnedCredit,
    FormatCap,
    Recurrence,
    RuleSet,
    Window,
)

LIVE, SELF, IN_PERSON, OTHER = (
    CreditFormat.LIVE_ONLINE,
    CreditFormat.SELF_STUDY,
    CreditFormat.IN_PERSON,
    CreditFormat.OTHER,
)


def credit(
    key: str,
    title: str,
    body: str,
    fmt: CreditFormat,
    hours: str,
    tags: dict[str, str] | None = None,
    on: date = date(2025, 3, 1),
) -> EarnedCredit:
    return EarnedCredit(
        key=key,
        title=title,
        completed_on=on,
        hours=D(hours),
        format=fmt,
        bodies=frozenset({body}) if body else frozenset(),
        allocations={code: D(h) for code, h in (tags or {}).items()},
    )


def by_code(report, code):
    return next(c for c in report.categories if c.rule.code == code)


# --- §3.1 Texas LPC with supervisor status ----------------------------------------------

TX_LPC = RuleSet(
    license_label="TX LPC",
    total_hours=D(24),
    cycle=CycleRule(length_months=24),
    categories=(
        CategoryRule("law_ethics", "Ethics", D(6)),
        CategoryRule("cultural_diversity", "Cultural diversity", D(3)),
        CategoryRule("supervision", "Supervision", D(6), applies_if=("is_supervisor",)),
        CategoryRule("human_trafficking", "HHSC human-trafficking course", None),
    ),
    acceptance=Acceptance(frozenset({"NBCC", "APA", "ASWB_ACE", "TX_BHEC", "TX_HHSC"})),
    carry_over=CarryOver(D(10)),
)
TX_WINDOW = Window(date(2024, 7, 1), date(2026, 6, 30))
TX_CREDITS = [
    credit("1", "Ethics in teletherapy", "NBCC", LIVE, "3", {"law_ethics": "3"}),
    credit("2", "Texas jurisprudence exam passed", "TX_BHEC", OTHER, "1", {"law_ethics": "1"}),
    credit("3", "Supervision best practices", "APA", SELF, "6", {"supervision": "6"}),
    credit("4", "Culturally responsive care", "ASWB_ACE", SELF, "3", {"cultural_diversity": "3"}),
    credit("5", "Ethical dilemmas in practice", "NBCC", IN_PERSON, "2", {"law_ethics": "2"}),
    credit("6", "CBT workshop", "NBCC", IN_PERSON, "6"),
    credit(
        "7", "HHSC-approved trafficking course", "TX_HHSC", SELF, "0", {"human_trafficking": "0"}
    ),
]


def test_example_a_texas_lpc_supervisor_meets_every_requirement_and_carries_one_hour() -> None:
    report = evaluate_cycle(
        TX_LPC, TX_WINDOW, TX_CREDITS, carry_in=D(4), conditions=frozenset({"is_supervisor"})
    )

    assert report.rejected_lines == []
    assert by_code(report, "law_ethics").earned == D(6) and by_code(report, "law_ethics").met
    assert by_code(report, "cultural_diversity").earned == D(3)
    assert by_code(report, "cultural_diversity").met
    assert by_code(report, "supervision").earned == D(6) and by_code(report, "supervision").met
    assert by_code(report, "human_trafficking").met
    assert report.earned == D(21)
    assert report.total == D(25)
    assert report.shortfall == 0
    assert report.carry_out == D(1)
    assert report.met


def test_example_a_without_supervisor_status_supervision_does_not_apply() -> None:
    report = evaluate_cycle(TX_LPC, TX_WINDOW, TX_CREDITS, carry_in=D(4))

    supervision = by_code(report, "supervision")
    assert not supervision.applies
    assert "is supervisor" in supervision.not_applicable_reason
    assert report.met


# --- §3.2 California LCSW, renewal after 2023-07-01 ----------------------------------------

CA_LCSW = RuleSet(
    license_label="CA LCSW",
    total_hours=D(36),
    cycle=CycleRule(length_months=24, anchor="birth_month"),
    categories=(
        CategoryRule("law_ethics", "Law and ethics", D(6)),
        CategoryRule("suicide_risk", "Suicide risk", D(6), Recurrence("one_time")),
        CategoryRule("telehealth", "Telehealth", D(3), Recurrence("one_time")),
    ),
    acceptance=Acceptance(
        frozenset({"APA", "ASWB_ACE", "CAMFT", "CPA", "NASP", "NASW", "NBCC", "NASW_CA"}),
        labels={"APA": "APA", "ASWB_ACE": "ASWB ACE"},
    ),
)
CA_WINDOW = Window(date(2024, 8, 1), date(2026, 7, 31))
CA_CREDITS = [
    credit("1", "California law & ethics update", "CAMFT", LIVE, "6", {"law_ethics": "6"}),
    credit("2", "Telehealth: law, ethics, practice", "ASWB_ACE", SELF, "3", {"telehealth": "3"}),
    credit("3", "Suicide risk assessment", "NBCC", SELF, "6", {"suicide_risk": "6"}),
    credit("4", "Trauma-focused care", "APA", SELF, "15"),
    credit("5", "Mindfulness retreat", "", IN_PERSON, "4"),
    credit("6", "DBT skills", "NASW_CA", LIVE, "6"),
]


def test_example_b_california_lcsw_rejects_the_unapproved_retreat_and_meets_36() -> None:
    report = evaluate_cycle(CA_LCSW, CA_WINDOW, CA_CREDITS)

    [rejected] = report.rejected_lines
    assert rejected.credit.title == "Mindfulness retreat"
    assert "No approval body" in rejected.rejected_reason
    assert report.earned == D(36)
    assert report.shortfall == 0
    assert by_code(report, "law_ethics").earned == D(6)
    # Overlap is denied: the telehealth course counts toward telehealth only.
    assert by_code(report, "law_ethics").met
    assert by_code(report, "telehealth").earned == D(3) and by_code(report, "telehealth").met
    assert by_code(report, "suicide_risk").earned == D(6) and by_code(report, "suicide_risk").met
    # No self-study cap: 24 self-study hours all count.
    assert sum(line.counted for line in report.lines if line.credit.format == SELF) == D(24)
    assert report.caps == []
    assert report.met


def test_example_b_next_cycle_skips_the_one_time_topics_already_met() -> None:
    next_window = Window(date(2026, 8, 1), date(2028, 7, 31))
    later = [credit("9", "Assessment", "APA", LIVE, "6", {"law_ethics": "6"}, date(2027, 1, 5))]

    report = evaluate_cycle(CA_LCSW, next_window, CA_CREDITS + later)

    suicide = by_code(report, "suicide_risk")
    assert suicide.met and suicide.earned == 0
    assert suicide.met_earlier_by == "Suicide risk assessment"
    assert suicide.met_earlier_on == date(2025, 3, 1)
    assert by_code(report, "telehealth").met
    assert report.earned == D(6)
    assert report.shortfall == D(30)


# --- §3.3 New York LCSW, registration period starting after 2023-04-01 ---------------------

NY_LCSW = RuleSet(
    license_label="NY LCSW",
    total_hours=D(36),
    cycle=CycleRule(length_months=36),
    categories=(CategoryRule("boundaries", "Professional boundaries", D(3)),),
    caps=(FormatCap(frozenset({SELF}), "Self-study", max_hours=D(12)),),
    acceptance=Acceptance(
        frozenset({"NY_SED"}),
        labels={"NY_SED": "NYSED-approved providers", "ASWB_ACE": "ASWB ACE"},
    ),
)
NY_WINDOW = Window(date(2024, 3, 1), date(2027, 2, 28))
NY_CREDITS = [
    credit("1", "Appropriate professional boundaries", "NY_SED", LIVE, "3", {"boundaries": "3"}),
    credit("2", "Assessment series", "NY_SED", SELF, "12"),
    credit("3", "Documentation course", "NY_SED", SELF, "6"),
    credit("4", "Clinical webinars (several)", "NY_SED", LIVE, "15"),
    credit("5", "Family systems", "ASWB_ACE", SELF, "4"),
]


def test_example_c_new_york_lcsw_caps_self_study_and_is_six_hours_short() -> None:
    report = evaluate_cycle(NY_LCSW, NY_WINDOW, NY_CREDITS)

    [rejected] = report.rejected_lines
    assert rejected.credit.title == "Family systems"
    assert rejected.rejected_reason == (
        "Approved by ASWB ACE only; your board accepts NYSED-approved providers."
    )
    [cap] = report.caps
    assert (cap.limit, cap.used, cap.unused) == (D(12), D(12), D(6))
    assert report.earned == D(30)
    assert report.shortfall == D(6)
    assert not report.met
    assert by_code(report, "boundaries").met
    assert any("6 hours short" in w and "other than self-study" in w for w in report.warnings)
