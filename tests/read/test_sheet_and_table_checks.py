"""Checks of a whole sheet or table: each problem named by its check's code and cell."""

from __future__ import annotations

import pytest
from hostile_files import RETURN_CELLS, raw_workbook, sheet_xml

from fscxl.model.problems import ProblemLog
from fscxl.read.business_plan import actions_from_sheets
from fscxl.read.commentary import commentary_from_sheets
from fscxl.read.returns import read_return_file
from fscxl.read.tables import read_table
from fscxl.read.xlsx import Grid

REQUIRED = ["Ref", "Month", "Commentary"]


@pytest.mark.parametrize("rows, code, cell", [
    ([["Notes only"], ["M1", "May-12", "Words"]], "TAB01", ""),  # no row with a Ref heading
    ([["Title"], ["Ref", "Month"], ["M1", "May-12"]], "TAB02", "A2"),  # Commentary missing
    ([["ref ", "COMMENTARY", "Month"], ["M1", "Words", "May-12"]], None, None),  # any case, any order
])
def test_a_table_needs_its_header_row_and_every_required_column(rows, code, cell):
    problems = ProblemLog()
    table = read_table(Grid("Measures", True, rows), "commentary.xlsx", REQUIRED, [], problems)
    if code is None:
        assert problems.problems == [] and [row.get("Ref") for row in table] == ["M1"]
    else:
        assert table is None
        assert [(p.code, p.workbook, p.sheet, p.cell) for p in problems.errors] == [
            (code, "commentary.xlsx", "Measures", cell)]


def test_commentary_without_its_sheets_is_a_warning():
    problems = ProblemLog()
    commentary = commentary_from_sheets([Grid("Sheet1", True, [["Ref"]])], "commentary.xlsx", problems)
    assert commentary.measures == {} and commentary.areas == {}
    assert [(p.code, p.workbook) for p in problems.warnings] == [("COM01", "commentary.xlsx")]
    assert not problems.errors


def test_a_business_plan_without_an_actions_sheet_is_an_error():
    problems = ProblemLog()
    assert actions_from_sheets([Grid("Plan", True, [["Ref"]])], "business_plan.xlsx", problems) is None
    assert [(p.code, p.workbook) for p in problems.errors] == [("PLN01", "business_plan.xlsx")]


def test_a_sheet_laid_out_too_large_to_bound_is_rejected_by_its_check(tmp_path):
    far_row = '<row r="1048576"><c><v>1</v></c></row>'  # no cell reference: only the row places it
    path = raw_workbook(tmp_path / "wide.xlsx", sheet_xml(RETURN_CELLS + far_row))
    outcome = read_return_file((path, "returns/wide.xlsx"))
    assert not outcome.read
    assert [(p.severity, p.code, p.workbook) for p in outcome.problems] == [("error", "FILE11", "returns/wide.xlsx")]
