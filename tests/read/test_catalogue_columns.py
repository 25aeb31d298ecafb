"""Contract section 2: the catalogue (measures.xlsx), column by column."""

from __future__ import annotations

from decimal import Decimal as D

import openpyxl
import pytest
from builders import measure, read_catalogue_sheets, target, write_catalogue, write_return, write_sheet
from builders import read_catalogue as load_catalogue
from contract_helpers import read_csv

from fscxl.model.problems import ProblemLog
from fscxl.pipeline import run

REQUIRED = ["Ref", "Scorecard", "Area", "Title", "Unit", "Polarity", "Basis", "Numerator"]


def load(tmp_path, measures, targets, scorecards=None):
    path = write_catalogue(tmp_path / "measures.xlsx", measures, targets, scorecards)
    problems = ProblemLog()
    return load_catalogue(path, "measures.xlsx", problems), problems


def test_only_the_required_columns_in_any_order_and_case_with_extra_columns(tmp_path):
    headers = ["  numerator", "BASIS ", "Polarity", "unit", "Notes for me", "title", "AREA", "scorecard", " Ref "]
    row = ["num", "Ytd", "low", "number", "ignored", "Looked after children", "Care", "Children", "CH09"]
    catalogue, problems = read_catalogue_sheets(tmp_path, {
        "Measures": [["Catalogue 2012/13"], [], headers, row],
        "Targets": [["YEAR", "ref", "Extra"], ["2012/13", "CH09", "x"]]})
    assert not problems.problems, [p.text() for p in problems.problems]
    [m] = catalogue.measures
    assert (m.ref, m.scorecard, m.area, m.title, m.unit, m.polarity, m.basis, m.numerator) == (
        "CH09", "Children", "Care", "Looked after children", "Number", "Low", "YTD", "NUM")
    assert (m.denominator_field, m.denominator_value, m.multiplier, m.decimals, m.compare_with, m.corporate,
            m.frequency) == (None, None, D(1), 0, "", False, "Monthly")  # blank Compare with: by kind
    target_row = catalogue.target_for("CH09", 2012)
    assert target_row is not None and target_row.target is None and target_row.for_month(5) is None


@pytest.mark.parametrize("missing", REQUIRED)
def test_each_required_measures_column_is_required(tmp_path, missing):
    headers = [h for h in REQUIRED if h != missing]
    values = {"Ref": "M1", "Scorecard": "S", "Area": "A", "Title": "T", "Unit": "%", "Polarity": "High",
              "Basis": "Month", "Numerator": "NUM"}
    rows = [headers, [values[h] for h in headers]]
    if missing == "Ref":  # the header row is found by its Ref heading
        rows = [["Ref", *headers], ["M1", *[values[h] for h in headers]]]
        rows[0] = [h for h in rows[0] if h != "Ref"] + ["Reference"]
    catalogue, problems = read_catalogue_sheets(tmp_path, {"Measures": rows, "Targets": [["Ref", "Year"]]})
    code = "TAB01" if missing == "Ref" else "TAB02"  # no header row at all, or one column short
    assert [(p.code, p.sheet) for p in problems.errors] == [(code, "Measures")]
    assert missing in problems.errors[0].found


@pytest.mark.parametrize("unit, polarity, basis", [
    ("%", "High", "Month"), ("Number", "Low", "YTD"), ("Rate per 10,000", "Band", "Rolling 12"),
    ("Rate per 100,000", "None", "Snapshot"), ("Days", "high", "ytd"), ("Score", "LOW", "ROLLING 12")])
def test_every_unit_polarity_and_basis_is_accepted(tmp_path, unit, polarity, basis):
    catalogue, problems = load(tmp_path, [measure(unit=unit, polarity=polarity, basis=basis)], [])
    assert not problems.errors
    assert catalogue.measures[0].unit == unit


@pytest.mark.parametrize("denominator, field, value", [
    ("DEN", "DEN", None), (" den ", "DEN", None), (331200, None, D(331200)), ("331,200", None, D(331200)),
    ("331200", None, D(331200)), (1234.5, None, D("1234.5"))])
def test_denominator_is_a_field_code_or_a_number(tmp_path, denominator, field, value):
    catalogue, problems = load(tmp_path, [measure(denominator=denominator)], [])
    assert not problems.errors
    m = catalogue.measures[0]
    assert (m.denominator_field, m.denominator_value) == (field, value)


@pytest.mark.parametrize("unit, multiplier, decimals", [
    ("%", D(100), 1), ("Rate per 10,000", D(10000), 1), ("Rate per 100,000", D(100000), 1),
    ("Number", D(1), 0), ("Days", D(1), 0), ("Score", D(1), 0)])
def test_multiplier_and_decimals_defaults(tmp_path, unit, multiplier, decimals):
    catalogue, problems = load(tmp_path, [measure(unit=unit)], [])
    m = catalogue.measures[0]
    assert (m.multiplier, m.decimals, m.multiplier_given) == (multiplier, decimals, False)


