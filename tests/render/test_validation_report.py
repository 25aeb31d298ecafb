"""The validation report: written on every run and validate, naming and linking each cell."""

from __future__ import annotations

import openpyxl

from fscxl.check.codes import CHECKS
from fscxl.model.problems import Problem
from fscxl.render.validation import (
    CELL,
    CHECK_HEADINGS,
    CODE,
    FIX,
    FOUND,
    HEADER_ROW,
    HEADINGS,
    MAX_LINKS,
    SEVERITY,
    link_target,
    write_validation_report,
)


def _break_cell(path, sheet, cell, value):
    book = openpyxl.load_workbook(path)
    book[sheet][cell] = value
    book.save(path)


def _rows(path):
    book = openpyxl.load_workbook(path)
    return book, book["Problems"]


def test_broken_input_gives_a_report_naming_and_linking_the_cell(tmp_path, inputs, cli):
    _break_cell(inputs / "returns" / "return.xlsx", "Return", "F4", "n/a")
    result = cli("run", "--inputs", inputs, "--outputs", tmp_path / "outputs")
    assert result.exit_code == 1
    assert "cell F4" in result.output and "Traceback" not in result.output
    assert "validation_report.xlsx" in result.output

    _book, sheet = _rows(tmp_path / "outputs" / "validation_report.xlsx")
    assert [c.value for c in sheet[HEADER_ROW + 1]] == HEADINGS
    row = sheet[HEADER_ROW + 2]
    assert [c.value for c in row[:5]] == ["Error", "RET05", "returns/return.xlsx", "Return", "F4"]
    assert "n/a" in row[FOUND].value and row[FIX].value
    link = row[CELL].hyperlink
    assert link.target == r"..\inputs\returns\return.xlsx"
    assert link.location == "'Return'!F4"
    assert sheet["A2"].value == "Errors" and sheet["B2"].value == 1
    assert sheet["B5"].value == str(inputs.resolve())
    assert sheet.freeze_panes == f"A{HEADER_ROW + 2}"
    assert sheet.auto_filter.ref == f"A{HEADER_ROW + 1}:G{HEADER_ROW + 2}"
    assert sheet.page_setup.orientation == "landscape" and sheet.page_setup.paperSize == 9


def test_validate_writes_the_report_where_asked(tmp_path, inputs, cli):
    _break_cell(inputs / "returns" / "return.xlsx", "Return", "E5", -3)
    out = tmp_path / "elsewhere"
    result = cli("validate", "--inputs", inputs, "--outputs", out)
    assert result.exit_code == 1
    _book, sheet = _rows(out / "validation_report.xlsx")
    row = sheet[HEADER_ROW + 2]
    assert (row[CODE].value, row[CELL].value) == ("RET06", "E5")
    assert row[CELL].hyperlink.target == r"..\inputs\returns\return.xlsx"


def test_a_good_run_puts_the_report_in_the_month_folder_too(tmp_path, inputs, cli):
    result = cli("run", "--inputs", inputs, "--outputs", tmp_path / "outputs")
    assert result.exit_code == 0, result.output
    _book, sheet = _rows(tmp_path / "outputs" / "2012-05" / "validation_report.xlsx")
    assert sheet["B2"].value == 0 and sheet["B3"].value == 0
    assert sheet.cell(HEADER_ROW + 2, 1).value == "None"


def test_officers_text_stays_text_and_links_need_a_real_file(tmp_path):
    (tmp_path / "inputs" / "returns").mkdir(parents=True)
    (tmp_path / "inputs" / "returns" / "it's.xlsx").write_bytes(b"x")
    problems = [
        Problem("error", "returns/it's.xlsx", "Bob's sheet", "B2", "=SUM(A1:A3)", "http://example.org"),
        Problem("warning", "returns/missing.xlsx", "Return", "C3", "found '1,234'", ""),
        Problem("error", "measures.xlsx", "", "", "no Targets sheet", "Add it."),
    ]
    path = tmp_path / "outputs" / "report.xlsx"
    path.parent.mkdir()
    write_validation_report(problems, path, tmp_path / "inputs", path.parent)
    _book, sheet = _rows(path)
    first = sheet[HEADER_ROW + 2]
    assert first[FOUND].value == "=SUM(A1:A3)" and first[FOUND].data_type == "s"
    assert first[FIX].value == "http://example.org" and first[FIX].hyperlink is None
    assert first[CELL].hyperlink.location == "'Bob''s sheet'!B2"
    assert sheet[HEADER_ROW + 3][CELL].hyperlink is None  # no such file: plain text
    assert sheet[HEADER_ROW + 3][SEVERITY].value == "Warning"
    assert sheet[HEADER_ROW + 4][CELL].value in ("", None)


def test_link_target_without_a_sheet_opens_the_file(tmp_path):
    (tmp_path / "inputs").mkdir()
    (tmp_path / "inputs" / "measures.xlsx").write_bytes(b"x")
    assert link_target("measures.xlsx", "", "", tmp_path / "inputs", tmp_path / "outputs") == \
        r"external:..\inputs\measures.xlsx"
    assert link_target("measures.xlsx", "Measures", "row 5", tmp_path / "inputs", tmp_path / "outputs") == \
        r"external:..\inputs\measures.xlsx#'Measures'!A1"


