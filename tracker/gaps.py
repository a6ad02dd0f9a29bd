"""From a license's shortfalls to the catalog: which of our CE categories would close them."""

from __future__ import annotations

from urllib.parse import urlencode

from django.urls import reverse

from credit.tracker.types import CycleReport
from licensing.models import CECategory, UserLicense


def short_categories(report: CycleReport, categories: list[CECategory]) -> list[CECategory]:
    """Our categories that satisfy a requirement still open in this cycle, in catalog order."""
    open_codes = {
        progress.rule.code
        for progress in report.categories
        if progress.applies and not progress.met
    }
    # Rule codes are our category codes once the rules are read; raw board words still match.
    return [c for c in categories if open_codes & {c.code, *(c.requirement_codes or [])}]


def gaps_url(license: UserLicense, report: CycleReport, categories: list[CECategory]) -> str:
    """The catalog of upcoming events that count for this license, narrowed to the categories
    still short (all categories when only general hours are missing)."""
    query: list[tuple[str, str | int]] = [("license", license.pk)]
    query += [("category", c.code) for c in short_categories(report, categories)]
    return f"{reverse('events:catalog')}?{urlencode(query)}"