def test_compare_with_and_corporate(tmp_path):
    catalogue, problems = load(tmp_path, [
        measure("A", compare_with="Previous month", corporate="Y"),
        measure("B", compare_with=" same month last year ", corporate="y"),
        measure("C", corporate=None),
        measure("D", compare_with="PREVIOUS PERIOD", corporate="no")], [])
    assert not problems.problems
    a, b, c, d = catalogue.measures
    assert (a.compare_with, b.compare_with, c.compare_with, d.compare_with) == (
        "Previous month", "Same month last year", "", "Previous period")  # "" compares by kind
    assert (a.corporate, b.corporate, c.corporate, d.corporate) == (True, True, False, False)


def test_targets_year_phasing_band_and_benchmark(tmp_path):
    catalogue, problems = load(tmp_path, [measure("B1", polarity="Band", unit="Number", denominator=None)], [
        target("B1", year="2012/13", target=480, floor=430, target_upper=560, floor_upper=600,
               benchmark=500, source="Statistical neighbours", phased=[None] * 11 + [470]),
        target("B1", year="2013/14", target=490, floor=440, target_upper=570, floor_upper=610)])
    assert not problems.problems
    t = catalogue.target_for("B1", 2012)
    assert (t.target, t.floor, t.target_upper, t.floor_upper, t.benchmark, t.benchmark_source) == (
        480, 430, 560, 600, 500, "Statistical neighbours")
    assert t.for_month(3) == 470 and t.for_month(4) == 480 and t.for_month(2) == 480
    assert catalogue.target_for("B1", 2013).target == 490


def test_duplicate_target_rows_and_unknown_refs_are_errors(tmp_path):
    _, problems = load(tmp_path, [measure("M1")], [target("M1", target=1), target("M1", target=2),
                                                   target("ZZ9", target=3)])
    assert [(p.code, p.sheet, p.cell) for p in problems.errors] == [
        ("TGT05", "Targets", "A3"), ("TGT03", "Targets", "A4")]


def test_areas_appear_in_order_of_first_appearance(tmp_path):
    catalogue, _ = load(tmp_path, [measure("A", area="Zeta"), measure("B", area="Alpha"),
                                   measure("C", area="Zeta"), measure("D", area="Mid")], [])
    assert list(dict.fromkeys(m.area for m in catalogue.measures if m.scorecard == "Children")) == ["Zeta", "Alpha", "Mid"]


def test_a_scorecard_without_a_row_gets_defaults_and_the_next_free_letter(tmp_path):
    catalogue, problems = load(tmp_path, [measure("A1", scorecard="Adults"), measure("C1", scorecard="Children"),
                                          measure("P1", scorecard="Public Health")], [],
                               [["Adults", "Adult Social Care", "Dashboard", "B"]])
    assert not problems.problems
    cards = {c.name: c for c in catalogue.scorecards}
    assert (cards["Adults"].title, cards["Adults"].layout, cards["Adults"].appendix) == (
        "Adult Social Care", "Dashboard", "B")
    assert (cards["Children"].title, cards["Children"].layout, cards["Children"].appendix) == (
        "Children", "Scorecard", "C")
    assert cards["Public Health"].appendix == "D"


def test_scorecards_sheet_names_match_the_measures_whatever_the_case(tmp_path):
    # A Scorecards row for 'adults ' is the Adults scorecard: names are matched as headings are.
    catalogue, problems = load(tmp_path, [measure("A1", scorecard="Adults")], [],
                               [[" adults ", "Adult Social Care", "dashboard", "b"]])
    assert not problems.problems, [p.text() for p in problems.problems]
    [card] = catalogue.scorecards
    assert (card.name, card.title, card.layout, card.appendix) == ("Adults", "Adult Social Care", "Dashboard", "B")


def test_no_scorecards_sheet(tmp_path):
    catalogue, problems = load(tmp_path, [measure("C1", scorecard="Children"), measure("A1", scorecard="Adults")],
                               [])
    assert not problems.problems
    assert [(c.name, c.title, c.layout, c.appendix) for c in catalogue.scorecards] == [
        ("Children", "Children", "Scorecard", "B"), ("Adults", "Adults", "Scorecard", "C")]


def test_a_minimal_catalogue_runs_end_to_end(tmp_path):
    inputs = tmp_path / "inputs"
    inputs.mkdir()
    book = openpyxl.Workbook()
    write_sheet(book, "Measures", [REQUIRED, ["M1", "Children", "Area", "Title", "%", "High", "Month", "NUM"]],
                first=True)
    write_sheet(book, "Targets", [["Ref", "Year", "Target"], ["M1", "2012/13", 5]])
    book.save(inputs / "measures.xlsx")
    write_return(inputs / "returns" / "r.xlsx", {"NUM": [4] * 14})
    summary = run(inputs, tmp_path / "out")
    [row] = read_csv(summary.folder / "results.csv")
    assert (row["value"], row["target"], row["rag"], row["floor"]) == ("4.0", "5.0", "Amber", "")


def test_a_formula_without_a_saved_result_is_described_in_words(tmp_path):
    catalogue, problems = load(tmp_path, [measure(unit="=A1")], [])
    [error] = problems.errors
    assert (error.code, error.cell) == ("CAT04", "F2") and "formula with no saved result" in error.found
    assert "FORMULA_WITHOUT_RESULT" not in error.text()
