"""The parsers stay pure: standard library only, so no Django import reaches them."""

from __future__ import annotations

import ast
import sys
from pathlib import Path

import attendance.parsing
import core
import core.errors
import core.safejson

PACKAGE = Path(attendance.parsing.__file__).resolve().parent


def imported_top_level_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.add(node.module)
    return names


# Helpers outside the package that are themselves standard library only (checked below).
PURE_HELPERS = {
    "core.errors": Path(core.errors.__file__),  # the codes' vocabulary base
    "core.safejson": Path(core.safejson.__file__),
}


def test_parsing_modules_import_only_the_standard_library_and_the_parsing_package():
    modules = list(PACKAGE.glob("*.py"))
    assert len(modules) > 5
    for module in modules:
        for name in imported_top_level_modules(module):
            top = name.split(".")[0]
            allowed = (
                top in sys.stdlib_module_names
                or name.startswith("attendance.parsing")
                or name in PURE_HELPERS
            )
            assert allowed, f"{module.name} imports {name}"


def test_the_helpers_the_parsers_use_import_only_the_standard_library():
    for helper, path in PURE_HELPERS.items():
        for name in imported_top_level_modules(path):
            assert name.split(".")[0] in sys.stdlib_module_names, f"{helper} imports {name}"
    assert Path(core.__file__).read_text().strip() == "", "core/__init__.py must stay empty"
