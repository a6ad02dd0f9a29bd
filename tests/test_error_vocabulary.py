"""One vocabulary each: every refusal's code is a member of an app's `ErrorCode` enum.

(a) No DomainError or ReportError outside the tests is built with a literal code.
(b) Every code of every vocabulary is asserted somewhere in the tests.
(c) No two vocabularies give one value two meanings: a code several apps raise has one home and
    is re-exported from there (the same member, never a second one or a bare string).
"""

from __future__ import annotations

import ast
import enum
import importlib
import re
from collections import defaultdict
from collections.abc import Iterator
from functools import cache
from pathlib import Path

from core.errors import ErrorCode

ROOT = Path(__file__).resolve().parents[1]
THIS = Path(__file__).resolve()
VOCABULARIES = [
    "core.errors",
    "accounts.errors",
    "licensing.errors",
    "events.errors",
    "meetings.errors",
    "attendance.errors",
    "attendance.parsing.codes",
    "evaluations.errors",
    "certificates.errors",
    "tracker.errors",
    "operations.errors",
    "api.codes",
]
ERROR_BASES = {"DomainError", "ReportError"}
SKIPPED_DIRECTORIES = {".venv", ".git", "node_modules", "var", "migrations", "__pycache__"}


def _python_files() -> Iterator[Path]:
    for path in sorted(ROOT.rglob("*.py")):
        parts = set(path.relative_to(ROOT).parts[:-1])
        if parts & SKIPPED_DIRECTORIES or any(p.startswith(".") for p in parts):
            continue
        yield path


def _is_test(path: Path) -> bool:
    return (
        "tests" in path.relative_to(ROOT).parts
        or path.name.startswith("test_")
        or path.name == "conftest.py"
    )


@cache
def _trees() -> dict[Path, ast.Module]:
    return {
        path: ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for path in _python_files()
        if not _is_test(path)
    }


def _name(node: ast.expr) -> str:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        return node.attr
    return ""


def _error_classes() -> set[str]:
    """DomainError, ReportError and every class derived from them in the source."""
    known = set(ERROR_BASES)
    classes = [
        node
        for tree in _trees().values()
        for node in ast.walk(tree)
        if isinstance(node, ast.ClassDef)
    ]
    grew = True
    while grew:
        grew = False
        for node in classes:
            if node.name not in known and any(_name(base) in known for base in node.bases):
                known.add(node.name)
                grew = True
    return known


def _is_literal(node: ast.expr | None) -> bool:
    return isinstance(node, ast.JoinedStr) or (
        isinstance(node, ast.Constant) and isinstance(node.value, str)
    )


def _code_argument(call: ast.Call) -> ast.expr | None:
    if call.args:
        return call.args[0]
    return next((k.value for k in call.keywords if k.arg == "code"), None)


def _literal_codes() -> Iterator[str]:
    error_classes = _error_classes()
    for path, tree in _trees().items():
        where = path.relative_to(ROOT)
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.Call)
                and _name(node.func) in error_classes
                and _is_literal(_code_argument(node))
            ):
                yield f"{where}:{node.lineno} {ast.unparse(node)[:80]}"
            # super().__init__("code", ...) in a subclass of an error.
            if isinstance(node, ast.ClassDef) and any(
                _name(base) in error_classes for base in node.bases
            ):
                for call in ast.walk(node):
                    if (
                        isinstance(call, ast.Call)
                        and isinstance(call.func, ast.Attribute)
                        and call.func.attr == "__init__"
                        and isinstance(call.func.value, ast.Call)
                        and _name(call.func.value.func) == "super"
                        and _is_literal(_code_argument(call))
                    ):
                        yield f"{where}:{call.lineno} {ast.unparse(call)[:80]}"


def _vocabularies() -> list[type[ErrorCode]]:
    modules = [importlib.import_module(name) for name in VOCABULARIES]
    found: dict[str, type[ErrorCode]] = {}
    for module in modules:
        for value in vars(module).values():
            if isinstance(value, type) and issubclass(value, ErrorCode) and value is not ErrorCode:
                found[f"{value.__module__}.{value.__qualname__}"] = value
    return list(found.values())


def _all_subclasses(cls: type) -> Iterator[type]:
    for sub in cls.__subclasses__():
        yield sub
        yield from _all_subclasses(sub)


