"""Each column of the Measures, Targets and Scorecards sheets, read through its specification:
a value typed in the column gives the record's value, or a problem with its code and cell."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D

import pytest
from builders import MEASURE_HEADERS, TARGET_HEADERS, read_catalogue_sheets
from openpyxl.utils import get_column_letter

from fscxl.check.codes import CHECKS
from fscxl.model.problems import ERROR
from fscxl.read.catalogue import MEASURE_SPECS, REPORT_SETTINGS, SCORECARD_SPECS, TARGET_SPECS

HEADERS = [*MEASURE_HEADERS, "Frequency", "Source return"]
GOOD = {"Ref": "M1", "Scorecard": "Children", "Area": "Outcomes", "Title": "A measure", "Unit": "%",
        "Polarity": "High", "Basis": "Month", "Numerator": "NUM", "Denominator": "DEN"}
FLOOR_HEADERS = [f"Floor {m}" for m in TARGET_HEADERS[8:]]


def cell(headers: list[str], column: str, row: int = 2) -> str:
    return f"{get_column_letter(headers.index(column) + 1)}{row}"


def read_measure(tmp_path, column: str, typed):
    values = {**GOOD, column: typed}
    return read_catalogue_sheets(tmp_path, {"Measures": [HEADERS, [values.get(h) for h in HEADERS]],
                                            "Targets": [["Ref", "Year"]]})


@pytest.mark.parametrize("column, typed, attribute, value", [
    ("Title", "  A measure  ", "title", "A measure"),
    ("Definition", None, "definition", ""),
    ("Unit", "rate per 100000", "unit", "Rate per 100,000"),
    ("Unit", " DAYS ", "unit", "Days"),
    ("Polarity", "band", "polarity", "Band"),
    ("Polarity", "None", "polarity", "None"),
    ("Basis", "rolling 12", "basis", "Rolling 12"),
    ("Basis", "snapshot", "basis", "Snapshot"),
    ("Numerator", " ref_rcvd ", "numerator", "REF_RCVD"),
    ("Denominator", " den ", "denominator_field", "DEN"),
    ("Denominator", 331200, "denominator_value", D(331200)),
    ("Denominator", "331,200", "denominator_value", D(331200)),
    ("Denominator", None, "has_denominator", False),
    ("Multiplier", None, "multiplier", D(100)),  # the unit's default
    ("Multiplier", 1000, "multiplier", D(1000)),
    ("Decimals", None, "decimals", 1),  # % shows one decimal by default
    ("Decimals", 0, "decimals", 0),
    ("Decimals", 6, "decimals", 6),
    ("Compare with", None, "compare_with", ""),  # blank: by the kind of measure
    ("Compare with", "previous month", "compare_with", "Previous month"),
    ("Compare with", "SAME MONTH LAST YEAR", "compare_with", "Same month last year"),
    ("Compare with", "Previous period", "compare_with", "Previous period"),
    ("Corporate", None, "corporate", False),
    ("Corporate", "Yes", "corporate", True),
    ("Corporate", "n", "corporate", False),
    ("Frequency", None, "frequency", "Monthly"),
    ("Frequency", "quarterly", "frequency", "Quarterly"),
    ("Frequency", " Annual", "frequency", "Annual"),
    ("Source return", "returns/referrals.xlsx", "source_return", "returns/referrals.xlsx"),
])
def test_a_measures_column_gives_its_value(tmp_path, column, typed, attribute, value):
    catalogue, problems = read_measure(tmp_path, column, typed)
    assert problems.problems == []
    assert getattr(catalogue.measures[0], attribute) == value


def test_a_unit_sets_the_default_multiplier_and_decimals(tmp_path):
    catalogue, _ = read_measure(tmp_path, "Unit", "Number")
    assert (catalogue.measures[0].multiplier, catalogue.measures[0].decimals) == (D(1), 0)
    catalogue, _ = read_measure(tmp_path, "Unit", "Rate per 10,000")
    assert (catalogue.measures[0].multiplier, catalogue.measures[0].decimals) == (D(10000), 1)


@pytest.mark.parametrize("column, typed, code", [
    *((column, None, "CAT03") for column in ("Scorecard", "Area", "Title", "Unit", "Polarity", "Basis",
                                             "Numerator")),
    ("Unit", "Percent", "CAT04"),
    ("Polarity", "Up", "CAT04"),
    ("Basis", "Quarterly", "CAT04"),  # a frequency, not a basis
    ("Denominator", 0, "CAT04"),
    ("Denominator", -5, "CAT04"),
    ("Denominator", dt.datetime(2012, 4, 1), "CAT04"),
    ("Multiplier", 0, "CAT04"),
    ("Multiplier", "ten", "CAT04"),
    ("Decimals", 7, "CAT04"),
    ("Decimals", -1, "CAT04"),
    ("Decimals", 1.5, "CAT04"),
    ("Compare with", "Last week", "CAT04"),
    ("Corporate", "maybe", "CAT04"),
    ("Frequency", "Weekly", "CAT04"),
    ("Frequency", "Month", "CAT04"),
])
def test_a_measures_value_it_cannot_take_is_an_error_naming_its_cell(tmp_path, column, typed, code):
    catalogue, problems = read_measure(tmp_path, column, typed)
    assert [(p.code, p.severity, p.sheet, p.cell) for p in problems.problems] == [
        (code, ERROR, "Measures", cell(HEADERS, column))]
    assert catalogue.measures == []  # the measure is left out rather than guessed


def read_target(tmp_path, values: dict, polarity="High"):
    headers = [*TARGET_HEADERS, *FLOOR_HEADERS]
    row = {"Ref": "M1", "Year": "2012/13", **values}
    measure = {**GOOD, "Polarity": polarity}
    catalogue, problems = read_catalogue_sheets(tmp_path, {
        "Measures": [HEADERS, [measure.get(h) for h in HEADERS]],
        "Targets": [headers, [row.get(h) for h in headers]]})
    return catalogue.target_for("M1", 2012), problems, headers


@pytest.mark.parametrize("values, attribute, value", [
    ({"Target": 80, "Floor": 70}, "target", D(80)),
    ({"Target": "1,234", "Floor": 1000}, "target", D(1234)),
    ({"Target": 80, "Floor": 70}, "floor", D(70)),
    ({"Benchmark": 72.5, "Benchmark source": " England 2011/12 "}, "benchmark", D("72.5")),
    ({"Benchmark": 72.5, "Benchmark source": " England 2011/12 "}, "benchmark_source", "England 2011/12"),
    ({"Year": "2012-13"}, "year", 2012),
    ({"Year": 2012}, "year", 2012),
    ({"May": 75}, "phased", (None, D(75), *[None] * 10)),
    ({"Target": 80, "Floor Mar": 70}, "phased_floor", (*[None] * 11, D(70))),
    ({"Target": 80, "Floor Apr": 60, "Floor May": "65"}, "phased_floor", (D(60), D(65), *[None] * 10)),
])
def test_a_targets_column_gives_its_value(tmp_path, values, attribute, value):
    target, problems, _ = read_target(tmp_path, values)
    assert problems.problems == []
    assert getattr(target, attribute) == value


@pytest.mark.parametrize("values, code, column", [
    ({"Ref": None, "Target": 80}, "TGT03", "Ref"),
    ({"Ref": "M9", "Target": 80}, "TGT03", "Ref"),
    ({"Year": "2012/14"}, "TGT04", "Year"),
    ({"Year": None}, "TGT04", "Year"),
    *(({column: "tbc"}, "TGT06", column)
      for column in ("Target", "Floor", "Target upper", "Floor upper", "Benchmark", "Apr", "Mar",
                     "Floor Apr", "Floor Mar")),
    ({"Target": 0.8}, "TGT09", "Target"),  # a percentage written as a fraction: a warning
    ({"Target": 80, "Floor Jun": 70.25}, "TGT11", "Floor Jun"),  # finer than the 1 decimal shown
])
def test_a_targets_value_it_cannot_take_is_named_by_code_and_cell(tmp_path, values, code, column):
    _, problems, headers = read_target(tmp_path, values)
    assert [(p.code, p.sheet, p.cell) for p in problems.problems] == [(code, "Targets", cell(headers, column))]
    assert CHECKS[code].severity == problems.problems[0].severity


SCORECARD_HEADERS = ["Scorecard", "Title", "Layout", "Appendix"]


def read_scorecards(tmp_path, rows: list[list]):
    return read_catalogue_sheets(tmp_path, {
        "Measures": [HEADERS, [GOOD.get(h) for h in HEADERS],
                     [{**GOOD, "Ref": "M2", "Scorecard": "Adults"}.get(h) for h in HEADERS]],
        "Targets": [["Ref", "Year"]], "Scorecards": [SCORECARD_HEADERS, *rows]})


@pytest.mark.parametrize("row, expected", [
    (["children", None, None, None], ("Children", "Children", "Scorecard", "B")),
    (["Children", "Children's scorecard", " dashboard ", "c"],
     ("Children", "Children's scorecard", "Dashboard", "C")),
])
def test_a_scorecards_row_gives_title_layout_and_letter(tmp_path, row, expected):
    catalogue, problems = read_scorecards(tmp_path, [row])
    assert problems.problems == []
    card = catalogue.scorecards[0]
    assert (card.name, card.title, card.layout, card.appendix) == expected


@pytest.mark.parametrize("rows, code, cell_name", [
    ([["Children", None, "Cards", None]], "SCD02", "C2"),
    ([["Children", None, None, "BB"]], "SCD02", "D2"),
    ([["Children", None, None, 7]], "SCD02", "D2"),
    ([["Children", None, None, "C"], ["Adults", None, None, "c"]], "SCD03", "D3"),
    ([["Older people", None, None, None]], "SCD04", "A2"),
])
def test_a_scorecards_value_it_cannot_take_is_named_by_code_and_cell(tmp_path, rows, code, cell_name):
    _, problems = read_scorecards(tmp_path, rows)
    assert [(p.code, p.sheet, p.cell) for p in problems.problems] == [(code, "Scorecards", cell_name)]
    assert CHECKS[code].severity == problems.problems[0].severity


@pytest.mark.parametrize("specs", [MEASURE_SPECS, TARGET_SPECS, SCORECARD_SPECS, REPORT_SETTINGS])
def test_every_column_says_how_to_put_a_wrong_value_right(specs):
    """A column that can refuse a value gives the officer a fix (or lists the words it takes)."""
    refusing = [spec for spec in specs if spec.parse is not None or spec.allowed or spec.required]
    assert [spec.name for spec in refusing if not spec.fix_text] == []


def test_a_target_for_a_measure_left_out_for_its_own_error_is_not_reported_again(tmp_path):
    values = {**GOOD, "Unit": "Percent"}
    _, problems = read_catalogue_sheets(tmp_path, {
        "Measures": [HEADERS, [values.get(h) for h in HEADERS]],
        "Targets": [TARGET_HEADERS, ["M1", "2012/13", 80, 70]]})
    assert [(p.code, p.cell) for p in problems.problems] == [("CAT04", cell(HEADERS, "Unit"))]
