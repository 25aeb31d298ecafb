"""Reading officers' returns: every accepted and rejected cell form, headers, districts."""

from __future__ import annotations

import datetime as dt

import openpyxl
import pytest
from builders import write_return
from worker_faults import abort_on_two

from fscxl.app.workers import Crashed, Failed, submit_isolated
from fscxl.model.periods import Month
from fscxl.model.problems import ProblemLog
from fscxl.pipeline import read_returns
from fscxl.read.inputs import find_return_files
from fscxl.read.returns import FIX_FORMULA, read_value
from fscxl.read.xlsx import FORMULA_WITHOUT_RESULT

APR12 = Month(2012, 4)


def read(tmp_path, *workbooks):
    """Read the given return paths; (data, problems)."""
    problems = ProblemLog()
    files = [(path, f"returns/{path.name}") for path in workbooks]
    return read_returns(files, problems), problems


def one_cell(tmp_path, value):
    """A return whose only figure is `value` in cell C4 (NUM, April 2012)."""
    return write_return(tmp_path / "r.xlsx", {"NUM": [value]}, first=(2012, 4), count=1)


@pytest.mark.parametrize("value, expected", [(12, 12.0), (0, 0.0), (12.5, 12.5), (1412, 1412.0)])
def test_numbers_are_read(tmp_path, value, expected):
    data, problems = read(tmp_path, one_cell(tmp_path, value))
    assert data.county == {"NUM": {APR12: expected}}
    assert problems.problems == []


@pytest.mark.parametrize("text, expected", [(" 12", 12.0), ("1,234", 1234.0), ("12 ", 12.0)])
def test_numbers_typed_as_text_are_read_with_a_warning(tmp_path, text, expected):
    data, problems = read(tmp_path, one_cell(tmp_path, text))
    assert data.county == {"NUM": {APR12: expected}}
    [warning] = problems.warnings
    assert (warning.code, warning.workbook, warning.sheet, warning.cell) == ("RET07", "returns/r.xlsx", "Return", "C4")
    assert not problems.errors


@pytest.mark.parametrize("value, code, shown", [  # shown: what was found, as the officer sees it
    ("n/a", "RET05", "'n/a'"),
    ("-", "RET05", "'-'"),
    ("c", "RET05", "'c'"),
    ("#DIV/0!", "RET09", "#DIV/0!"),
    ("#N/A", "RET09", "#N/A"),
    (-3, "RET06", "-3"),
    ("-3", "RET06", "'-3'"),
    ("=SUM(D1:D2)", "RET10", "formula"),
    (True, "RET05", "TRUE"),
    (dt.datetime(2012, 5, 3), "RET08", "03/05/2012"),
])
def test_other_values_are_errors_naming_the_cell(tmp_path, value, code, shown):
    data, problems = read(tmp_path, one_cell(tmp_path, value))
    [error] = problems.errors
    assert (error.code, error.workbook, error.sheet, error.cell) == (code, "returns/r.xlsx", "Return", "C4")
    assert shown in error.found
    assert error.fix
    assert data.county == {}


def test_a_blank_cell_is_not_yet_reported(tmp_path):
    data, problems = read(tmp_path, write_return(tmp_path / "r.xlsx", {"NUM": [5, None, "  "]},
                                                 first=(2012, 4), count=3))
    assert data.county == {"NUM": {APR12: 5.0}}
    assert problems.problems == []
    assert data.latest_month == APR12


@pytest.mark.parametrize("headers", [
    [dt.datetime(2012, 4, 15), dt.datetime(2012, 5, 31)],
    [dt.date(2012, 4, 1), dt.date(2012, 5, 1)],
    ["Apr-12", "May-12"], ["Apr 12", "May 12"], ["April 2012", "May 2012"],
    ["Apr-2012", "May-2012"], ["2012-04", "2012-05"],
])
def test_both_header_styles(tmp_path, headers):
    path = write_return(tmp_path / "r.xlsx", {"NUM": [1, 2]}, headers=headers)
    data, problems = read(tmp_path, path)
    assert data.county == {"NUM": {APR12: 1.0, Month(2012, 5): 2.0}}
    assert problems.problems == []


