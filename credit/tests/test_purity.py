"""The rule core must stay importable without Django (design brief: one pure module)."""

from __future__ import annotations

import ast
import sys
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent


def imported_top_level_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.add(node.module.split(".")[0])
    return names


def test_rule_modules_import_only_the_standard_library_and_themselves() -> None:
    allowed = set(sys.stdlib_module_names) | {"credit"}
    rule_modules = list(PACKAGE.rglob("*.py"))
    rule_modules = [m for m in rule_modules if "tests" not in m.parts]
    assert rule_modules
    for module in rule_modules:
        assert imported_top_level_modules(module) <= allowed, module.name
