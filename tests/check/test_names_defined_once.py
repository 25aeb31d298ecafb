"""Shared names are defined in one module, so two stages cannot drift apart on a constant or a basis."""

from __future__ import annotations

import ast
from pathlib import Path

import fscxl
from fscxl.model.periods import BASES

PACKAGE = Path(fscxl.__file__).parent


def modules():
    """Each module of the package as (path inside the package, parsed tree)."""
    for path in sorted(PACKAGE.rglob("*.py")):
        yield path.relative_to(PACKAGE).as_posix(), ast.parse(path.read_text(encoding="utf-8"))


def test_shared_constants_are_defined_once():
    defined: dict[str, list[str]] = {}
    for name, tree in modules():
        for node in tree.body:
            targets = node.targets if isinstance(node, ast.Assign) else \
                [node.target] if isinstance(node, ast.AnnAssign) else []
            for target in targets:
                if isinstance(target, ast.Name):
                    defined.setdefault(target.id, []).append(name)
    assert defined["ERROR"] == defined["WARNING"] == ["model/problems.py"]
    assert defined["HISTORY_MONTHS"] == ["compute/results.py"]
    assert "STRIP_MONTHS" not in defined  # the scorecard and dashboard strips are HISTORY_MONTHS long


def test_basis_names_are_spelt_only_in_periods():
    spelt = set()
    for name, tree in modules():
        if name == "model/periods.py":
            continue
        for node in ast.walk(tree):
            if isinstance(node, ast.Dict):
                spelt |= {(name, key.value) for key in node.keys
                          if isinstance(key, ast.Constant) and key.value in BASES}
    assert not spelt
