"""Month headings as officers type them, and a Code heading with no month beside it."""

from __future__ import annotations

import datetime as dt

import pytest
from builders import measure, target, write_catalogue, write_return

from fscxl.model.periods import Month, parse_month
from fscxl.pipeline import validate


@pytest.mark.parametrize("heading, month", [
    ("30/04/2012", Month(2012, 4)),  # a month's last day, as an Excel table header turns a date to text
    ("01/04/2012", Month(2012, 4)),  # its first day
    ("1/4/2012", Month(2012, 4)),
    ("05/04/2012", Month(2012, 4)),  # day first: the 5th of April, never the 4th of May
    ("31.03.2013", Month(2013, 3)),
    (" 28-02-2013 ", Month(2013, 2)),
    ("29/02/2012", Month(2012, 2)),  # a leap day
    ("04/30/2012", None),  # month/day is not read as a date
    ("31/04/2012", None),  # no such day
    ("29/02/2013", None),
    ("30/04/12", None),  # a two-digit year is too easily a day or a month
    ("Apr-12", Month(2012, 4)),  # the forms read before still are
    ("2012-04-01", Month(2012, 4)),
    (dt.date(2012, 4, 30), Month(2012, 4)),
])
def test_month_headings(heading, month):
    assert parse_month(heading) == month


def _inputs(root, headers, series=None):
    inputs = root / "inputs"
    write_catalogue(inputs / "measures.xlsx", [measure()], [target(year="2011/12", target=80, floor=70)])
    write_return(inputs / "returns" / "return.xlsx", series or {"NUM": [8, 9], "DEN": [10, 10]},
                 headers=headers)
    return inputs


def test_a_sheet_of_needed_fields_without_month_headings_is_one_error_listed_first(tmp_path):
    inputs = _inputs(tmp_path, ["Q1 2011", "Q2 2011"])
    write_return(inputs / "returns" / "other.xlsx", {"OTHER": ["n/a"]}, first=(2011, 4), count=1)
    problems = validate(inputs)
    first = problems.sorted()[0]
    assert (first.code, first.workbook, first.sheet, first.cell) == ("RET50", "returns/return.xlsx", "Return", "A3")
    assert "row 3" in first.found and "'Q1 2011'" in first.found and "NUM, DEN" not in first.found
    assert "DEN, NUM" in first.found
    assert "XIN01" not in problems.codes()  # the fields are not reported missing one by one
    assert problems.sorted()[1].workbook == "returns/other.xlsx"  # the other error comes after


def test_a_sheet_without_month_headings_holding_no_needed_field_is_a_warning(tmp_path):
    inputs = _inputs(tmp_path, ["Apr-11", "May-11"])
    write_return(inputs / "returns" / "notes.xlsx", {"NUM": ["see notes"], "OTHER": ["a note"]},
                 headers=["Notes"])  # NUM is supplied by the real return
    problems = validate(inputs)
    assert [(p.code, p.workbook, p.cell) for p in problems.problems] == [("RET51", "returns/notes.xlsx", "A3")]


def test_a_needed_field_in_neither_kind_of_sheet_is_still_missing(tmp_path):
    inputs = _inputs(tmp_path, ["Apr-11", "May-11"], series={"NUM": [8, 9]})
    assert validate(inputs).codes() == ["XIN01"]