def test_title_rows_above_the_header(tmp_path):
    path = write_return(tmp_path / "r.xlsx", {"NUM": [7]}, first=(2012, 4), count=1, title_rows=19)
    assert read(tmp_path, path)[0].county == {"NUM": {APR12: 7.0}}


def test_a_header_below_row_20_is_not_a_data_sheet(tmp_path):
    path = write_return(tmp_path / "r.xlsx", {"NUM": [7]}, first=(2012, 4), count=1, title_rows=20)
    data, problems = read(tmp_path, path)
    assert data.county == {}
    [warning] = problems.warnings
    assert (warning.code, warning.workbook) == ("RET02", "returns/r.xlsx")


@pytest.mark.parametrize("state", ["hidden", "veryHidden"])
def test_hidden_sheets_are_ignored(tmp_path, state):
    path = write_return(tmp_path / "r.xlsx", {"NUM": [7]}, first=(2012, 4), count=1)
    book = openpyxl.load_workbook(path)
    hidden = book.create_sheet("Old")
    for row in (["Code", dt.datetime(2012, 4, 1)], ["NUM", 99], ["OTHER", "n/a"]):
        hidden.append(row)
    hidden.sheet_state = state
    book.save(path)
    data, problems = read(tmp_path, path)
    assert data.county == {"NUM": {APR12: 7.0}}
    assert problems.problems == []


def test_a_visible_second_sheet_is_read(tmp_path):  # the other half: visibility is not misread
    path = write_return(tmp_path / "r.xlsx", {"NUM": [7]}, first=(2012, 4), count=1)
    book = openpyxl.load_workbook(path)
    extra = book.create_sheet("More")
    for row in (["Code", dt.datetime(2012, 4, 1)], ["OTHER", 5]):
        extra.append(row)
    book.save(path)
    data, problems = read(tmp_path, path)
    assert data.county == {"NUM": {APR12: 7.0}, "OTHER": {APR12: 5.0}}
    assert problems.problems == []


def test_districts_are_summed_and_a_missing_district_named(tmp_path):
    path = write_return(tmp_path / "r.xlsx", {"NUM": {"North": [1, 2], "South": [3, None],
                                                      "East": [5, None]}},
                        first=(2012, 4), count=2, districts=True)
    data, problems = read(tmp_path, path)
    assert data.county == {"NUM": {APR12: 9.0}}
    assert data.missing_districts == {"NUM": {Month(2012, 5): ["East", "South"]}}
    assert data.latest_month == Month(2012, 5)
    assert problems.problems == []


def test_districts_across_workbooks(tmp_path):
    north = write_return(tmp_path / "north.xlsx", {"NUM": {"North": [1, 2]}}, first=(2012, 4), count=2,
                         districts=True)
    south = write_return(tmp_path / "south.xlsx", {"NUM": {"South": [3, 4]}}, first=(2012, 4), count=2,
                         districts=True)
    data, _ = read(tmp_path, north, south)
    assert data.county == {"NUM": {APR12: 4.0, Month(2012, 5): 6.0}}
    assert data.workbooks_read == 2


def test_duplicates_across_workbooks_name_both_places(tmp_path):
    first = write_return(tmp_path / "a.xlsx", {"NUM": [1]}, first=(2012, 4), count=1)
    second = write_return(tmp_path / "b.xlsx", {"OTHER": [5], "NUM": [2]}, first=(2012, 4), count=1)
    data, problems = read(tmp_path, first, second)
    [error] = problems.errors
    assert (error.code, error.workbook, error.cell) == ("RET11", "returns/b.xlsx", "C5")
    assert "returns/a.xlsx, sheet 'Return', cell C4" in error.found  # names the other place too
    assert data.county["NUM"] == {APR12: 1.0}  # the first figure is kept


