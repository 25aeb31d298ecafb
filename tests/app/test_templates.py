"""Next year's templates: built from the current returns, protected, validated, and they round-trip."""

from __future__ import annotations

import csv
import datetime as dt
import shutil
from pathlib import Path

import openpyxl
import pytest
from builders import measure, simple_inputs, target, write_catalogue, write_return
from contract_helpers import clean

ROOT = Path(__file__).resolve().parents[2]
SHIPPED = ROOT / "workbook_templates"


def _inputs(tmp_path):
    """Two measures from two returns (one by district, one sheet per year) and a field no return has."""
    inputs = tmp_path / "inputs"
    write_catalogue(inputs / "measures.xlsx", [
        measure("M1", numerator="NUM", denominator="DEN"),
        measure("M2", unit="Number", numerator="VISITS", denominator=None),
        measure("M3", unit="Days", numerator="NEWCODE", denominator=None),
    ], [target("M1", "2011/12", 75, 65), target("M1", "2012/13", 80, 70, benchmark=77, source="England"),
        target("M2", "2012/13", 100, 90)])
    write_return(inputs / "returns" / "children" / "main.xlsx",
                 {"NUM": [8] * 14, "DEN": [10.5] * 14, "UNUSED": [1] * 14}, sheet="2012-13")
    write_return(inputs / "returns" / "visits.xlsx",
                 {"VISITS": {"North": [1] * 14, "South": [2] * 14}}, districts=True)
    return inputs


def test_templates_follow_the_current_returns(tmp_path, cli):
    inputs, out = _inputs(tmp_path), tmp_path / "templates"
    result = cli("templates", "--year", "2013/14", "--inputs", inputs, "--out", out)
    assert result.exit_code == 0, result.output
    assert "NEWCODE" in result.output and "new_fields.xlsx" in result.output
    assert sorted(p.relative_to(out).as_posix() for p in out.rglob("*.xlsx")) == [
        "business_plan.xlsx", "commentary.xlsx", "measures.xlsx",
        "returns/children/main.xlsx", "returns/new_fields.xlsx", "returns/visits.xlsx"]
    assert not [p for p in out.rglob(".*")]

    book = openpyxl.load_workbook(out / "returns" / "children" / "main.xlsx")
    assert book.sheetnames == ["2013-14", "Instructions"]  # a sheet named for its year moves on a year
    sheet = book["2013-14"]
    assert [c.value for c in sheet[4]][:3] == ["Code", "Description", dt.datetime(2013, 4, 1)]
    assert sheet.cell(4, 14).value == dt.datetime(2014, 3, 1)
    assert sheet["C4"].number_format == "mmm-yy"
    assert [sheet.cell(r, 1).value for r in (5, 6, 7)] == ["NUM", "DEN", None]  # only what is needed
    assert sheet["B5"].value == "NUM description"
    assert sheet.protection.sheet and not sheet.protection.password
    assert sheet["A5"].protection.locked and not sheet["C5"].protection.locked
    rules = {str(dv.sqref): dv for dv in sheet.data_validations.dataValidation}
    assert rules["C5:N5"].type == "whole" and rules["C5:N5"].operator == "greaterThanOrEqual"
    assert rules["C6:N6"].type == "decimal"  # DEN has a value that is not whole
    assert rules["C5:N5"].promptTitle == "NUM" and rules["C5:N5"].prompt

    visits = openpyxl.load_workbook(out / "returns" / "visits.xlsx")["Return"]
    assert [[c.value for c in row[:3]] for row in visits.iter_rows(min_row=4, max_row=6)] == [
        ["Code", "Description", "District"], ["VISITS", "VISITS description", "North"],
        ["VISITS", "VISITS description", "South"]]

    new = openpyxl.load_workbook(out / "returns" / "new_fields.xlsx").worksheets[0]
    assert new["A5"].value == "NEWCODE" and "M3" in new["B5"].value

    catalogue = openpyxl.load_workbook(out / "measures.xlsx")
    assert catalogue.sheetnames[:2] == ["Measures", "Targets"]
    targets = list(catalogue["Targets"].iter_rows(values_only=True))
    assert [row[:8] for row in targets[1:]] == [
        ("M1", "2013/14", 80, 70, None, None, 77, "England"),
        ("M2", "2013/14", 100, 90, None, None, None, None),
        ("M3", "2013/14", None, None, None, None, None, None)]
    instructions = " ".join(c.value or "" for c in catalogue["Instructions"]["A"])
    assert "CARRIED OVER" in instructions
    assert openpyxl.load_workbook(out / "commentary.xlsx").sheetnames[:2] == ["Measures", "Areas"]
    assert openpyxl.load_workbook(out / "business_plan.xlsx").sheetnames[0] == "Actions"


