"""The README's new-year procedure adds next year's returns and targets without touching this year's."""

from __future__ import annotations

import shutil
import warnings
from pathlib import Path

import openpyxl
import pytest
from contract_helpers import invoke

ROOT = Path(__file__).resolve().parents[2]


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.mark.slow  # writes every template and runs the year's inputs
def test_next_years_returns_and_targets_go_in_beside_this_years(tmp_path):
    inputs = tmp_path / "inputs"
    shutil.copytree(ROOT / "inputs", inputs)
    assert invoke("run", "--inputs", inputs, "--outputs", tmp_path / "before").exit_code == 0
    this_year = _snapshot(inputs / "returns")

    # 1. templates into a folder of their own
    made = invoke("templates", "--year", "2013/14", "--inputs", inputs, "--out", tmp_path / "new-year")
    assert made.exit_code == 0, made.output
    # 2. next year's returns into inputs/returns/2013-14/
    shutil.move(tmp_path / "new-year" / "returns", inputs / "returns" / "2013-14")
    # 3. the new Targets rows pasted below this year's
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # openpyxl does not know every extension Excel writes
        new = openpyxl.load_workbook(tmp_path / "new-year" / "measures.xlsx")
        catalogue = openpyxl.load_workbook(inputs / "measures.xlsx")
    rows = [row for row in new["Targets"].iter_rows(min_row=2, values_only=True) if row[0]]
    assert rows and {row[1] for row in rows} == {"2013/14"}
    for row in rows:
        catalogue["Targets"].append(list(row))
    catalogue.save(inputs / "measures.xlsx")

    # 4. validate: no errors, and a run still reports this year as before
    checked = invoke("validate", "--inputs", inputs, "--outputs", tmp_path / "check")
    assert checked.exit_code == 0, checked.output
    assert invoke("run", "--inputs", inputs, "--outputs", tmp_path / "after").exit_code == 0
    assert (tmp_path / "after" / "2012-05" / "results.csv").read_bytes() == \
        (tmp_path / "before" / "2012-05" / "results.csv").read_bytes()
    assert {k: v for k, v in _snapshot(inputs / "returns").items() if not k.startswith("2013-14/")} == this_year