def _is_test_module(name: str) -> bool:
    parts = name.split(".")
    return "tests" in parts or parts[-1].startswith("test_")


def _test_text() -> str:
    return "\n".join(
        path.read_text(encoding="utf-8")
        for path in _python_files()
        if _is_test(path) and path.resolve() != THIS
    )


def test_no_error_is_built_with_a_literal_code():
    found = list(_literal_codes())
    assert not found, "Use a vocabulary member (see core/errors.py) instead of:\n" + "\n".join(
        found
    )


def test_the_literal_code_check_sees_what_it_must():
    tree = ast.parse(
        "class Refused(DomainError):\n"
        "    def __init__(self):\n"
        "        super().__init__('gone', 'Gone.')\n"
        "raise DomainError('late', 'Too late.')\n"
        "raise ReportError(code=f'bad', message='Bad.')\n"
        "raise EventCode.EVENT_FULL.error()\n"
    )
    calls = [n for n in ast.walk(tree) if isinstance(n, ast.Call)]
    literal = sorted(ast.unparse(c)[:16] for c in calls if _is_literal(_code_argument(c)))
    assert literal == ["DomainError('lat", "ReportError(code", "super().__init__"]


def test_every_vocabulary_is_listed():
    vocabularies = set(_vocabularies())
    defined = {cls for cls in _all_subclasses(ErrorCode) if cls.__module__ in VOCABULARIES}
    assert vocabularies == defined
    strays = [
        f"{cls.__module__}.{cls.__qualname__}"
        for cls in _all_subclasses(ErrorCode)
        if cls.__module__ not in VOCABULARIES and not _is_test_module(cls.__module__)
    ]
    assert not strays, f"add these vocabularies to VOCABULARIES: {strays}"


def test_every_code_is_asserted_by_a_test():
    text = _test_text()
    unasserted = []
    for vocabulary in _vocabularies():
        for member in vocabulary:
            spellings = [f'"{member.value}"', f"'{member.value}'"]
            named = rf"\b({vocabulary.__name__}|codes)\.{member.name}\b"
            if not any(s in text for s in spellings) and not re.search(named, text):
                unasserted.append(f"{vocabulary.__name__}.{member.name} ({member.value})")
    assert not unasserted, "no test asserts these codes:\n" + "\n".join(unasserted)


def test_no_value_has_two_homes():
    homes: dict[str, list[str]] = defaultdict(list)
    for vocabulary in _vocabularies():
        assert len(vocabulary.__members__) == len(vocabulary), (
            f"{vocabulary.__name__} gives one value two names (an alias): use one"
        )
        for member in vocabulary:
            homes[member.value].append(f"{vocabulary.__name__}.{member.name}")
    shared = {value: where for value, where in homes.items() if len(where) > 1}
    assert not shared, (
        f"one member per code; re-export it from its home instead of redefining it: {shared}"
    )


def test_re_exports_are_the_members_themselves():
    """A vocabulary module's other constants that spell a code must be that code's member."""
    members = {member.value: member for v in _vocabularies() for member in v}
    copies = []
    for name in VOCABULARIES:
        module = importlib.import_module(name)
        for attribute, value in vars(module).items():
            if isinstance(value, str) and value in members and value is not members[value]:
                copies.append(f"{name}.{attribute} = {value!r}")
    assert not copies, f"re-export the member instead of a copy of its value: {copies}"


def test_every_message_is_plain_language():
    codes = {member.value for v in _vocabularies() for member in v if "_" in member.value}
    for vocabulary in _vocabularies():
        for member in vocabulary:
            assert member.message.strip(), member
            words = set(re.findall(r"[a-z0-9]+(?:_[a-z0-9]+)+", member.message))
            assert not words & codes, f"{member!r} shows a code to people: {member.message!r}"


def test_a_member_is_its_plain_code():
    class Sample(ErrorCode):
        LATE = "late", "It is {when} too late."

    error = Sample.LATE.error(field="start", when="an hour")
    assert error.code == "late" and f"{error.code}" == "late" and str(error.code) == "late"
    assert isinstance(Sample.LATE, enum.Enum)
    assert (error.message, error.field) == ("It is an hour too late.", "start")
    override = Sample.LATE.error("Far too late {exactly}.")  # no params: left as written
    assert override.message == "Far too late {exactly}."
