"""What a name cell says besides the name: Zoom's role markers, pronouns, and a rename.

A "Name (Original Name)" cell holds `New (Original)` after a rename, but a trailing bracket is
not always an original name. Zoom appends its own markers (`Andrea Rossi (Host)`, also after a
rename: `NEW ( Original ) (Host)`), and people put their pronouns in their display name
(`Cho Chang (she/her)`). Read as renames, these would show "renamed from she/her" and match
people by "Host". So, from the end of the cell:

1. Zoom's markers set the role or the guest flag and are removed;
2. pronoun groups are set aside (they stay part of the display name);
3. only then is `New (Original)` split, and an "original name" that is a marker or pronouns
   is not one.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from attendance.parsing.locales import GUEST_MARKER, HOST_MARKER, MARKERS, normal
from attendance.parsing.text import clean, split_rename, trailing_group
from attendance.parsing.types import HOST

# Words a pronoun group is made of. English ones count on their own in a group of one
# ("(they)"); the others and the short ones only inside a slashed set ("(per/pers)"), because
# "Per", "Em" or "Ella" on their own are first names.
_SUBJECTS = frozenset({"she", "he", "they", "xe", "ze", "zie", "fae", "ey"})
_ALONE = frozenset({"she", "he", "they", "him", "her", "them", "hers", "his", "theirs", "xe", "ze"})
_WORDS = frozenset(
    {
        *_SUBJECTS,
        "her",
        "hers",
        "herself",
        "him",
        "his",
        "himself",
        "them",
        "their",
        "theirs",
        "themself",
        "themselves",
        "xem",
        "xyr",
        "xyrs",
        "xir",
        "xirs",
        "zir",
        "zirs",
        "hir",
        "hirs",
        "em",
        "eir",
        "eirs",
        "faer",
        "faers",
        "ve",
        "ver",
        "vis",
        "per",
        "pers",
        "it",
        "its",
        "one",
        # Spanish, Italian, German, French, Portuguese sets such as "ella/la", "sie/ihr".
        "ella",
        "él",
        "el",
        "elle",
        "ellas",
        "ellos",
        "elles",
        "la",
        "lo",
        "le",
        "lei",
        "lui",
        "loro",
        "sie",
        "ihr",
        "ihm",
        "ihn",
        "er",
        "dey",
        "denen",
        "il",
        "iel",
        "ela",
        "ele",
        "elu",
        "dela",
        "dele",
        "delu",
    }
)
# Words that make a group about pronouns when it also names them ("any pronouns",
# "ask me my pronouns", "all pronouns").
_FILLERS = frozenset({"any", "all", "no", "none", "ask", "me", "my", "use", "name", "only", "or"})
_PRONOUN_WORDS = frozenset({"pronoun", "pronouns"})
_SPLIT = re.compile(r"[\s/,|&+]+")


class Name(NamedTuple):
    name: str  # the display name, pronouns kept, Zoom's markers removed
    original: str  # the name before a rename ("" when there was none)
    role: str  # HOST when Zoom marked the row as the host or a co-host, else ""
    guest: bool  # Zoom marked the row as a guest


def read_name(text: str, *, renames: bool) -> Name:
    """The parts of a participant's name cell (`renames`: the column is "Name (Original Name)")."""
    name = text.strip() if text.isascii() else clean(text)
    if not name.endswith(")"):
        return Name(name, "", "", False)
    whole = name
    role = ""
    guest = False
    pronouns: list[str] = []
    # Markers and pronoun groups may follow each other in either order.
    while name.endswith(")"):
        group = trailing_group(name)
        if group is None:
            break
        start, content = group
        kinds = _markers(content)
        if kinds is not None:
            role = HOST if HOST_MARKER in kinds else role
            guest = guest or GUEST_MARKER in kinds
        elif start > 0 and is_pronouns(content):
            pronouns.insert(0, name[start:])
        else:
            break
        name = name[:start].rstrip()
    original = ""
    if renames and name.endswith(")"):
        base, found = split_rename(name)
        if found and is_real_name(found):
            name, original = base, found
    if pronouns:
        name = " ".join([name, *pronouns]) if name else " ".join(pronouns)
    return Name(name or whole, original, role, guest)


def is_pronouns(text: str) -> bool:
    """Whether a bracket's content is a pronoun group: "she/her", "They/Them", "any pronouns"."""
    words = [word for word in _SPLIT.split(text.strip().casefold()) if word]
    if not words:
        return False
    if any(word in _PRONOUN_WORDS for word in words):
        return all(word in _WORDS or word in _FILLERS or word in _PRONOUN_WORDS for word in words)
    if len(words) == 1:
        return words[0] in _ALONE
    return "/" in text and all(word in _WORDS for word in words)


def is_real_name(text: str) -> bool:
    """Whether an "original name" can be one: not Zoom's marker and not pronouns.

    A number is one: a dial-in who renamed themselves keeps the caller's number as original.
    """
    return _markers(text) is None and not is_pronouns(text)


def _markers(text: str) -> set[str] | None:
    """The kinds of Zoom marker a bracket holds ("Host", "Co-host, Guest"), or None if any
    part of it is not a marker."""
    kinds = set()
    for part in text.split(","):
        kind = MARKERS.get(normal(part))
        if kind is None:
            return None
        kinds.add(kind)
    return kinds
