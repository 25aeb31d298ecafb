"""Contract section 3: officers' returns, cell by cell, and what a run makes of them."""

from __future__ import annotations

import datetime as dt

import pytest
from builders import sheet_book, write_catalogue, write_return
from contract_helpers import inputs_with, measure, reported_problems

from fscxl.model.periods import Month
from fscxl.model.problems import ProblemLog
from fscxl.pipeline import load, read_returns
from fscxl.read.returns import FIX_FORMULA, read_value
from fscxl.read.xlsx import FORMULA_WITHOUT_RESULT

APR12, MAY12 = Month(2012, 4), Month(2012, 5)


def read(*paths):
    problems = ProblemLog()
    data = read_returns([(path, f"returns/{path.name}") for path in paths], problems)
    return data, problems


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


def test_title_rows_above_the_header(tmp_path):
    path = write_return(tmp_path / "r.xlsx", {"NUM": [7]}, first=(2012, 4), count=1, title_rows=19)
    assert read(path)[0].county == {"NUM": {APR12: 7.0}}


def test_a_header_below_row_20_is_not_a_data_sheet(tmp_path):
    path = write_return(tmp_path / "r.xlsx", {"NUM": [7]}, first=(2012, 4), count=1, title_rows=20)
    data, problems = read(path)
    assert data.county == {}
    [warning] = problems.warnings
    assert warning.workbook == "returns/r.xlsx" and "no sheet has a 'Code' heading" in warning.found


def test_a_month_heading_two_columns_is_an_error(tmp_path):
    path = write_return(tmp_path / "r.xlsx", {"NUM": [1, 2]}, headers=["Apr-12", "April 2012"])
    data, problems = read(path)
    [error] = problems.errors
    assert error.cell == "D3" and "April 2012 heads two columns (also C3)" in error.found
    assert data.county == {"NUM": {APR12: 1.0}}


def test_figures_without_a_code_are_warned(tmp_path):
    path = write_return(tmp_path / "r.xlsx", {"NUM": [1], " ": [5]}, first=(2012, 4), count=1)
    [warning] = read(path)[1].warnings
    assert (warning.cell, warning.found) == ("A5", "this row has figures but no code, so they were not read")


# --- values -----------------------------------------------------------------------------------

def one_cell(tmp_path, value):
    """A return whose only figure is `value` in cell C4 (NUM, April 2012)."""
    return write_return(tmp_path / "r.xlsx", {"NUM": [value]}, first=(2012, 4), count=1)


@pytest.mark.parametrize("value, expected", [(12, 12.0), (0, 0.0), (12.5, 12.5), (1412, 1412.0)])
def test_numbers_are_read(tmp_path, value, expected):
    data, problems = read(one_cell(tmp_path, value))
    assert data.county == {"NUM": {APR12: expected}}
    assert problems.problems == []


@pytest.mark.parametrize("text, number", [(" 12", 12.0), ("1,234", 1234.0), ("1,234,567", 1234567.0),
                                          ("12 ", 12.0), ("3.5", 3.5)])
def test_a_number_typed_as_text_is_read_with_a_warning_naming_the_cell(tmp_path, text, number):
    data, problems = read(write_return(tmp_path / "r.xlsx", {"NUM": [text]}, first=(2012, 4), count=1))
    assert data.county == {"NUM": {APR12: number}}
    [warning] = problems.warnings
    assert (warning.code, warning.workbook, warning.sheet, warning.cell) == ("RET07", "returns/r.xlsx", "Return", "C4")
    assert not problems.errors


@pytest.mark.parametrize("value, found", [
    ("n/a", "expected a number, found 'n/a'"), ("-", "expected a number, found '-'"),
    ("c", "expected a number, found 'c'"), ("12a", "'12a'"), ("1,23", "'1,23'"),
    ("#N/A", "found the error value #N/A"), ("#REF!", "#REF!"), ("#VALUE!", "#VALUE!"),
    ("#DIV/0!", "found the error value #DIV/0!"),
    (-3, "expected a count of zero or more, found -3"), (-0.5, "-0.5"),
    ("-3", "expected a count of zero or more, found '-3'"),
    ("=SUM(D1:D2)", "found a formula with no saved result"),
    (True, "expected a number, found TRUE"), (dt.datetime(2012, 5, 3), "found the date 03/05/2012")])
def test_other_values_are_errors_naming_workbook_sheet_cell_and_what_was_found(tmp_path, value, found):
    data, problems = read(write_return(tmp_path / "r.xlsx", {"A": [1], "NUM": [value]}, first=(2012, 4),
                                       count=1))
    [error] = problems.errors
    assert (error.workbook, error.sheet, error.cell) == ("returns/r.xlsx", "Return", "C5")
    assert found in error.found
    assert error.fix
    assert "NUM" not in data.county


def test_a_formula_without_a_result_is_told_how_to_calculate_it():
    problems = ProblemLog()
    assert read_value(FORMULA_WITHOUT_RESULT, "r.xlsx", "Return", 3, 2, problems) is None
    [error] = problems.errors
    assert error.found == "expected a number, found a formula with no saved result"
    assert error.fix == FIX_FORMULA


def test_only_the_formula_marker_gets_the_formula_fix():
    class Odd:  # a value of no known kind whose text happens to mention a formula
        def __str__(self) -> str:
            return "formula"

    problems = ProblemLog()
    assert read_value(Odd(), "r.xlsx", "Return", 3, 2, problems) is None
    assert problems.errors[0].fix != FIX_FORMULA


def test_a_blank_cell_is_not_yet_reported_and_the_latest_month_is_the_latest_with_data(tmp_path):
    data, problems = read(write_return(tmp_path / "r.xlsx", {"NUM": [1, "  ", 3, None, None]},
                                       first=(2012, 4), count=5))
    assert data.county == {"NUM": {APR12: 1.0, Month(2012, 6): 3.0}}
    assert data.latest_month == Month(2012, 6)
    assert not problems.problems


# --- workbooks and the run -------------------------------------------------------------------

def test_a_workbook_with_no_data_sheet_gets_a_warning_naming_it(tmp_path):
    inputs = inputs_with(tmp_path, [measure("P1")], [], {"NUM": [8] * 14, "DEN": [10] * 14})
    sheet_book(inputs / "returns" / "sub" / "notes.xlsx", {"Notes": [["Nothing here"]]})
    problems = load(inputs).problems
    assert not problems.errors
    assert [(p.code, p.workbook) for p in problems.warnings] == [("RET02", "returns/sub/notes.xlsx")]


def test_errors_in_returns_stop_the_run_and_name_the_cell(tmp_path, cli):
    inputs = inputs_with(tmp_path, [measure("P1")], [], {"NUM": [8] * 13 + ["c"], "DEN": [10] * 14})
    write_catalogue(inputs / "measures.xlsx", [measure("P1")], [])
    result = cli("run", "--inputs", inputs, "--outputs", tmp_path / "out")
    assert result.exit_code == 1
    assert "returns/return.xlsx" in result.output and "cell P4" in result.output and "'c'" in result.output
    assert reported_problems(tmp_path / "out") == [("RET05", "returns/return.xlsx", "Return", "P4")]
    assert not (tmp_path / "out" / "2012-05").exists()