def test_a_district_duplicate_names_the_district(tmp_path):
    path = write_return(tmp_path / "r.xlsx", {"NUM": {"North": [1]}}, first=(2012, 4), count=1,
                        districts=True)
    book = openpyxl.load_workbook(path)
    book.active.append(["NUM", "again", "North", 4])
    book.save(path)
    [error] = read(tmp_path, path)[1].errors
    assert (error.code, error.cell) == ("RET11", "D5")  # the second place, the row appended
    assert "(North)" in error.found


def test_a_workbook_without_a_data_sheet_is_warned(tmp_path):
    path = tmp_path / "notes.xlsx"
    book = openpyxl.Workbook()
    book.active.append(["Just some notes"])
    book.save(path)
    data, problems = read(tmp_path, path)
    [warning] = problems.warnings
    assert (warning.code, warning.workbook) == ("RET02", "returns/notes.xlsx")
    assert data.workbooks_read == 1


def test_figures_without_a_code_are_warned(tmp_path):
    path = write_return(tmp_path / "r.xlsx", {"NUM": [1], " ": [5]}, first=(2012, 4), count=1)
    [warning] = read(tmp_path, path)[1].warnings
    assert (warning.code, warning.cell) == ("RET04", "A5")


def test_a_month_heading_two_columns_is_an_error(tmp_path):
    path = write_return(tmp_path / "r.xlsx", {"NUM": [1, 2]}, headers=["Apr-12", "April 2012"])
    data, problems = read(tmp_path, path)
    [error] = problems.errors
    assert (error.code, error.cell) == ("RET01", "D3")
    assert "(also C3)" in error.found
    assert data.county == {"NUM": {APR12: 1.0}}


def test_owner_and_dot_files_are_skipped(tmp_path):
    folder = tmp_path / "returns"
    write_return(folder / "a.xlsx", {"NUM": [1]})
    write_return(folder / "sub" / "B.XLSX", {"NUM": [1]})
    (folder / "~$a.xlsx").write_bytes(b"owner")
    (folder / ".hidden.xlsx").write_bytes(b"x")
    assert [p.name for p in find_return_files(folder)] == ["a.xlsx", "B.XLSX"]


def map_isolated(func, items):
    return submit_isolated(func, items).results()


def test_a_worker_crash_costs_one_item_and_the_rest_are_still_read():
    results = map_isolated(abort_on_two, [0, 1, 2, 3, 4, 5])
    assert results[:2] == [0, 10] and results[4:] == [40, 50]
    assert results[2] == Crashed(2)
    assert isinstance(results[3], Failed) and "bad" in results[3].detail
    assert map_isolated(abort_on_two, [7]) == [70]  # the pool works again afterwards


def test_a_formula_without_a_result_is_told_how_to_calculate_it():
    problems = ProblemLog()
    assert read_value(FORMULA_WITHOUT_RESULT, "r.xlsx", "Return", 3, 2, problems) is None
    [error] = problems.errors
    assert error.code == "RET10"
    assert error.found == "expected a number, found a formula with no saved result"  # the wording, once
    assert error.fix == FIX_FORMULA


def test_only_the_formula_marker_gets_the_formula_fix():
    class Odd:  # a value of no known kind whose text happens to mention a formula
        def __str__(self) -> str:
            return "formula"

    problems = ProblemLog()
    assert read_value(Odd(), "r.xlsx", "Return", 3, 2, problems) is None
    assert problems.errors[0].code == "RET05"
    assert problems.errors[0].fix != FIX_FORMULA


def test_a_district_typed_as_a_number_is_the_district_typed_as_text(tmp_path):
    april = write_return(tmp_path / "april.xlsx", {"NUM": {2: [4], "North": [1]}}, first=(2012, 4),
                         count=1, districts=True)
    may = write_return(tmp_path / "may.xlsx", {"NUM": {"2": [6], "North": [3]}}, first=(2012, 5),
                       count=1, districts=True)
    data, problems = read(tmp_path, april, may)
    assert data.county == {"NUM": {APR12: 5.0, Month(2012, 5): 9.0}}
    assert data.missing_districts == {}
    assert problems.problems == []
