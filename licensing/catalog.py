"""Loading the license catalog and the researched board rules from the project's data files.

`data/license-requirements.yaml` holds the rules exactly as researched (sources, as-of dates,
verified/unverified status; a verified rule carries the citation of the board's own law and its
official address, and research leads stay in `admin_note`); `data/catalog.yaml` names the
boards, license types, approval bodies and CE categories and points into the rules by id.
Loading is idempotent (a second run changes nothing) and atomic (a malformed file stores
nothing).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from django.db import transaction

from licensing.errors import LicensingCode
from licensing.models import (
    UNVERIFIED,
    VERIFIED,
    ApprovalBody,
    Board,
    CECategory,
    LicenseType,
    Profession,
    RequirementRule,
)
from licensing.sources import is_official

DATA_DIR = Path(__file__).resolve().parent / "data"
REQUIREMENTS_FILE = DATA_DIR / "license-requirements.yaml"
CATALOG_FILE = DATA_DIR / "catalog.yaml"
ISO_DATE = re.compile(r"^(\d{4}-\d{2}-\d{2})")


@dataclass
class Tally:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    removed: int = 0

    def __str__(self) -> str:
        return (
            f"{self.created} created, {self.updated} updated, {self.unchanged} unchanged, "
            f"{self.removed} removed"
        )


@dataclass
class LoadSummary:
    tallies: dict[str, Tally] = field(default_factory=dict)

    def tally(self, name: str) -> Tally:
        return self.tallies.setdefault(name, Tally())

    @property
    def changed(self) -> bool:
        return any(t.created or t.updated or t.removed for t in self.tallies.values())

    def lines(self) -> list[str]:
        return [f"{name}: {tally}" for name, tally in self.tallies.items()]


def _jsonable(value: Any) -> Any:
    """YAML turns 2021-01-01 into a date; JSON columns need plain strings."""
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_jsonable(v) for v in value]
    return value


def _read_yaml(path: Path) -> Any:
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise LicensingCode.CATALOG_UNREADABLE.error(path=path, reason=exc.strerror) from exc
    try:
        return yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" at line {mark.line + 1}" if mark is not None else ""
        raise LicensingCode.CATALOG_MALFORMED.error(
            f"{path.name} is not valid YAML{where}: {exc}"
        ) from exc


def _require(entry: dict[str, Any], keys: list[str], what: str, path: Path) -> None:
    if not isinstance(entry, dict):
        raise LicensingCode.CATALOG_MALFORMED.error(f"{path.name}: every {what} must be a mapping.")
    missing = [key for key in keys if entry.get(key) in (None, "")]
    if missing:
        label = entry.get("id") or entry.get("code") or "?"
        raise LicensingCode.CATALOG_MALFORMED.error(
            f"{path.name}: {what} {label!r} is missing {', '.join(missing)}.",
        )


def _upsert(
    model: type,
    lookup: dict[str, Any],
    values: dict[str, Any],
    m2m: dict[str, list[Any]] | None = None,
) -> tuple[Any, str]:
    """Create or update one row (and its many-to-many sets); say which of the two happened."""
    obj = model.objects.filter(**lookup).first()
    if obj is None:
        obj = model.objects.create(**lookup, **values)
        for name, wanted in (m2m or {}).items():
            getattr(obj, name).set(wanted)
        return obj, "created"
    changed = [name for name, value in values.items() if getattr(obj, name) != value]
    if changed:
        for name in changed:
            setattr(obj, name, values[name])
        obj.save()
    for name, wanted in (m2m or {}).items():
        manager = getattr(obj, name)
        if set(manager.values_list("pk", flat=True)) != {item.pk for item in wanted}:
            manager.set(wanted)
            changed.append(name)
    return obj, "updated" if changed else "unchanged"


def _count(tally: Tally, outcome: str) -> None:
    setattr(tally, outcome, getattr(tally, outcome) + 1)


def _save(tally: Tally, *args: Any, **kwargs: Any) -> Any:
    obj, outcome = _upsert(*args, **kwargs)
    _count(tally, outcome)
    return obj


def _load_rules(data: Any, path: Path, summary: LoadSummary) -> dict[str, RequirementRule]:
    if not isinstance(data, dict) or not isinstance(data.get("requirements"), list):
        raise LicensingCode.CATALOG_MALFORMED.error(f"{path.name}: expected a 'requirements' list.")
    compiled = (data.get("meta") or {}).get("compiled")
    compiled_date = compiled if isinstance(compiled, dt.date) else None
    tally = summary.tally("requirement rules")
    seen: dict[str, RequirementRule] = {}
    for entry in data["requirements"]:
        _require(entry, ["id", "state", "licenses", "kind", "source", "status"], "rule", path)
        rule_id = str(entry["id"])
        if rule_id in seen:
            raise LicensingCode.CATALOG_MALFORMED.error(
                f"{path.name}: rule {rule_id!r} appears twice."
            )
        status = str(entry["status"])
        if status not in (VERIFIED, UNVERIFIED):
            raise LicensingCode.CATALOG_MALFORMED.error(
                f"{path.name}: rule {rule_id!r} has status {status!r}; "
                "expected verified or unverified.",
            )
        citation = str(entry.get("citation") or "").strip()
        if status == VERIFIED:
            accreditor = rule_id.startswith("BODY.")
            if not citation or not is_official(str(entry["source"]), accreditor=accreditor):
                raise LicensingCode.CATALOG_MALFORMED.error(
                    f"{path.name}: rule {rule_id!r} is verified, so it needs a citation and a "
                    "source on an official domain (see licensing.sources).",
                )
        as_of = str(_jsonable(entry.get("as_of", "")))
        date_match = ISO_DATE.match(as_of)
        kept = RequirementRule.objects.filter(rule_id=rule_id, edited_in_admin=True).first()
        if kept is not None:
            # Staff corrected this rule in the admin; their version stands until they clear
            # the flag.
            seen[rule_id] = kept
            _count(tally, "unchanged")
            continue
        value = entry.get("value")
        effective_from = value.get("effective_from") if isinstance(value, dict) else None
        seen[rule_id] = _save(
            tally,
            RequirementRule,
            {"rule_id": rule_id},
            {
                "state": str(entry["state"]),
                "licenses": [str(item) for item in entry["licenses"]],
                "kind": str(entry["kind"]),
                "value": _jsonable(entry.get("value")),
                "source_url": str(entry["source"]),
                "citation": citation,
                "admin_note": str(entry.get("admin_note") or "").strip(),
                "as_of": as_of,
                "as_of_date": dt.date.fromisoformat(date_match.group(1)) if date_match else None,
                "status": status,
                "evidence": str(entry.get("evidence", "")),
                "note": str(entry.get("note", "")),
                "dataset_compiled": compiled_date,
                "effective_from": effective_from if isinstance(effective_from, dt.date) else None,
            },
        )
    stale = RequirementRule.objects.exclude(rule_id__in=seen).exclude(edited_in_admin=True)
    tally.removed = stale.count()
    stale.delete()
    return seen


def _load_catalog(
    data: Any, path: Path, rules: dict[str, RequirementRule], summary: LoadSummary
) -> None:
    if not isinstance(data, dict):
        raise LicensingCode.CATALOG_MALFORMED.error(f"{path.name}: expected a mapping at the top.")
    for key in ("professions", "approval_bodies", "ce_categories", "boards"):
        if not isinstance(data.get(key), list):
            raise LicensingCode.CATALOG_MALFORMED.error(f"{path.name}: expected a '{key}' list.")

    professions = {}
    for entry in data["professions"]:
        _require(entry, ["code", "name"], "profession", path)
        professions[entry["code"]] = _save(
            summary.tally("professions"),
            Profession,
            {"code": entry["code"]},
            {"name": entry["name"]},
        )

    def profession(code: str, owner: str) -> Profession:
        if code not in professions:
            raise LicensingCode.CATALOG_MALFORMED.error(
                f"{path.name}: {owner} names unknown profession {code!r}."
            )
        return professions[code]

    bodies = {}
    tally = summary.tally("approval bodies")
    for entry in data["approval_bodies"]:
        _require(entry, ["code", "name", "kind"], "approval body", path)
        bodies[entry["code"]] = _save(
            tally,
            ApprovalBody,
            {"code": entry["code"]},
            {
                "name": entry["name"],
                "kind": entry["kind"],
                "aliases": [str(alias) for alias in entry.get("aliases") or []],
                "statement": str(entry.get("statement") or ""),
            },
            m2m={
                "professions": [
                    profession(code, entry["code"]) for code in entry.get("professions") or []
                ]
            },
        )

    for position, entry in enumerate(data["ce_categories"]):
        _require(entry, ["code", "name"], "CE category", path)
        _save(
            summary.tally("CE categories"),
            CECategory,
            {"code": entry["code"]},
            {
                "name": entry["name"],
                "requirement_codes": [str(c) for c in entry.get("requirement_codes") or []],
                "position": position,
            },
        )

    board_tally = summary.tally("boards")
    type_tally = summary.tally("license types")
    for entry in data["boards"]:
        _require(entry, ["code", "state", "name", "license_types"], "board", path)
        board = _save(
            board_tally,
            Board,
            {"code": entry["code"]},
            {
                "state": entry["state"],
                "name": entry["name"],
                "rule_prefixes": list(entry.get("rule_prefixes") or []),
            },
        )
        for item in entry["license_types"]:
            _require(item, ["code", "name", "profession"], f"license type of {board.code}", path)
            owner = f"{entry['state']} {item['code']}"
            for rule_id in [*(item.get("rules") or []), *(item.get("accepts_rules") or [])]:
                if rule_id not in rules:
                    raise LicensingCode.CATALOG_MALFORMED.error(
                        f"{path.name}: {owner} cites rule {rule_id!r}, "
                        "which is not in the requirements file.",
                    )
            unknown = [code for code in item.get("accepts") or [] if code not in bodies]
            if unknown:
                raise LicensingCode.CATALOG_MALFORMED.error(
                    f"{path.name}: {owner} accepts unknown approval bodies {', '.join(unknown)}.",
                )
            _save(
                type_tally,
                LicenseType,
                {"state": entry["state"], "code": item["code"]},
                {
                    "board": board,
                    "name": item["name"],
                    "profession": profession(item["profession"], owner),
                    "acceptance_rules": list(item.get("accepts_rules") or []),
                    "acceptance_status": item.get("accepts_status") or UNVERIFIED,
                },
                m2m={
                    "accepted_bodies": [bodies[code] for code in item.get("accepts") or []],
                    "rules": [rules[rule_id] for rule_id in item.get("rules") or []],
                },
            )


def load_catalog(
    requirements_path: Path = REQUIREMENTS_FILE, catalog_path: Path = CATALOG_FILE
) -> LoadSummary:
    """Bring the database in line with the two data files, in one transaction."""
    requirements = _read_yaml(requirements_path)
    catalog = _read_yaml(catalog_path)
    summary = LoadSummary()
    with transaction.atomic():
        rules = _load_rules(requirements, requirements_path, summary)
        _load_catalog(catalog, catalog_path, rules, summary)
    return summary
