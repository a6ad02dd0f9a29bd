"""CE tracker benchmark: reading every license type's researched rules, and evaluating a
renewal cycle for a long career's worth of credits.

Builds the rule sets straight from the data files (no database), then evaluates each license
type against 400 credits spread over 20 years (a quarter self-study, most with a category).
Prints the time per rule set and per evaluation. Printed, never asserted.

    python -m bench.tracker [--credits N]
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from credit.tracker.cycles import window_ending  # noqa: E402
from credit.tracker.evaluate import evaluate_cycle  # noqa: E402
from credit.tracker.interpret import RawRule, build_ruleset  # noqa: E402
from credit.tracker.types import Acceptance, CreditFormat, EarnedCredit, Provenance  # noqa: E402

DATA = ROOT / "licensing" / "data"
RENEWAL = date(2026, 11, 30)


def load() -> tuple[dict, dict, list]:
    rules = yaml.safe_load((DATA / "license-requirements.yaml").read_text(encoding="utf-8"))
    catalog = yaml.safe_load((DATA / "catalog.yaml").read_text(encoding="utf-8"))
    by_id = {item["id"]: item for item in rules["requirements"]}
    codes: dict[str, tuple[str, str]] = {}
    for category in catalog["ce_categories"]:
        codes[category["code"]] = (category["code"], category["name"])
        for word in category["requirement_codes"]:
            codes[word] = (category["code"], category["name"])
    types = [
        (board["state"], license_type)
        for board in catalog["boards"]
        for license_type in board["license_types"]
    ]
    return by_id, codes, types


def raw(item: dict) -> RawRule:
    provenance = Provenance(
        item["id"], item["source"], str(item["as_of"]), item["status"] == "verified"
    )
    return RawRule(item["id"], item["kind"], item["value"], provenance)


def credits(count: int, categories: list[str], bodies: list[str]) -> list[EarnedCredit]:
    rng = random.Random(7)
    formats = [CreditFormat.LIVE_ONLINE, CreditFormat.IN_PERSON, CreditFormat.SELF_STUDY]
    made = []
    for n in range(count):
        hours = Decimal(rng.choice(["1", "1.5", "2", "3", "6"]))
        category = rng.choice([*categories, None])
        made.append(
            EarnedCredit(
                key=f"c{n}",
                title=f"Course {n}",
                completed_on=RENEWAL - timedelta(days=rng.randrange(20 * 365)),
                hours=hours,
                format=formats[min(n % 4, 2)],
                bodies=frozenset({rng.choice(bodies)}),
                allocations={category: hours} if category else {},
            )
        )
    return made


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--credits", type=int, default=400)
    args = parser.parse_args()
    by_id, codes, types = load()

    started = time.perf_counter()
    rulesets = []
    for state, license_type in types:
        rulesets.append(
            build_ruleset(
                f"{state} {license_type['code']}",
                [raw(by_id[rule_id]) for rule_id in license_type["rules"]],
                category_codes=codes,
                acceptance=Acceptance(
                    frozenset(license_type["accepts"]), known=bool(license_type["accepts"])
                ),
                reference_date=RENEWAL,
            )
        )
    read_seconds = time.perf_counter() - started

    categories = sorted({code for code, _ in codes.values()})
    history = credits(args.credits, categories, ["APA", "ASWB_ACE", "NBCC", "NAADAC", "NY_SED"])
    started = time.perf_counter()
    for rules in rulesets:
        window = window_ending(RENEWAL, rules.cycle.length_months or 24)
        evaluate_cycle(rules, window, history, carry_in=Decimal(2))
    evaluate_seconds = time.perf_counter() - started

    count = len(rulesets)
    print(f"CE tracker: {count} license types, {args.credits} credits over 20 years each")
    print(
        f"  read rules:  {read_seconds * 1000:8.1f} ms  ({read_seconds / count * 1e6:7.0f} µs/type)"
    )
    print(
        f"  evaluate:    {evaluate_seconds * 1000:8.1f} ms  "
        f"({evaluate_seconds / count * 1000:7.2f} ms/license)"
    )


if __name__ == "__main__":
    main()