def test_links_stop_at_excels_limit(tmp_path, monkeypatch):
    from fscxl.render import validation

    monkeypatch.setattr(validation, "MAX_LINKS", 3)  # one of them the note's link to the Checks sheet
    (tmp_path / "inputs").mkdir()
    (tmp_path / "inputs" / "r.xlsx").write_bytes(b"x")
    problems = [Problem("error", "r.xlsx", "S", f"A{i}", "x", "y") for i in range(1, 5)]
    path = tmp_path / "report.xlsx"
    write_validation_report(problems, path, tmp_path / "inputs", tmp_path)
    _book, sheet = _rows(path)
    linked = [sheet.cell(HEADER_ROW + 2 + i, CELL + 1).hyperlink is not None for i in range(4)]
    assert linked == [True, True, False, False]
    assert sheet.cell(HEADER_ROW, 1).hyperlink.location == "'Checks'!A1"
    assert sheet.cell(HEADER_ROW + 5, CELL + 1).value == "A4"


def test_the_link_limit_is_excels():
    assert MAX_LINKS == 65_530


def test_an_open_report_is_kept_and_the_officer_told(tmp_path, monkeypatch, inputs, cli):
    import os

    from fscxl.app import outputs

    _break_cell(inputs / "returns" / "return.xlsx", "Return", "F4", "n/a")
    (tmp_path / "outputs").mkdir()
    (tmp_path / "outputs" / "validation_report.xlsx").write_bytes(b"open in Excel")
    real_replace = os.replace

    def replace(source, destination):
        if str(destination).endswith("validation_report.xlsx"):
            raise PermissionError(13, "in use")
        return real_replace(source, destination)

    monkeypatch.setattr(outputs.os, "replace", replace)
    result = cli("run", "--inputs", inputs, "--outputs", tmp_path / "outputs")
    assert result.exit_code == 1
    assert (tmp_path / "outputs" / "validation_report.xlsx").read_bytes() == b"open in Excel"
    [beside] = [p for p in (tmp_path / "outputs").iterdir() if p.name.startswith("validation_report (written")]
    assert beside.name in result.output and "is open" in result.output


def test_each_workbook_is_looked_up_once_however_many_problems_it_has(tmp_path, monkeypatch):
    from pathlib import Path

    returns = tmp_path / "inputs" / "returns"
    returns.mkdir(parents=True)
    for name in ("a.xlsx", "b.xlsx"):
        (returns / name).write_bytes(b"x")
    problems = [Problem("error", f"returns/{name}", "Return", f"C{row}", "found 'n/a'", "Type a number.")
                for name in ("a.xlsx", "b.xlsx", "gone.xlsx") for row in range(2, 302)]
    looks = []
    real_is_file, real_resolve = Path.is_file, Path.resolve
    monkeypatch.setattr(Path, "is_file", lambda self: looks.append(("is_file", self.name)) or real_is_file(self))
    monkeypatch.setattr(Path, "resolve", lambda self, *a, **k: looks.append(("resolve", self.name))
                        or real_resolve(self, *a, **k))
    path = tmp_path / "outputs" / "report.xlsx"
    path.parent.mkdir()
    write_validation_report(problems, path, tmp_path / "inputs", path.parent)
    assert sorted(n for kind, n in looks if kind == "is_file" and n.endswith(".xlsx")) == \
        ["a.xlsx", "b.xlsx", "gone.xlsx"]
    assert len([kind for kind, _ in looks if kind == "resolve"]) <= 6  # two per linked file, the inputs
    _book, sheet = _rows(path)
    assert sheet[HEADER_ROW + 2][CELL].hyperlink.location == "'Return'!C2"
    assert sheet[HEADER_ROW + 302][CELL].hyperlink.target == r"..\inputs\returns\b.xlsx"
    assert sheet[HEADER_ROW + 602][CELL].hyperlink is None


def test_each_problem_shows_its_code_and_the_checks_sheet_says_what_each_code_is_for(tmp_path):
    problems = [
        Problem("error", "returns/a.xlsx", "Return", "D6", "expected a number, found 'n/a'", "Type it.",
                code="RET05"),
        Problem("warning", "returns/a.xlsx", "Return", "D7", "the number '1,234' is typed as text", "",
                code="RET07"),
        Problem("error", "returns/b.xlsx", "Return", "D8", "expected a number, found '-'", "", code="RET05"),
        Problem("error", "measures.xlsx", "Measures", "C4", "an older check", "Fix it."),  # no code yet
    ]
    path = tmp_path / "report.xlsx"
    write_validation_report(problems, path)
    book = openpyxl.load_workbook(path)
    sheet = book["Problems"]
    assert [sheet[HEADER_ROW + 2 + i][CODE].value for i in range(4)] == ["RET05", "RET07", "RET05", ""]
    assert sheet.auto_filter.ref.startswith(f"A{HEADER_ROW + 1}:")  # officers filter by code

    checks = book["Checks"]
    assert [c.value for c in checks[1]] == CHECK_HEADINGS
    rows = [[c.value for c in row] for row in checks.iter_rows(min_row=2)]
    assert rows == [[code, "Error" if CHECKS[code].severity == "error" else "Warning",
                     CHECKS[code].checks, CHECKS[code].fix] for code in ("RET05", "RET07")]
    assert checks.auto_filter.ref == "A1:D3"
    assert checks.row_dimensions[2].height >= checks.row_dimensions[3].height > 0
