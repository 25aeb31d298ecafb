"""Messages name the input files as officers spelt them in the inputs folder."""

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
