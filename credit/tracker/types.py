"""The vocabulary of the CE tracker: a license's rules for one renewal cycle, the credits a
person earned, and the report that says whether the cycle is covered.

Pure data (standard library only) so the evaluation can be tested with the worked examples of
the requirements reference without a database. Hours are ``Decimal`` as everywhere in
`credit`: a tracker must never show 35.99999 hours.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from enum import StrEnum

__all__ = [
    "Acceptance",
    "CapUsage",
    "CarryOver",
    "CategoryProgress",
    "CategoryRule",
    "CreditFormat",
    "CreditLine",
    "CycleReport",
    "CycleRule",
    "EarnedCredit",
    "FirstRenewal",
    "FormatCap",
    "HourRule",
    "Provenance",
    "Recurrence",
    "RuleSet",
    "Window",
]


class CreditFormat(StrEnum):
    """How the learning happened, as boards distinguish it."""

    IN_PERSON = "in_person"
    LIVE_ONLINE = "live_online"  # real-time webinar with interaction: "live" for APA and ASWB
    SELF_STUDY = "self_study"  # home study, on-demand, recorded: no live interaction
    OTHER = "other"  # exams, teaching, publications, academic courses


@dataclass(frozen=True)
class Provenance:
    """Where a rule comes from. Unverified rules are shown as "check with your board"."""

    rule_id: str
    source_url: str
    as_of: str
    verified: bool
    note: str = ""


@dataclass(frozen=True)
class Recurrence:
    """How often a category minimum applies.

    kind: ``every_cycle`` | ``one_time`` (once in a career: met by any earlier completion) |
    ``every_n_years`` (met by a completion in the last ``n`` years before the renewal) |
    ``at_renewal`` (only at renewal number ``n``, counted from the first renewal = 1).
    """

    kind: str = "every_cycle"
    n: int | None = None

    def describe(self) -> str:
        if self.kind == "one_time":
            return "once in your career"
        if self.kind == "every_n_years":
            return f"every {self.n} years"
        if self.kind == "at_renewal":
            return f"at renewal number {self.n}"
        return "every renewal"


@dataclass(frozen=True)
class CycleRule:
    """How a renewal cycle is laid out. ``anchor``: ``birth_month`` | ``fixed_date`` |
    ``license_date`` | None (unknown: the person's renewal date is needed)."""

    length_months: int | None
    anchor: str | None = None
    fixed_month: int | None = None
    fixed_day: int | None = None
    year_parity: str | None = None  # "odd" | "even" | None
    provenance: tuple[Provenance, ...] = ()


@dataclass(frozen=True)
class HourRule:
    minutes_per_hour: int = 60
    min_activity_hours: Decimal = Decimal(0)
    increment_after_first: Decimal | None = None
    provenance: tuple[Provenance, ...] = ()


@dataclass(frozen=True)
class CategoryRule:
    """A minimum number of hours in one CE category (``hours`` None: completion required)."""

    code: str
    label: str
    hours: Decimal | None
    recurrence: Recurrence = Recurrence()
    counts_toward_total: bool = True
    applies_if: tuple[str, ...] = ()
    delivery_required: frozenset[CreditFormat] | None = None
    effective_from: date | None = None
    provenance: Provenance | None = None


@dataclass(frozen=True)
class FormatCap:
    """At most ``max_hours`` (or ``max_share`` of the total required) from these formats."""

    formats: frozenset[CreditFormat]
    label: str
    max_hours: Decimal | None = None
    max_share: Decimal | None = None
    provenance: Provenance | None = None


@dataclass(frozen=True)
class Acceptance:
    """Approval bodies whose credit the board accepts (codes such as ``APA``, ``ASWB_ACE``).

    ``known`` False means nothing was researched: credits are then counted with a warning,
    not rejected, because refusing them would state a rule nobody verified.
    """

    bodies: frozenset[str]
    known: bool = True
    labels: Mapping[str, str] = field(default_factory=dict)
    provenance: tuple[Provenance, ...] = ()


@dataclass(frozen=True)
class CarryOver:
    max_hours: Decimal
    category_credit_carries: bool = False
    provenance: Provenance | None = None


@dataclass(frozen=True)
class FirstRenewal:
    """``mode``: ``exempt`` (no CE for the first renewal) | ``fixed_hours`` (``hours``) |
    ``full``."""

    mode: str
    hours: Decimal | None = None
    provenance: Provenance | None = None


@dataclass(frozen=True)
class RuleSet:
    """Everything one license type requires for the cycle that ends on a given date."""

    license_label: str
    total_hours: Decimal | None
    cycle: CycleRule
    hours: HourRule = HourRule()
    categories: tuple[CategoryRule, ...] = ()
    caps: tuple[FormatCap, ...] = ()
    acceptance: Acceptance = Acceptance(frozenset(), known=False)
    carry_over: CarryOver | None = None
    first_renewal: FirstRenewal | None = None
    total_provenance: tuple[Provenance, ...] = ()
    # Rules the engine does not compute (record keeping, provider-share checks, conditions it
    # cannot know): shown to the person so nothing researched is hidden.
    notes: tuple[Provenance, ...] = ()

    @property
    def provenances(self) -> tuple[Provenance, ...]:
        found: list[Provenance] = [*self.total_provenance, *self.cycle.provenance]
        found += self.hours.provenance
        found += [c.provenance for c in self.categories if c.provenance]
        found += [c.provenance for c in self.caps if c.provenance]
        found += self.acceptance.provenance
        for extra in (self.carry_over, self.first_renewal):
            if extra is not None and extra.provenance is not None:
                found.append(extra.provenance)
        found += self.notes
        unique: dict[str, Provenance] = {}
        for item in found:
            unique.setdefault(item.rule_id, item)
        return tuple(unique.values())


@dataclass(frozen=True)
class EarnedCredit:
    """One certificate's (or outside record's) hours as assigned to this license.

    ``allocations`` maps CE category codes to hours the person assigned to them (the rest of
    ``hours`` is general credit). ``bodies`` are the approval bodies that approved the activity.
    """

    key: str
    title: str
    completed_on: date
    hours: Decimal
    format: CreditFormat
    bodies: frozenset[str] = frozenset()
    provider: str = ""
    allocations: Mapping[str, Decimal] = field(default_factory=dict)


@dataclass(frozen=True)
class Window:
    start: date
    end: date

    def __contains__(self, day: date) -> bool:
        return self.start <= day <= self.end


@dataclass
class CreditLine:
    """What happened to one credit: counted hours, hours a cap left unused, or a rejection."""

    credit: EarnedCredit
    counted: Decimal = Decimal(0)
    over_cap: Decimal = Decimal(0)
    categories: dict[str, Decimal] = field(default_factory=dict)
    rejected_reason: str = ""

    @property
    def rejected(self) -> bool:
        return bool(self.rejected_reason)


@dataclass
class CategoryProgress:
    rule: CategoryRule
    earned: Decimal
    required: Decimal | None
    met: bool
    # One-time / every-N-years topics met by an earlier completion: when and by what.
    met_earlier_on: date | None = None
    met_earlier_by: str = ""
    applies: bool = True
    not_applicable_reason: str = ""

    @property
    def shortfall(self) -> Decimal:
        if self.met or self.required is None:
            return Decimal(0)
        return max(self.required - self.earned, Decimal(0))

    @property
    def percent(self) -> int:
        if self.met:
            return 100
        if not self.required:
            return 0
        return min(100, int(self.earned * 100 / self.required))


@dataclass
class CapUsage:
    cap: FormatCap
    limit: Decimal
    used: Decimal
    unused: Decimal  # eligible hours the cap kept from counting


@dataclass
class CycleReport:
    rules: RuleSet
    window: Window | None
    required: Decimal | None
    earned: Decimal  # counted in this cycle, after caps
    carry_in: Decimal
    carry_out: Decimal
    categories: list[CategoryProgress]
    caps: list[CapUsage]
    lines: list[CreditLine]
    warnings: list[str]
    exempt: bool = False
    cycle_basis: str = ""  # how the window was placed, in words: "your renewal date"
    cycle_warning: str = ""  # e.g. the renewal date is unknown or has passed

    @property
    def total(self) -> Decimal:
        return self.earned + self.carry_in

    @property
    def all_warnings(self) -> list[str]:
        return [self.cycle_warning, *self.warnings] if self.cycle_warning else list(self.warnings)

    @property
    def shortfall(self) -> Decimal:
        if self.required is None or self.exempt:
            return Decimal(0)
        return max(self.required - self.total, Decimal(0))

    @property
    def percent(self) -> int:
        if self.exempt:
            return 100
        if not self.required:
            return 0
        return min(100, int(self.total * 100 / self.required))

    @property
    def counted_lines(self) -> list[CreditLine]:
        return [line for line in self.lines if not line.rejected]

    @property
    def rejected_lines(self) -> list[CreditLine]:
        return [line for line in self.lines if line.rejected]

    @property
    def recurring(self) -> list[CategoryProgress]:
        return [c for c in self.categories if c.rule.recurrence.kind == "every_cycle"]

    @property
    def lifetime(self) -> list[CategoryProgress]:
        return [c for c in self.categories if c.rule.recurrence.kind != "every_cycle"]

    @property
    def met(self) -> bool:
        if self.exempt:
            return True
        if self.shortfall:
            return False
        return all(c.met for c in self.categories if c.applies)
