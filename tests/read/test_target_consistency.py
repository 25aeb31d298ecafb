"""Consistency of floors with targets (contract section 2): in every month the floor used must not
lie on the wrong side of the target used. A violation is an error naming the Targets cell, the
phased cell where a phased value is involved."""

from __future__ import annotations

from decimal import Decimal as D

import pytest
from builders import MEASURE_HEADERS, TARGET_HEADERS, measure, read_catalogue_sheets

from fscxl.model.problems import ERROR

MONTHS = TARGET_HEADERS[8:]
HEADERS = [*TARGET_HEADERS, *(f"Floor {m}" for m in MONTHS)]
# Ref A, Year B, Target C, Floor D, Target upper E, Floor upper F, Apr I .. Mar T, Floor Apr U .. Floor Mar AF

RUNNING_COUNT = {"unit": "Number", "basis": "YTD", "denominator": None}  # summed from April, no denominator


def read_targets(tmp_path, polarity: str, values: dict, kind: dict | None = None):
    row = {"Ref": "M1", "Year": "2012/13", **values}
    return read_catalogue_sheets(tmp_path, {
        "Measures": [MEASURE_HEADERS, measure(polarity=polarity, **(kind or {}))],
        "Targets": [HEADERS, [row.get(h) for h in HEADERS]]})


@pytest.mark.parametrize("polarity, values, kind, cells", [
    # High: F <= T
    ("High", {"Target": 80, "Floor": 70}, None, []),
    ("High", {"Target": 80, "Floor": 80}, None, []),  # equal is allowed
    ("High", {"Target": 80, "Floor": 90}, None, ["D2"]),  # year-end: the Floor cell
    ("High", {"Target": 80, "Floor": 70, "Floor May": 85}, None, ["V2"]),  # the phased floor
    ("High", {"Target": 80, "Floor": 70, "May": 60}, None, ["J2"]),  # a phased target below the floor
    ("High", {"Target": 80, "Floor": 70, "May": 60, "Floor May": 55}, None, []),  # put right by a phased floor
    ("High", {"Target": 80, "Floor": 70, "May": 60, "Floor May": 65}, None, ["V2"]),
    # a running count's floor is pro-rated with its phased target: 60 x 20 / 120 = 10 <= 20
    ("High", {"Target": 120, "Floor": 60, "May": 20}, RUNNING_COUNT, []),
    ("High", {"Target": 120, "Floor": 60, "Apr": 10, "May": 20, "Jun": 30}, RUNNING_COUNT, []),
    # ...whereas the same figures for a measure that is not a running count put 60 above 20
    ("High", {"Target": 120, "Floor": 60, "May": 20}, {"unit": "Number", "basis": "Month"}, ["J2"]),
    ("High", {"Target": 120, "Floor": 130, "May": 20}, RUNNING_COUNT, ["D2", "J2"]),
    # Low: F >= T
    ("Low", {"Target": 20, "Floor": 25}, None, []),
    ("Low", {"Target": 20, "Floor": 15}, None, ["D2"]),
    ("Low", {"Target": 20, "Floor": 25, "Floor Jun": 15}, None, ["W2"]),
    ("Low", {"Target": 20, "Floor": 25, "Jun": 30}, None, ["K2"]),
    # Band: F <= T <= T upper <= F upper
    ("Band", {"Target": 40, "Floor": 30, "Target upper": 60, "Floor upper": 70}, None, []),
    ("Band", {"Target": 40, "Floor": 45, "Target upper": 60, "Floor upper": 70}, None, ["D2"]),
    ("Band", {"Target": 40, "Floor": 30, "Target upper": 60, "Floor upper": 55}, None, ["F2"]),
    ("Band", {"Target": 40, "Floor": 30, "Target upper": 60, "Floor upper": 70, "May": 65}, None, ["J2"]),
    ("Band", {"Target": 40, "Floor": 30, "Target upper": 60, "Floor upper": 70, "May": 25}, None, ["J2"]),
    ("Band", {"Target": 40, "Floor": 30, "Target upper": 60, "Floor upper": 70, "Floor May": 50}, None,
     ["V2"]),
    # no target or no floor: nothing to compare
    ("High", {"Floor": 90}, None, []),
    ("High", {"Target": 80}, None, []),
])
def test_a_floor_on_the_wrong_side_of_its_target_is_an_error_naming_its_cell(
        tmp_path, polarity, values, kind, cells):
    catalogue, problems = read_targets(tmp_path, polarity, values, kind)
    assert [(p.code, p.severity, p.sheet, p.cell) for p in problems.problems] == [
        ("TGT10", ERROR, "Targets", cell) for cell in cells]


def test_a_year_end_violation_is_one_error_for_every_month(tmp_path):
    _, problems = read_targets(tmp_path, "High", {"Target": 80, "Floor": 90})
    [problem] = problems.problems
    assert "every month" in problem.found


def test_the_pro_rated_floor_is_the_floor_judged(tmp_path):
    catalogue, problems = read_targets(tmp_path, "High", {"Target": 120, "Floor": 60, "May": 20},
                                       RUNNING_COUNT)
    target = catalogue.target_for("M1", 2012)
    assert (target.for_month(5), target.floor_for(5, catalogue.measures[0].running_count)) == (D(20), D(10))
