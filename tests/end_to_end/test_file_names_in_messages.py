"""Review fixes: messages name the files as officers spelt them, and the drafted words say what they compare."""

from __future__ import annotations

import openpyxl
from render_inputs import build_inputs

from fscxl.pipeline import run


def test_warnings_name_the_catalogue_and_commentary_as_spelt_in_the_inputs_folder(tmp_path):
    inputs = build_inputs(tmp_path)
    book = openpyxl.load_workbook(inputs / "measures.xlsx")
    targets = book["Targets"]
    targets.delete_rows(next(c.row for c in targets["A"] if c.value == "CH30"))  # CH30 has no targets
    book.save(inputs / "Measures.xlsx")
    (inputs / "measures.xlsx").unlink()
    (inputs / "commentary.xlsx").rename(inputs / "Commentary.xlsx")
    summary = run(inputs, tmp_path / "outputs")
    no_targets = [p for p in summary.problems.warnings if p.code == "FIG01"]
    no_commentary = [p for p in summary.problems.warnings if p.code == "XIN04"]
    assert no_targets and no_commentary
    assert {p.workbook for p in no_targets} == {"Measures.xlsx"}
    assert {p.workbook for p in no_commentary} == {"Commentary.xlsx"}
    assert all(p.fix.endswith("Measures sheet of Commentary.xlsx.") for p in no_commentary)


def _modules():
    import ast
    from pathlib import Path

    import fscxl

    root = Path(fscxl.__file__).parent
    for path in sorted(root.rglob("*.py")):
        yield path.relative_to(root).as_posix(), ast.parse(path.read_text(encoding="utf-8"))


def test_shared_constants_are_defined_once():
    import ast

    defined: dict[str, list[str]] = {}
    for name, tree in _modules():
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
    import ast

    from fscxl.model.periods import BASES

    spelt = set()
    for name, tree in _modules():
        if name == "periods.py":
            continue
        for node in ast.walk(tree):
            if isinstance(node, ast.Dict):
                spelt |= {(name, key.value) for key in node.keys
                          if isinstance(key, ast.Constant) and key.value in BASES}
    assert not spelt
