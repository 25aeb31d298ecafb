"""What validate prints, as contract section 8 and the messages promise.

Every problem names workbook, sheet and cell where there is one, says what was found
and how to fix it; errors come first, grouped by workbook; the validation report lists
the same problems with links; nothing printed is a Python repr.
"""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest
from builders import measure, target, write_catalogue, write_return, write_sheet
from contract_helpers import clean, reported_problems

from fscxl.pipeline import validate

ROOT = Path(__file__).resolve().parents[2]


# --- what validate prints ---------------------------------------------------------------------

def messy_inputs(root: Path) -> Path:
    """Problems of every kind across every input workbook."""
    inputs = root / "inputs"
    write_catalogue(inputs / "measures.xlsx",
                    [measure("P1"), measure("P1"), measure("U1", unit="Percent"), measure("B1", polarity="Band"),
                     measure("M1", numerator="MISSING", denominator=None, unit="Number"),
                     measure("D1", decimals=9)],
                    [target("B1", target=5), target("ZZ", target=1), target("P1", year="next year"),
                     target("P1", target="lots")])
    write_return(inputs / "returns" / "a.xlsx",
                 {"NUM": [8, "n/a", -3, " 12", "1,234"] + [8] * 9, "DEN": [10] * 14})
    write_return(inputs / "returns" / "sub" / "b.xlsx", {"NUM": [None] * 13 + [8]})
    book = openpyxl.Workbook()
    book.active["A1"] = "nothing here"
    book.save(inputs / "returns" / "empty.xlsx")
    book = openpyxl.Workbook()
    write_sheet(book, "Measures", [["Ref", "Month", "Commentary"], ["QQ", "May-12", "x"], ["P1", "Maybe", "y"]],
                first=True)
    write_sheet(book, "Areas", [["Scorecard", "Area", "Month", "Commentary"],
                                ["Nobody", "Outcomes", "May-12", "Lost words"],
                                ["children", "OUTCOMES ", "May-12", "Kept words"]])
    book.save(inputs / "commentary.xlsx")
    book = openpyxl.Workbook()
    write_sheet(book, "Actions", [["Ref", "Business plan", "Action", "Owner", "Due date", "Status",
                                   "Revised date", "Commentary"],
                                  ["BP1", "Plan", "Act", "Me", None, "Slipping", None, ""]], first=True)
    book.save(inputs / "business_plan.xlsx")
    return inputs


def test_validate_groups_errors_first_by_workbook_and_the_report_lists_the_same(tmp_path, cli):
    inputs = messy_inputs(tmp_path)
    result = clean(cli("validate", "--inputs", inputs, "--outputs", tmp_path / "out"))
    assert result.exit_code == 1
    problems = validate(inputs).sorted()
    errors = [p for p in problems if p.is_error]
    warnings = [p for p in problems if not p.is_error]
    assert len(errors) >= 10 and len(warnings) >= 4
    text = result.output
    assert text.index(f"Errors ({len(errors)}):") < text.index(f"Warnings ({len(warnings)}):")
    for title, group in (("Errors", errors), ("Warnings", warnings)):
        section = text.split(f"{title} (")[1].split("Warnings (")[0] if title == "Errors" else \
            text.split("Warnings (")[1]
        headings = [line.strip() for line in section.splitlines() if line.startswith("  ") and
                    not line.startswith("    ")]
        assert len(headings) == len(set(headings)), headings  # each workbook once: grouped
        assert set(headings) == {p.workbook or "General" for p in group}
        assert section.count("\n    - ") == len(group)
    for problem in problems:
        line = next(x for x in text.splitlines() if problem.found in x)
        if problem.sheet:
            assert f"sheet '{problem.sheet}'" in line, line
        if problem.cell:
            assert f"cell {problem.cell}" in line, line
        assert problem.fix, problem  # how to fix it, every time
    # the validation report lists the same problems, each with a cell linked to it
    sheet = openpyxl.load_workbook(tmp_path / "out" / "validation_report.xlsx").active
    rows = list(sheet.iter_rows(values_only=True))
    header = rows.index(("Severity", "Code", "Workbook", "Sheet", "Cell", "What was found", "How to fix it"))
    listed = [r for r in rows[header + 1:] if r[0]]
    assert [(r[0], r[1] or "", r[2] or "", r[3] or "", r[4] or "", r[5]) for r in listed] == [
        ("Error" if p.is_error else "Warning", p.code, p.workbook, p.sheet, p.cell, p.found) for p in problems]
    linked = {c.row for c in sheet["E"] if c.hyperlink is not None}
    for offset, problem in enumerate(problems, start=header + 2):
        if problem.cell:
            assert offset in linked, problem


def test_area_commentary_for_an_area_no_scorecard_has_is_a_warning_naming_the_cell(tmp_path, cli):
    inputs = messy_inputs(tmp_path)
    result = clean(cli("validate", "--inputs", inputs, "--outputs", tmp_path / "out"))
    assert "commentary.xlsx" in result.output
    [line] = [x for x in result.output.splitlines() if "'Nobody'" in x]
    assert "sheet 'Areas', cell B2" in line
    assert ("XIN03", "commentary.xlsx", "Areas", "B2") in reported_problems(tmp_path / "out")
    assert "OUTCOMES" not in result.output  # a difference of case and spaces is the same area


@pytest.mark.slow
def test_a_run_with_the_default_inputs_prints_no_repr_and_no_problem(tmp_path, cli):
    result = clean(cli("run", "--inputs", ROOT / "inputs", "--outputs", tmp_path / "out"))
    assert result.exit_code == 0
    assert "0 error(s), 0 warning(s)" in result.output
