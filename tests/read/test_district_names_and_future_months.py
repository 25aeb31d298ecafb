"""Returns as officers type them (contract v2 section 3): district names, figures typed early."""

from __future__ import annotations

import datetime as dt

import pytest
from builders import write_return

from fscxl.model.periods import Month
from fscxl.model.problems import ProblemLog
from fscxl.read.returns import read_return_file
from fscxl.read.stack import add_up

RUN_DAY = dt.date(2012, 6, 14)  # June 2012 has not ended


def stacked(paths, today=RUN_DAY):
    problems = ProblemLog()
    blocks = []
    for path in paths:
        outcome = read_return_file((path, path.name))
        problems.extend(outcome.problems)
        blocks.extend(outcome.blocks)
    return add_up(blocks, problems, today=today), problems


@pytest.mark.parametrize("older, newer", [
    (["North", "Swale"], ["north ", " SWALE"]),
    (["North ", "swale"], ["North", "Swale"]),
    (["NORTH", "Swale"], ["North", "Swale"]),
])
def test_district_names_match_ignoring_case_and_surrounding_spaces(tmp_path, older, newer):
    first = write_return(tmp_path / "a.xlsx", {"NUM": dict(zip(older, ([1, 2], [3, 4]), strict=True))},
                         first=(2012, 3), count=2, districts=True)
    second = write_return(tmp_path / "b.xlsx", {"NUM": dict(zip(newer, ([5], [6]), strict=True))},
                          first=(2012, 5), count=1, districts=True)
    data, problems = stacked([first, second])
    assert not problems.problems
    assert data.county["NUM"] == {Month(2012, 3): 4.0, Month(2012, 4): 6.0, Month(2012, 5): 11.0}
    assert "NUM" not in data.missing_districts
    # outputs use the spelling of the latest return
    assert set(data.by_district["NUM"]) == {name.strip() for name in newer}


def test_the_districts_expected_in_a_month_are_those_reporting_that_financial_year(tmp_path):
    # Thanet reported in 2011/12 only; in 2012/13 North and Swale are the whole county
    path = write_return(tmp_path / "a.xlsx", {"NUM": {"North": [1, 1, 1], "Swale": [2, 2, 2],
                                                      "Thanet": [4, None, None]}},
                        first=(2012, 3), count=3, districts=True)
    data, _ = stacked([path])
    assert data.county["NUM"] == {Month(2012, 3): 7.0, Month(2012, 4): 3.0, Month(2012, 5): 3.0}
    assert "NUM" not in data.missing_districts


def test_a_district_expected_that_year_and_missing_is_still_a_missing_month(tmp_path):
    path = write_return(tmp_path / "a.xlsx", {"NUM": {"North": [1, 1], "Swale": [2, None]}},
                        first=(2012, 4), count=2, districts=True)
    data, _ = stacked([path])
    assert data.missing_districts["NUM"] == {Month(2012, 5): ["Swale"]}


@pytest.mark.parametrize("headers, cell, kept", [
    (["Apr-12", "May-12", "Apr-30"], "E4", [Month(2012, 4), Month(2012, 5)]),  # a mistyped year
    (["Apr-12", "May-12", "Jun-12"], "E4", [Month(2012, 4), Month(2012, 5)]),  # the month not yet ended
    (["Apr-12", "May-12", "Jul-12"], "E4", [Month(2012, 4), Month(2012, 5)]),
])
def test_a_figure_under_a_month_not_yet_ended_is_an_error_naming_its_cell(tmp_path, headers, cell, kept):
    path = write_return(tmp_path / "a.xlsx", {"NUM": [1, 2, 3]}, headers=headers)
    data, problems = stacked([path])
    [error] = problems.errors
    assert (error.code, error.workbook, error.sheet, error.cell) == ("RET70", "a.xlsx", "Return", cell)
    assert sorted(data.county["NUM"]) == kept
    assert data.latest_month == Month(2012, 5)  # the early figure does not move the report


def test_a_blank_column_for_a_later_month_is_no_error(tmp_path):
    path = write_return(tmp_path / "a.xlsx", {"NUM": [1, 2, None]}, headers=["Apr-12", "May-12", "Jun-12"])
    _, problems = stacked([path])
    assert problems.problems == []
