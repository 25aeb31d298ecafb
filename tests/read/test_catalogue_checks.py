"""The catalogue is checked on load: each fault is an error naming sheet, cell and what is allowed."""

from decimal import Decimal as D

import pytest
from builders import measure, target, write_catalogue
from builders import read_catalogue as load_catalogue

from fscxl.model.problems import ProblemLog


def load(tmp_path, measures, targets, scorecards=None):
    path = write_catalogue(tmp_path / "measures.xlsx", measures, targets, scorecards)
    problems = ProblemLog()
    return load_catalogue(path, "measures.xlsx", problems), problems


def only_error(problems):
    assert len(problems.errors) == 1, [p.text() for p in problems.problems]
    return problems.errors[0]


def coded(problems) -> list[tuple[str, str, str]]:
    """(code, sheet, cell) of every problem, as tests assert them."""
    return [(p.code, p.sheet, p.cell) for p in problems.problems]


def test_a_good_catalogue_loads_with_defaults(tmp_path):
    cat, problems = load(tmp_path, [
        measure("P1", unit="%"), measure("R1", unit="Rate per 10,000", denominator=331200),
        measure("N1", unit="Number", denominator=None), measure("D1", unit="Days", multiplier=1),
    ], [target("P1", target=80, floor=70, phased=[75, 76] + [None] * 10)])
    assert not problems.problems
    p1, r1, n1, d1 = cat.measures
    assert (p1.multiplier, p1.decimals, p1.denominator_field) == (D(100), 1, "DEN")
    assert (r1.multiplier, r1.decimals, r1.denominator_value) == (D(10000), 1, D(331200))
    assert (n1.multiplier, n1.decimals, n1.multiplier_given) == (D(1), 0, False)
    assert d1.multiplier_given and d1.decimals == 0
    t = cat.target_for("P1", 2012)
    assert t.for_month(4) == D(75) and t.for_month(5) == D(76) and t.for_month(6) == D(80)
    assert [s.appendix for s in cat.scorecards] == ["B"]  # A is the business plan's


@pytest.mark.parametrize("row, code, cell", [
    (measure(unit="Percent"), "CAT04", "F2"),
    (measure(polarity="Up"), "CAT04", "G2"),
    (measure(basis="Quarterly"), "CAT04", "H2"),
    (measure(decimals=1.5), "CAT04", "L2"),
    (measure(compare_with="Last week"), "CAT04", "M2"),
    (measure(title=None), "CAT03", "D2"),
])
def test_bad_measure_values_are_named(tmp_path, row, code, cell):
    _, problems = load(tmp_path, [row], [])
    only_error(problems)
    assert coded(problems) == [(code, "Measures", cell)]


def test_an_unknown_word_is_quoted_with_the_words_allowed(tmp_path):
    _, problems = load(tmp_path, [measure(unit="Percent")], [])
    text = only_error(problems).text()
    assert "'Percent'" in text and "Rate per 10,000" in text


def test_duplicate_ref_names_both_rows(tmp_path):
    _, problems = load(tmp_path, [measure("X1"), measure("X1")], [])
    assert coded(problems) == [("CAT05", "Measures", "A3")]
    assert "A2" in only_error(problems).found  # the first use is named too


def test_band_without_upper_edges(tmp_path):
    _, problems = load(tmp_path, [measure(polarity="Band")], [target(target=480, floor=430)])
    assert coded(problems) == [("TGT07", "Targets", "C2"), ("TGT07", "Targets", "D2")]


def test_non_numeric_target(tmp_path):
    _, problems = load(tmp_path, [measure()], [target(target="eighty", floor=70)])
    assert coded(problems) == [("TGT06", "Targets", "C2")]
    assert "'eighty'" in only_error(problems).found


def test_non_numeric_phased_target(tmp_path):
    _, problems = load(tmp_path, [measure()], [target(target=80, phased=["tbc"] + [None] * 11)])
    assert coded(problems) == [("TGT06", "Targets", "I2")]


def test_bad_financial_year(tmp_path):
    _, problems = load(tmp_path, [measure()], [target(year="2012/14", target=80)])
    assert coded(problems) == [("TGT04", "Targets", "B2")]


def test_units_and_choices_read_loosely(tmp_path):
    cat, problems = load(tmp_path, [measure(unit="rate per 10000", polarity=" high ", basis="rolling 12")], [])
    assert not problems.problems
    assert (cat.measures[0].unit, cat.measures[0].polarity, cat.measures[0].basis) == (
        "Rate per 10,000", "High", "Rolling 12")


@pytest.mark.parametrize("polarity, tgt, floor, wrong", [
    ("High", 80, 90, True), ("High", 80, 70, False), ("High", 80, 80, False),
    ("Low", 20, 10, True), ("Low", 20, 25, False), ("Low", 20, 20, False)])
def test_a_floor_on_the_wrong_side_of_the_target_is_an_error_naming_the_floor(
        tmp_path, polarity, tgt, floor, wrong):
    _, problems = load(tmp_path, [measure(polarity=polarity)], [target(target=tgt, floor=floor)])
    assert coded(problems) == ([("TGT10", "Targets", "D2")] if wrong else [])


def test_a_target_finer_than_the_figure_is_warned(tmp_path):
    _, problems = load(tmp_path, [measure(unit="Number", denominator=None)],  # 0 decimals
                       [target(target=80.4, floor=70, phased=[80] + [None] * 11)])
    assert not problems.errors
    assert coded(problems) == [("TGT11", "Targets", "C2")]
    _, problems = load(tmp_path, [measure()], [target(target=80.5, floor=70.0)])  # % has 1 decimal
    assert not problems.problems
