"""A return saved in any form real programs produce gives the results of the same return saved plainly.

One case per numbered form of issue 15 (saved_forms.FORMS); the plain run is made once.
"""

from __future__ import annotations

import csv
import io

import pytest
from builders import measure, target, write_catalogue
from saved_forms import FORMS, plain_return

from fscxl.pipeline import run, validate


def _inputs(root, make_return):
    inputs = root / "inputs"
    write_catalogue(inputs / "measures.xlsx", [measure()], [target(year="2011/12", target=80, floor=70)])
    make_return(inputs / "returns" / "return.xlsx")
    return inputs


def _results(root, make_return) -> str:
    summary = run(_inputs(root, make_return), root / "outputs")
    return (summary.folder / "results.csv").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def plain_results(tmp_path_factory) -> str:
    return _results(tmp_path_factory.mktemp("plain"), plain_return)


@pytest.mark.parametrize("form", sorted(FORMS))
def test_a_return_saved_this_way_gives_the_same_results(tmp_path, plain_results, form):
    assert _results(tmp_path, FORMS[form]) == plain_results


@pytest.mark.parametrize("form", sorted(set(FORMS) - {"7_table_total_row"}))
def test_a_return_saved_this_way_gets_no_problem(tmp_path, form):
    assert validate(_inputs(tmp_path, FORMS[form])).problems == []


def test_a_table_total_row_is_skipped_with_a_warning_naming_its_cell(tmp_path):
    problems = validate(_inputs(tmp_path, FORMS["7_table_total_row"])).problems
    assert [(p.code, p.sheet, p.cell) for p in problems] == [("RET52", "Return", "A6")]


def test_the_plain_results_hold_the_returns_figures(plain_results):
    # so that the comparisons above could not pass by reading nothing from either return
    row = next(csv.DictReader(io.StringIO(plain_results)))
    assert (row["ref"], row["month"], row["value"]) == ("M1", "2011-06", "70.0")
