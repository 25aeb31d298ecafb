"""Returns read together: districts summed into the county, and a figure given twice named in both places."""

from __future__ import annotations

import openpyxl
from builders import sheet_book, write_return

from fscxl.model.periods import Month
from fscxl.model.problems import ProblemLog
from fscxl.pipeline import read_returns

APR12, MAY12 = Month(2012, 4), Month(2012, 5)


def read(*workbooks):
    """Read the given return paths; (data, problems)."""
    problems = ProblemLog()
    files = [(path, f"returns/{path.name}") for path in workbooks]
    return read_returns(files, problems), problems


def test_districts_are_summed_and_a_missing_district_named(tmp_path):
    path = write_return(tmp_path / "r.xlsx", {"NUM": {"North": [1, 2], "South": [3, None],
                                                      "East": [5, None]}},
                        first=(2012, 4), count=2, districts=True)
    data, problems = read(path)
    assert data.county == {"NUM": {APR12: 9.0}}
    assert data.missing_districts == {"NUM": {Month(2012, 5): ["East", "South"]}}
    assert data.latest_month == Month(2012, 5)
    assert problems.problems == []


def test_districts_across_workbooks(tmp_path):
    north = write_return(tmp_path / "north.xlsx", {"NUM": {"North": [1, 2]}}, first=(2012, 4), count=2,
                         districts=True)
    south = write_return(tmp_path / "south.xlsx", {"NUM": {"South": [3, 4]}}, first=(2012, 4), count=2,
                         districts=True)
    data, _ = read(north, south)
    assert data.county == {"NUM": {APR12: 4.0, Month(2012, 5): 6.0}}
    assert data.workbooks_read == 2


def test_duplicates_across_workbooks_name_both_places(tmp_path):
    first = write_return(tmp_path / "a.xlsx", {"NUM": [1]}, first=(2012, 4), count=1)
    second = write_return(tmp_path / "b.xlsx", {"OTHER": [5], "NUM": [2]}, first=(2012, 4), count=1)
    data, problems = read(first, second)
    [error] = problems.errors
    assert (error.workbook, error.cell) == ("returns/b.xlsx", "C5")
    assert "NUM for April 2012 is given twice: here and at returns/a.xlsx, sheet 'Return', cell C4" \
        in error.found
    assert data.county["NUM"] == {APR12: 1.0}  # the first figure is kept


def test_a_district_duplicate_names_the_district(tmp_path):
    path = write_return(tmp_path / "r.xlsx", {"NUM": {"North": [1]}}, first=(2012, 4), count=1,
                        districts=True)
    book = openpyxl.load_workbook(path)
    book.active.append(["NUM", "again", "North", 4])
    book.save(path)
    [error] = read(path)[1].errors
    assert "NUM (North) for April 2012 is given twice" in error.found


def test_a_district_typed_as_a_number_is_the_district_typed_as_text(tmp_path):
    april = write_return(tmp_path / "april.xlsx", {"NUM": {2: [4], "North": [1]}}, first=(2012, 4),
                         count=1, districts=True)
    may = write_return(tmp_path / "may.xlsx", {"NUM": {"2": [6], "North": [3]}}, first=(2012, 5),
                       count=1, districts=True)
    data, problems = read(april, may)
    assert data.county == {"NUM": {APR12: 5.0, Month(2012, 5): 9.0}}
    assert data.missing_districts == {}
    assert problems.problems == []


def test_the_same_code_and_month_twice_in_one_sheet_names_both_cells(tmp_path):
    data, problems = read(write_return(tmp_path / "r.xlsx", {"NUM": [1]}, first=(2012, 4), count=1))
    path = tmp_path / "r.xlsx"
    book = openpyxl.load_workbook(path)
    book.active.append(["num ", "again", 2])
    book.save(path)
    data, problems = read(path)
    [error] = problems.errors
    assert error.cell == "C5" and "returns/r.xlsx, sheet 'Return', cell C4" in error.found


def test_the_same_code_and_month_on_two_sheets_names_both_sheets(tmp_path):
    path = sheet_book(tmp_path / "r.xlsx", {"One": [["Code", "Apr-12"], ["NUM", 1]],
                                            "Two": [["Code", "April 2012"], ["NUM", 2]]})
    [error] = read(path)[1].errors
    assert (error.sheet, error.cell) == ("Two", "B2")
    assert "sheet 'One', cell B2" in error.found


def test_different_months_of_one_code_in_two_workbooks_are_not_duplicates(tmp_path):
    old = write_return(tmp_path / "a.xlsx", {"NUM": [1, 2]}, first=(2012, 2), count=2)
    new = write_return(tmp_path / "b.xlsx", {"NUM": [3, 4]}, first=(2012, 4), count=2)
    data, problems = read(old, new)
    assert data.county["NUM"] == {Month(2012, 2): 1.0, Month(2012, 3): 2.0, APR12: 3.0, MAY12: 4.0}
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
    assert "returns/county.xlsx, sheet 'Return', cell C4" in error.text()
    assert "returns/districts.xlsx, sheet 'Return', cell D4" in error.text()
    assert "April 2012" in error.found
