"""Placing connections: which registrant each row belongs to (pure; no database).

Order, per credit rule 5: the registrant ID of the personal join link, then any verified email
address of the account (case folded), then the name, when exactly one registrant has it. Phone
rows are placed by the profile phone number only when exactly one registrant's number fits.
Everything else stays unplaced for staff (or the attendee's own dial-in claim). Hosts and
panelists are never attendees. One row places at most one registrant.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from attendance.parsing.types import ATTENDEE

REGISTRANT_ID = "registrant_id"
EMAIL = "email"
NAME = "name"
PHONE_PROFILE = "phone_profile"
RENAME_SUFFIX = re.compile(r"\s*\([^()]*\)\s*$")


@lru_cache(maxsize=65536)
def normalise_name(name: str) -> str:
    """Fold what people and Zoom change about a name: case, accents, spaces, rename suffix."""
    name = RENAME_SUFFIX.sub("", name or "")
    decomposed = unicodedata.normalize("NFKD", name)
    without_accents = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(without_accents.casefold().replace(".", " ").split())


@dataclass(frozen=True)
class Registrant:
    registration_id: int
    registrant_id: str
    emails: frozenset[str]
    name: str
    phone_digits: str = ""

    @property
    def name_key(self) -> str:
        return normalise_name(self.name)


@dataclass(frozen=True)
class Row:
    """What matching needs of a connection row."""

    key: int  # the caller's handle for the row
    name: str
    original_name: str
    email: str
    registrant_id: str
    role: str
    is_phone: bool
    phone_digits: str


@dataclass
class Placement:
    placed: dict[int, tuple[int, str]] = field(default_factory=dict)  # row key → (reg id, method)
    unplaced: list[int] = field(default_factory=list)
    not_attendees: list[int] = field(default_factory=list)


def place(rows: Iterable[Row], registrants: Sequence[Registrant]) -> Placement:
    by_registrant_id = {r.registrant_id: r for r in registrants if r.registrant_id}
    by_email: dict[str, list[Registrant]] = defaultdict(list)
    by_name: dict[str, list[Registrant]] = defaultdict(list)
    by_phone_end: dict[str, list[Registrant]] = defaultdict(list)
    for registrant in registrants:
        for address in registrant.emails:
            by_email[address.casefold()].append(registrant)
        if registrant.name_key:
            by_name[registrant.name_key].append(registrant)
        if len(registrant.phone_digits) >= 4:
            by_phone_end[registrant.phone_digits[-4:]].append(registrant)

    placement = Placement()
    for row in rows:
        if row.role != ATTENDEE:
            placement.not_attendees.append(row.key)
            # A promoted attendee (or a presenter who registered) keeps their own identity:
            # placed by personal link or email only, never by a name a presenter may share.
            found = _find_strong(row, by_registrant_id, by_email)
            if found is not None:
                placement.placed[row.key] = found
            continue
        found = _find(row, by_registrant_id, by_email, by_name, by_phone_end)
        if found is None:
            placement.unplaced.append(row.key)
        else:
            placement.placed[row.key] = found
    return placement


def _find_strong(
    row: Row, by_registrant_id: dict[str, Registrant], by_email: dict[str, list[Registrant]]
) -> tuple[int, str] | None:
    if row.registrant_id and row.registrant_id in by_registrant_id:
        return by_registrant_id[row.registrant_id].registration_id, REGISTRANT_ID
    if row.email:
        owners = by_email.get(row.email.casefold(), [])
        if len(owners) == 1:
            return owners[0].registration_id, EMAIL
    return None


def _find(
    row: Row,
    by_registrant_id: dict[str, Registrant],
    by_email: dict[str, list[Registrant]],
    by_name: dict[str, list[Registrant]],
    by_phone_end: dict[str, list[Registrant]],
) -> tuple[int, str] | None:
    strong = _find_strong(row, by_registrant_id, by_email)
    if strong is not None:
        return strong
    if row.is_phone:
        # A phone row's "name" is a number or "Call-in User": never a person's name.
        # Attendees identify themselves by the last 4 digits; masked numbers show little more.
        owners = by_phone_end.get(row.phone_digits[-4:], []) if len(row.phone_digits) >= 4 else []
        if len(owners) == 1:
            return owners[0].registration_id, PHONE_PROFILE
        return None
    for name in (row.name, row.original_name):
        owners = by_name.get(normalise_name(name), []) if name else []
        if len(owners) == 1:
            return owners[0].registration_id, NAME
    return None
