"""Contract section 8 and the messages: `fscxl templates` at its edges, and what validate prints.

Every problem names workbook, sheet and cell where there is one, says what was found
and how to fix it; errors come first, grouped by workbook; the validation report lists
the same problems with links; nothing printed is a Python repr.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import openpyxl
import pytest
from builders import measure, target, write_catalogue, write_return, write_sheet
from contract_helpers import inputs_with, invoke

from fscxl.pipeline import validate

ROOT = Path(__file__).resolve().parents[1]
REPR_MARKERS = re.compile(r"Decimal\(|Month\(|Problem\(|\bNone\b|\bnan\b|<[a-zA-Z_.]+ object|Traceback|"
                          r"Errno|xlsxwriter|\[\]|\{\}|\bself\b")


def clean(result):
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    assert not REPR_MARKERS.search(result.output), REPR_MARKERS.search(result.output).group(0)
    return result


# --- fscxl templates --------------------------------------------------------------------------

def test_templates_for_a_year_into_a_folder_and_with_no_options(tmp_path, monkeypatch):
    shutil.copytree(ROOT / "inputs", tmp_path / "inputs")
    result = clean(invoke("templates", "--year", "2013/14", "--inputs", tmp_path / "inputs",
                          "--out", tmp_path / "new"))
    assert result.exit_code == 0, result.output
    assert "2013/14" in result.output
    written = sorted(p.relative_to(tmp_path / "new").as_posix() for p in (tmp_path / "new").rglob("*.xlsx"))
    assert {"measures.xlsx", "commentary.xlsx", "business_plan.xlsx"} <= set(written)
    assert len(written) > 3  # and the returns
    monkeypatch.chdir(tmp_path)
    result = clean(invoke("templates"))
    assert result.exit_code == 0, result.output
    assert sorted(p.relative_to(tmp_path / "workbook_templates").as_posix()
                  for p in (tmp_path / "workbook_templates").rglob("*.xlsx")) == written


@pytest.mark.parametrize("year", ["13/14", "2013/15", "next year", "2013/14/15", ""])
def test_a_bad_templates_year_is_a_usage_error_naming_it(tmp_path, year):
    shutil.copytree(ROOT / "inputs", tmp_path / "inputs")
    result = clean(invoke("templates", "--year", year, "--inputs", tmp_path / "inputs", "--out", tmp_path / "t"))
    assert result.exit_code == 2
    assert f"'{year}'" in result.output and "2013/14" in result.output
    assert not (tmp_path / "t").exists()


def test_templates_into_a_folder_that_cannot_be_made_names_the_out_option(tmp_path):
    shutil.copytree(ROOT / "inputs", tmp_path / "inputs")
    (tmp_path / "afile").write_text("in the way")
    result = clean(invoke("templates", "--inputs", tmp_path / "inputs", "--out", tmp_path / "afile" / "t"))
    assert result.exit_code == 3
    assert "is a file, not a folder" in result.output and "--out " in result.output
    assert "--outputs" not in result.output  # templates has no such option


@pytest.mark.parametrize("content", [b"Ref,Scorecard\nP1,Children\n", b"PK\x03\x04broken zip", b""])
def test_templates_from_a_catalogue_that_does_not_load(tmp_path, content):
    (tmp_path / "inputs").mkdir()
    (tmp_path / "inputs" / "measures.xlsx").write_bytes(content)
    result = clean(invoke("templates", "--inputs", tmp_path / "inputs", "--out", tmp_path / "t"))
    assert result.exit_code == 1
    assert "measures.xlsx" in result.output and "no templates were written" in result.output
    assert not (tmp_path / "t").exists()


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


def test_validate_groups_errors_first_by_workbook_and_the_report_lists_the_same(tmp_path):
    inputs = messy_inputs(tmp_path)
    result = clean(invoke("validate", "--inputs", inputs, "--outputs", tmp_path / "out"))
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
    header = rows.index(("Severity", "Workbook", "Sheet", "Cell", "What was found", "How to fix it"))
    listed = [r for r in rows[header + 1:] if r[0]]
    assert [(r[0], r[1] or "", r[2] or "", r[3] or "", r[4]) for r in listed] == [
        ("Error" if p.is_error else "Warning", p.workbook, p.sheet, p.cell, p.found) for p in problems]
    linked = {c.row for c in sheet["D"] if c.hyperlink is not None}
    for offset, problem in enumerate(problems, start=header + 2):
        if problem.cell:
            assert offset in linked, problem


def test_area_commentary_for_an_area_no_scorecard_has_is_a_warning_naming_the_cell(tmp_path):
    inputs = messy_inputs(tmp_path)
    result = clean(invoke("validate", "--inputs", inputs, "--outputs", tmp_path / "out"))
    assert "commentary.xlsx" in result.output
    [line] = [x for x in result.output.splitlines() if "'Nobody'" in x]
    assert "sheet 'Areas', cell B2" in line and "not shown" in line
    assert "OUTCOMES" not in result.output  # a difference of case and spaces is the same area


def test_a_run_with_the_default_inputs_prints_no_repr_and_no_problem(tmp_path):
    result = clean(invoke("run", "--inputs", ROOT / "inputs", "--outputs", tmp_path / "out"))
    assert result.exit_code == 0
    assert "0 error(s), 0 warning(s)" in result.output


def test_run_messages_name_the_measure_for_a_missing_field(tmp_path):
    inputs = inputs_with(tmp_path, [measure("P1", denominator="GONE")], [target("P1", target=80)],
                         {"NUM": [8] * 14})
    result = clean(invoke("run", "--inputs", inputs, "--outputs", tmp_path / "out"))
    assert result.exit_code == 1
    assert "measure P1 (A measure) needs the field GONE" in result.output
