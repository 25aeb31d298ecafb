"""Contract section 3: officers' returns, cell by cell, and what a run makes of them."""

from __future__ import annotations

import datetime as dt

import openpyxl
import pytest
from builders import write_catalogue, write_return
from contract_helpers import inputs_with, invoke, measure, read_csv, reported_problems, target

from fscxl.model.periods import Month
from fscxl.model.problems import ProblemLog
from fscxl.pipeline import load, read_returns

APR12, MAY12 = Month(2012, 4), Month(2012, 5)


def read(*paths):
    problems = ProblemLog()
    data = read_returns([(path, f"returns/{path.name}") for path in paths], problems)
    return data, problems


def sheet_book(path, sheets: dict[str, list[list]], hidden=()):
    book = openpyxl.Workbook()
    book.remove(book.active)
    for name, rows in sheets.items():
        sheet = book.create_sheet(name)
        for row in rows:
            sheet.append(row)
        if name in hidden:
            sheet.sheet_state = hidden[name] if isinstance(hidden, dict) else "hidden"
    path.parent.mkdir(parents=True, exist_ok=True)
    book.save(path)
    return path


# --- data sheets and headers ------------------------------------------------------------------

def test_code_heading_in_any_column_of_row_20_with_any_case_and_spaces(tmp_path):
    rows = [["title"]] * 19 + [[None, None, "Notes", "  CODE ", "Apr-12"], [None, None, "x", "num", 3]]
    data, problems = read(sheet_book(tmp_path / "r.xlsx", {"Return": rows}))
    assert data.county == {"NUM": {APR12: 3.0}}
    assert not problems.problems


@pytest.mark.parametrize("state", ["hidden", "veryHidden"])
def test_only_visible_sheets_are_read(tmp_path, state):
    path = sheet_book(tmp_path / "r.xlsx", {
        "Shown": [["Code", "Apr-12"], ["NUM", 1]],
        "Old": [["Code", "Apr-12"], ["NUM", "n/a"], ["OTHER", 5]]}, hidden={"Old": state})
    data, problems = read(path)
    assert data.county == {"NUM": {APR12: 1.0}}
    assert not problems.problems


def test_every_visible_data_sheet_of_a_workbook_is_read(tmp_path):
    path = sheet_book(tmp_path / "r.xlsx", {
        "Notes": [["Read me first"]],
        "Referrals": [["Referrals"], ["Code", "Apr-12"], ["REF", 1]],
        "Assessments": [["Code", dt.datetime(2012, 4, 30)], ["ASS", 2]]})
    data, problems = read(path)
    assert data.county == {"REF": {APR12: 1.0}, "ASS": {APR12: 2.0}}
    assert not problems.problems


@pytest.mark.parametrize("header", [
    dt.datetime(2012, 4, 1), dt.datetime(2012, 4, 30, 17, 45), dt.date(2012, 4, 17),
    "Apr-12", "Apr 12", "April 2012", "Apr-2012", "2012-04", " apr-12 ", "APRIL 2012"])
def test_month_headings(tmp_path, header):
    data, problems = read(write_return(tmp_path / "r.xlsx", {"NUM": [4]}, headers=[header]))
    assert data.county == {"NUM": {APR12: 4.0}}
    assert not problems.problems


def test_columns_that_are_not_months_are_ignored(tmp_path):
    path = write_return(tmp_path / "r.xlsx", {"NUM": [4, 9, "see note", 17]},
                        headers=["Apr-12", "Total", "Notes", "Target 2012"])
    data, problems = read(path)
    assert data.county == {"NUM": {APR12: 4.0}}
    assert not problems.problems


# --- values -----------------------------------------------------------------------------------

@pytest.mark.parametrize("text, number", [(" 12", 12.0), ("1,234", 1234.0), ("1,234,567", 1234567.0),
                                          ("12 ", 12.0), ("3.5", 3.5)])
