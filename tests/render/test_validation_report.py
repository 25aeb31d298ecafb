"""The validation report: written on every run and validate, naming and linking each cell."""

from __future__ import annotations

import openpyxl

from fscxl.model.problems import Problem
from fscxl.render.validation import HEADER_ROW, HEADINGS, MAX_LINKS, link_target, write_validation_report


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
    assert [c.value for c in row[:4]] == ["Error", "returns/return.xlsx", "Return", "F4"]
    assert "n/a" in row[4].value and row[5].value
    link = row[3].hyperlink
    assert link.target == r"..\inputs\returns\return.xlsx"
    assert link.location == "'Return'!F4"
    assert sheet["A2"].value == "Errors" and sheet["B2"].value == 1
    assert sheet["B5"].value == str(inputs.resolve())
    assert sheet.freeze_panes == f"A{HEADER_ROW + 2}"
    assert sheet.auto_filter.ref == f"A{HEADER_ROW + 1}:F{HEADER_ROW + 2}"
    assert sheet.page_setup.orientation == "landscape" and sheet.page_setup.paperSize == 9


def test_validate_writes_the_report_where_asked(tmp_path, inputs, cli):
    _break_cell(inputs / "returns" / "return.xlsx", "Return", "E5", -3)
    out = tmp_path / "elsewhere"
    result = cli("validate", "--inputs", inputs, "--outputs", out)
    assert result.exit_code == 1
    _book, sheet = _rows(out / "validation_report.xlsx")
    row = sheet[HEADER_ROW + 2]
    assert row[3].value == "E5"
    assert row[3].hyperlink.target == r"..\inputs\returns\return.xlsx"


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
    assert first[4].value == "=SUM(A1:A3)" and first[4].data_type == "s"
    assert first[5].value == "http://example.org" and first[5].hyperlink is None
    assert first[3].hyperlink.location == "'Bob''s sheet'!B2"
    assert sheet[HEADER_ROW + 3][3].hyperlink is None  # no such file: plain text
    assert sheet[HEADER_ROW + 3][0].value == "Warning"
    assert sheet[HEADER_ROW + 4][3].value in ("", None)


def test_link_target_without_a_sheet_opens_the_file(tmp_path):
    (tmp_path / "inputs").mkdir()
    (tmp_path / "inputs" / "measures.xlsx").write_bytes(b"x")
    assert link_target("measures.xlsx", "", "", tmp_path / "inputs", tmp_path / "outputs") == \
        r"external:..\inputs\measures.xlsx"
    assert link_target("measures.xlsx", "Measures", "row 5", tmp_path / "inputs", tmp_path / "outputs") == \
        r"external:..\inputs\measures.xlsx#'Measures'!A1"


def test_links_stop_at_excels_limit(tmp_path, monkeypatch):
    from fscxl.render import validation

    monkeypatch.setattr(validation, "MAX_LINKS", 2)
    (tmp_path / "inputs").mkdir()
    (tmp_path / "inputs" / "r.xlsx").write_bytes(b"x")
    problems = [Problem("error", "r.xlsx", "S", f"A{i}", "x", "y") for i in range(1, 5)]
    path = tmp_path / "report.xlsx"
    write_validation_report(problems, path, tmp_path / "inputs", tmp_path)
    _book, sheet = _rows(path)
    linked = [sheet.cell(HEADER_ROW + 2 + i, 4).hyperlink is not None for i in range(4)]
    assert linked == [True, True, False, False]
    assert sheet.cell(HEADER_ROW + 5, 4).value == "A4"


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
    assert sheet[HEADER_ROW + 2][3].hyperlink.location == "'Return'!C2"
    assert sheet[HEADER_ROW + 302][3].hyperlink.target == r"..\inputs\returns\b.xlsx"
    assert sheet[HEADER_ROW + 602][3].hyperlink is None