def test_the_default_year_follows_the_latest_targets(tmp_path, cli):
    inputs, out = _inputs(tmp_path), tmp_path / "t"
    result = cli("templates", "--inputs", inputs, "--out", out)
    assert result.exit_code == 0, result.output
    assert "2013/14" in result.output
    assert openpyxl.load_workbook(out / "measures.xlsx")["Targets"]["B2"].value == "2013/14"


def test_no_catalogue_is_a_plain_message(tmp_path, cli):
    (tmp_path / "inputs").mkdir()
    result = cli("templates", "--inputs", tmp_path / "inputs", "--out", tmp_path / "t")
    assert result.exit_code == 2 and "measures.xlsx" in result.output and "Traceback" not in result.output


def test_filled_templates_run(tmp_path, cli):
    old = simple_inputs(tmp_path / "old")
    out = tmp_path / "templates"
    assert cli("templates", "--year", "2013/14", "--inputs", old, "--out", out).exit_code == 0

    inputs = tmp_path / "inputs"
    (inputs / "returns").mkdir(parents=True)
    shutil.copy(out / "measures.xlsx", inputs / "measures.xlsx")  # targets carried over: 80 / 70
    book = openpyxl.load_workbook(out / "returns" / "return.xlsx")
    sheet = book["Return"]
    rows = {sheet.cell(r, 1).value: r for r in range(5, sheet.max_row + 1)}
    for col, (num, den) in enumerate([(8, 10), (9, 10)], start=3):  # April and May 2013
        sheet.cell(rows["NUM"], col).value = num
        sheet.cell(rows["DEN"], col).value = den
    book.save(inputs / "returns" / "return.xlsx")

    result = cli("run", "--inputs", inputs, "--outputs", tmp_path / "outputs")
    assert result.exit_code == 0, result.output
    with open(tmp_path / "outputs" / "2013-05" / "results.csv", encoding="utf-8") as handle:
        [row] = list(csv.DictReader(handle))
    assert (row["ref"], row["month"], row["value"], row["target"], row["rag"]) == \
        ("M1", "2013-05", "90.0", "80.0", "Green")