def test_a_number_typed_as_text_is_read_with_a_warning_naming_the_cell(tmp_path, text, number):
    data, problems = read(write_return(tmp_path / "r.xlsx", {"NUM": [text]}, first=(2012, 4), count=1))
    assert data.county == {"NUM": {APR12: number}}
    [warning] = problems.warnings
    assert (warning.code, warning.workbook, warning.sheet, warning.cell) == ("RET07", "returns/r.xlsx", "Return", "C4")
    assert not problems.errors


@pytest.mark.parametrize("value, code, found", [
    ("n/a", "RET05", "'n/a'"), ("-", "RET05", "'-'"), ("c", "RET05", "'c'"), ("12a", "RET05", "'12a'"),
    ("1,23", "RET05", "'1,23'"), ("#N/A", "RET09", "#N/A"), ("#REF!", "RET09", "#REF!"),
    ("#VALUE!", "RET09", "#VALUE!"), (-1, "RET06", "-1"), (-0.5, "RET06", "-0.5"), ("-4", "RET06", "'-4'"),
    ("=1+1", "RET10", "formula")])
def test_other_values_are_errors_naming_workbook_sheet_cell_and_what_was_found(tmp_path, value, code, found):
    data, problems = read(write_return(tmp_path / "r.xlsx", {"A": [1], "NUM": [value]}, first=(2012, 4),
                                       count=1))
    [error] = problems.errors
    assert (error.code, error.workbook, error.sheet, error.cell) == (code, "returns/r.xlsx", "Return", "C5")
    assert found in error.found  # what was found, as typed
    assert "NUM" not in data.county


def test_a_blank_cell_is_not_yet_reported_and_the_latest_month_is_the_latest_with_data(tmp_path):
    data, problems = read(write_return(tmp_path / "r.xlsx", {"NUM": [1, None, 3, None, None]},
                                       first=(2012, 4), count=5))
    assert data.county == {"NUM": {APR12: 1.0, Month(2012, 6): 3.0}}
    assert data.latest_month == Month(2012, 6)
    assert not problems.problems


# --- the same figure in two places ------------------------------------------------------------

def test_the_same_code_and_month_twice_in_one_sheet_names_both_cells(tmp_path):
    data, problems = read(write_return(tmp_path / "r.xlsx", {"NUM": [1]}, first=(2012, 4), count=1))
    path = tmp_path / "r.xlsx"
    book = openpyxl.load_workbook(path)
    book.active.append(["num ", "again", 2])
    book.save(path)
    data, problems = read(path)
    [error] = problems.errors
    assert (error.code, error.cell) == ("RET11", "C5")
    assert "returns/r.xlsx, sheet 'Return', cell C4" in error.found


def test_the_same_code_and_month_on_two_sheets_names_both_sheets(tmp_path):
    path = sheet_book(tmp_path / "r.xlsx", {"One": [["Code", "Apr-12"], ["NUM", 1]],
                                            "Two": [["Code", "April 2012"], ["NUM", 2]]})
    [error] = read(path)[1].errors
    assert (error.code, error.sheet, error.cell) == ("RET11", "Two", "B2")
    assert "sheet 'One', cell B2" in error.found


def test_different_months_of_one_code_in_two_workbooks_are_not_duplicates(tmp_path):
    old = write_return(tmp_path / "a.xlsx", {"NUM": [1, 2]}, first=(2012, 2), count=2)
    new = write_return(tmp_path / "b.xlsx", {"NUM": [3, 4]}, first=(2012, 4), count=2)
    data, problems = read(old, new)
    assert data.county["NUM"] == {Month(2012, 2): 1.0, Month(2012, 3): 2.0, APR12: 3.0, MAY12: 4.0}
    assert not problems.problems


# --- districts --------------------------------------------------------------------------------

def test_the_county_figure_is_the_sum_of_the_districts(tmp_path):
    path = write_return(tmp_path / "r.xlsx", {"NUM": {"Dover": [1, 2], "Swale": [10, 20]}},
                        first=(2012, 4), count=2, districts=True)
    data, problems = read(path)
    assert data.county == {"NUM": {APR12: 11.0, MAY12: 22.0}}
    assert not problems.problems


def test_last_years_county_return_and_this_years_district_return_both_count(tmp_path):
    # A field reported for the county as a whole until March and by district from April:
    # an officer expects each month's figure to be used, not every month to go missing.
    old = write_return(tmp_path / "old.xlsx", {"NUM": [10, 11]}, first=(2012, 2), count=2)
    new = write_return(tmp_path / "new.xlsx", {"NUM": {"North": [4], "South": [6]}}, first=(2012, 4),
                       count=1, districts=True)
    data, problems = read(old, new)
    assert data.county == {"NUM": {Month(2012, 2): 10.0, Month(2012, 3): 11.0, APR12: 10.0}}
    assert not data.missing_districts
    assert not problems.problems


def test_a_county_figure_and_district_figures_for_one_month_are_an_error_naming_both(tmp_path):
    # The same month given for the county and by district: adding them up would count it twice.
    county = write_return(tmp_path / "county.xlsx", {"NUM": [10]}, first=(2012, 4), count=1)
    by_district = write_return(tmp_path / "districts.xlsx", {"NUM": {"North": [4], "South": [6]}},
                               first=(2012, 4), count=1, districts=True)
    data, problems = read(county, by_district)
    [error] = problems.errors
    assert (error.code, error.workbook, error.cell) == ("RET12", "returns/districts.xlsx", "D4")
    assert "returns/county.xlsx, sheet 'Return', cell C4" in error.found  # the other place


# --- the catalogue's fields -------------------------------------------------------------------

def test_a_field_no_return_supplies_is_an_error_naming_the_measure(tmp_path):
    inputs = inputs_with(tmp_path, [measure("CH29", title="Referrals", numerator="NUM", denominator="NOPE")],
                         [], {"NUM": [1] * 14})
    problems = load(inputs).problems
    [error] = problems.errors
    assert error.code == "XIN01"
    assert "CH29" in error.found and "NOPE" in error.found


def test_a_field_whose_row_is_there_but_not_yet_filled_in_is_supplied(tmp_path):
    # A return lists the code with every month blank ("not yet reported"): the field is
    # supplied; its figures are simply missing, which is a warning, not an error.
    inputs = inputs_with(tmp_path, [measure("N1", unit="Number", denominator=None, numerator="NEW"),
                                    measure("P1")],
                         [target("P1", target=80)],
                         {"NUM": [8] * 14, "DEN": [10] * 14, "NEW": [None] * 14})
    result = invoke("run", "--inputs", inputs, "--outputs", tmp_path / "out")
    assert result.exit_code == 0, result.output
    rows = {r["ref"]: r for r in read_csv(tmp_path / "out" / "2012-05" / "results.csv")}
    assert rows["N1"]["value"] == "" and rows["P1"]["value"] == "80.0"


def test_a_workbook_with_no_data_sheet_gets_a_warning_naming_it(tmp_path):
    inputs = inputs_with(tmp_path, [measure("P1")], [], {"NUM": [8] * 14, "DEN": [10] * 14})
    sheet_book(inputs / "returns" / "sub" / "notes.xlsx", {"Notes": [["Nothing here"]]})
    problems = load(inputs).problems
    assert not problems.errors
    assert [(p.code, p.workbook) for p in problems.warnings] == [("RET02", "returns/sub/notes.xlsx")]


def test_errors_in_returns_stop_the_run_and_name_the_cell(tmp_path):
    inputs = inputs_with(tmp_path, [measure("P1")], [], {"NUM": [8] * 13 + ["c"], "DEN": [10] * 14})
    write_catalogue(inputs / "measures.xlsx", [measure("P1")], [])
    result = invoke("run", "--inputs", inputs, "--outputs", tmp_path / "out")
    assert result.exit_code == 1
    assert "returns/return.xlsx" in result.output and "cell P4" in result.output and "'c'" in result.output
    assert reported_problems(tmp_path / "out") == [("RET05", "returns/return.xlsx", "Return", "P4")]
    assert not (tmp_path / "out" / "2012-05").exists()