@pytest.mark.slow
def test_the_shipped_templates_run_once_filled_in(tmp_path, cli):
    # the templates ship with the product (contract section 1): missing ones are a failure, not a skip
    assert (SHIPPED / "measures.xlsx").exists()
    inputs = tmp_path / "inputs"
    shutil.copytree(SHIPPED, inputs)
    for path in (inputs / "returns").rglob("*.xlsx"):
        book = openpyxl.load_workbook(path)
        for sheet in book.worksheets:
            if sheet.title == "Instructions":
                continue
            first = next(c.column for c in sheet[4] if isinstance(c.value, dt.datetime))
            for row in range(5, sheet.max_row + 1):
                sheet.cell(row, first).value = 60  # April
                sheet.cell(row, first + 1).value = 70  # May
        book.save(path)
    result = cli("run", "--inputs", inputs, "--outputs", tmp_path / "out")
    assert result.exit_code == 0, result.output
    with open(next((tmp_path / "out").glob("*/results.csv")), encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    refs = [r[0].value for r in openpyxl.load_workbook(inputs / "measures.xlsx")["Measures"].iter_rows(min_row=2)]
    assert [r["ref"] for r in rows] and {r["ref"] for r in rows} == {ref for ref in refs if ref}


def test_cells_with_no_value_to_copy_are_left_blank_in_the_new_catalogue(tmp_path, cli):
    inputs, out = _inputs(tmp_path), tmp_path / "t"
    book = openpyxl.load_workbook(inputs / "measures.xlsx")
    notes = book["Measures"]
    notes["O1"], notes["O2"], notes["O3"] = "Notes", "=A1", "#N/A"  # no saved result; an error value
    book.save(inputs / "measures.xlsx")
    result = cli("templates", "--year", "2013/14", "--inputs", inputs, "--out", out)
    assert result.exit_code == 0, result.output
    measures = openpyxl.load_workbook(out / "measures.xlsx")["Measures"]
    texts = [str(c.value) for row in measures.iter_rows() for c in row if c.value is not None]
    assert "Notes" in texts and "M1" in texts
    assert not [t for t in texts if "FORMULA_WITHOUT_RESULT" in t or "#N/A" in t or "formula" in t]
    assert measures["O2"].value is None and measures["O3"].value is None


def test_a_refused_write_in_a_template_is_an_output_error(tmp_path, monkeypatch):
    import pytest
    from xlsxwriter.worksheet import Worksheet

    from fscxl.model.errors import OutputError
    from fscxl.render.blank_workbooks import write_commentary_template

    monkeypatch.setattr(Worksheet, "data_validation", lambda *args, **kwargs: -1)
    with pytest.raises(OutputError, match="could not write month check: it falls outside the sheet"):
        write_commentary_template(tmp_path / "commentary.xlsx", None, 2013)


def test_the_benchmark_source_column_is_found_by_its_heading(tmp_path, monkeypatch):
    from fscxl.model import records
    from fscxl.render import blank_workbooks
    from fscxl.render.blank_workbooks import write_catalogue_template

    headers = [h for h in records.TARGET_HEADERS if h != "Benchmark source"] + ["Benchmark source"]
    monkeypatch.setattr(blank_workbooks, "TARGET_HEADERS", headers)
    row = ["M1", "2013/14", *[None] * (len(headers) - 3), "England"]
    write_catalogue_template(tmp_path / "measures.xlsx", [], [row], 2013)
    sheet = openpyxl.load_workbook(tmp_path / "measures.xlsx")["Targets"]
    letter = openpyxl.utils.get_column_letter(len(headers))
    assert sheet[f"{letter}1"].value == "Benchmark source"
    assert sheet.column_dimensions[letter].width > 20
    assert sheet.column_dimensions["H"].width < 20


def test_templates_name_the_catalogue_as_spelt_and_find_folders_in_any_case(tmp_path, cli):
    inputs = _inputs(tmp_path)
    (inputs / "returns").rename(inputs / "Returns")
    book = openpyxl.load_workbook(inputs / "measures.xlsx")
    book["Measures"]["F2"] = "Furlongs"  # an unknown Unit
    book.save(inputs / "Measures.xlsx")
    (inputs / "measures.xlsx").unlink()
    result = cli("templates", "--year", "2013/14", "--inputs", inputs, "--out", tmp_path / "t")
    assert result.exit_code != 0 and "Furlongs" in result.output
    assert "Measures.xlsx" in result.output and "measures.xlsx" not in result.output

    book["Measures"]["F2"] = "%"
    book.save(inputs / "Measures.xlsx")
    result = cli("templates", "--year", "2013/14", "--inputs", inputs, "--out", tmp_path / "t")
    assert result.exit_code == 0, result.output
    assert [p.name for p in (tmp_path / "t" / "Returns").rglob("*.xlsx")]  # the returns were found


def test_templates_from_an_inputs_folder_that_is_not_there(tmp_path, cli):
    result = cli("templates", "--inputs", tmp_path / "nowhere", "--out", tmp_path / "t")
    assert result.exit_code == 2 and "does not exist" in result.output and "Traceback" not in result.output


# --- the command at its edges ------------------------------------------------------------------

@pytest.mark.slow
def test_templates_for_a_year_into_a_folder_and_with_no_options(tmp_path, monkeypatch, default_inputs, cli):
    result = clean(cli("templates", "--year", "2013/14", "--inputs", default_inputs,
                          "--out", tmp_path / "new"))
    assert result.exit_code == 0, result.output
    assert "2013/14" in result.output
    written = sorted(p.relative_to(tmp_path / "new").as_posix() for p in (tmp_path / "new").rglob("*.xlsx"))
    assert {"measures.xlsx", "commentary.xlsx", "business_plan.xlsx"} <= set(written)
    assert len(written) > 3  # and the returns
    monkeypatch.chdir(tmp_path)
    result = clean(cli("templates"))
    assert result.exit_code == 0, result.output
    assert sorted(p.relative_to(tmp_path / "workbook_templates").as_posix()
                  for p in (tmp_path / "workbook_templates").rglob("*.xlsx")) == written


@pytest.mark.parametrize("year", ["13/14", "2013/15", "next year", "2013/14/15", ""])
def test_a_bad_templates_year_is_a_usage_error_naming_it(tmp_path, year, default_inputs, cli):
    result = clean(cli("templates", "--year", year, "--inputs", default_inputs, "--out", tmp_path / "t"))
    assert result.exit_code == 2
    assert f"'{year}'" in result.output and "2013/14" in result.output
    assert not (tmp_path / "t").exists()


def test_templates_into_a_folder_that_cannot_be_made_names_the_out_option(tmp_path, default_inputs, cli):
    (tmp_path / "afile").write_text("in the way")
    result = clean(cli("templates", "--inputs", default_inputs, "--out", tmp_path / "afile" / "t"))
    assert result.exit_code == 3  # an output that cannot be written
    assert "is a file, not a folder" in result.output and "--out " in result.output
    assert "--outputs" not in result.output  # templates has no such option


@pytest.mark.parametrize("content", [b"Ref,Scorecard\nP1,Children\n", b"PK\x03\x04broken zip", b""])
def test_templates_from_a_catalogue_that_does_not_load(tmp_path, content, cli):
    (tmp_path / "inputs").mkdir()
    (tmp_path / "inputs" / "measures.xlsx").write_bytes(content)
    result = clean(cli("templates", "--inputs", tmp_path / "inputs", "--out", tmp_path / "t"))
    assert result.exit_code == 1
    assert "measures.xlsx" in result.output and "no templates were written" in result.output
    assert not (tmp_path / "t").exists()
