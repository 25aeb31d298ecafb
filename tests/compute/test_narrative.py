"""The drafted commentary, table by table: RAG position, direction of travel, RAG movements."""

from __future__ import annotations

from decimal import Decimal

import pytest

from fscxl.compute import narrative
from fscxl.compute.results import MeasureResult, MonthFigures
from fscxl.model.periods import Month
from fscxl.model.records import Measure, Target

MAY = Month(2012, 5)


def result(rag=None, direction=None, basis="Month", polarity="High", month_rags=(None, None),
           month_values=(None, None), denominator="DEN", title="A measure") -> MeasureResult:
    measure = Measure("M1", "Children", "Outcomes", title, "%", polarity, basis, "NUM",
                      denominator_field=denominator)
    before = MonthFigures(MAY - 1, None, _d(month_values[0]), None, None, Decimal(20), None,
                          month_rags[0])
    now = MonthFigures(MAY, Decimal(1), _d(month_values[1]), None, None, Decimal(20), rag,
                       month_rags[1])
    return MeasureResult(measure, now, MAY - 1, None, direction, Target("M1", 2012, Decimal(20)),
                         (before, now), None)


def _d(value):
    return None if value is None else Decimal(str(value))


@pytest.mark.parametrize("rags, bases, expected", [
    (["Amber"] * 8 + ["Red"] * 4, ["Month"] * 9 + ["YTD"] * 3,
     "Of the 12 measures, 8 are amber and 4 red; 3 of the reds are year-to-date figures, "
     "covering April to May 2012 only."),
    (["Green", "Amber", "Red"], ["Month"] * 3, "Of the 3 measures, 1 is green, 1 amber and 1 red."),
    (["Red"], ["YTD"], "The one measure is red; the red is a year-to-date figure, covering "
     "April to May 2012 only."),
    (["Red", "Red"], ["YTD", "YTD"], "Both measures are red; both reds are year-to-date "
     "figures, covering April to May 2012 only."),
    (["Green", None], ["Month", "Month"], "Of the 2 measures, 1 is green; 1 has no alert (no figure "
     "or no target)."),
    ([None], ["Month"], "The one measure has no RAG alert."),
    ([None, None], ["Month"] * 2, "None of the 2 measures has a RAG alert."),
    (["Green"] * 8, ["Month"] * 8, "All 8 measures are green."),
])
def test_rag_sentence(rags, bases, expected):
    results = [result(rag=rag, basis=basis) for rag, basis in zip(rags, bases, strict=True)]
    assert narrative.rag_sentence(results) == expected


def test_context_measures_are_counted_apart():
    results = [result(rag="Green"), result(polarity="None")]
    assert narrative.rag_sentence(results) == "Of the 2 measures, 1 is green; 1 is context only."


@pytest.mark.parametrize("directions, expected", [
    (["Improving"] * 9 + ["Worsening"] * 2 + ["No change"],
     "Direction of travel: 9 improving, 2 worsening and 1 unchanged."),
    (["Up", "Down"], "No direction of travel yet."),
    (["Worsening", None], "Direction of travel: 1 worsening."),
    (["Improving"] * 8, "Direction of travel: all 8 improving."),
    (["No change", "No change"], "Direction of travel: both unchanged."),
])
def test_direction_sentence(directions, expected):
    assert narrative.direction_sentence([result(direction=d) for d in directions]) == expected


def moved(rags, values, polarity="High", basis="YTD", denominator="DEN", month_rags=(None, None),
          title="A measure") -> MeasureResult:
    """A result whose headline figures for April and May are `values`, judged `rags`."""
    measure = Measure("M1", "Children", "Outcomes", title, "%", polarity, basis, "NUM",
                      denominator_field=denominator, decimals=1)
    april, may = (MonthFigures(month, _d(value), None, None, None, Decimal(20), rag, month_rag)
                  for month, value, rag, month_rag in zip((MAY - 1, MAY), values, rags, month_rags,
                                                          strict=True))
    return MeasureResult(measure, may, MAY - 1, _d(values[0]), None, Target("M1", 2012, Decimal(20)),
                         (april, may), None)


@pytest.mark.parametrize("polarity, rags, values, expected", [
    ("Low", ("Red", "Amber"), (26, 22), "year-to-date figure was red in April at 26.0%, now amber at 22.0%"),
    ("Low", ("Red", "Red"), (30, 27), "still red, May's year-to-date figure (27.0%) better than April's (30.0%)"),
    ("High", ("Red", "Red"), (60, 55), "still red, May's year-to-date figure (55.0%) worse than April's (60.0%)"),
    ("High", ("Red", "Red"), (60, 60), None),
    ("High", ("Green", "Green"), (90, 95), None),
    ("High", ("Amber", "Amber"), (88, 90), None),
    ("High", (None, "Green"), (None, 95), None),
])
def test_rag_movement_compares_the_headline_figures(polarity, rags, values, expected):
    assert narrative.rag_movement(moved(rags, values, polarity)) == expected


def test_a_movement_follows_the_headline_not_the_months_own_figure():
    # the month alone went from amber to red, but the headline the grid shows stayed amber
    subject = moved(("Amber", "Amber"), (75, 74), month_rags=("Amber", "Red"))
    assert narrative.rag_movement(subject) is None


@pytest.mark.parametrize("basis, words", [("Month", "month's"), ("Rolling 12", "rolling 12-month"),
                                          ("Snapshot", "month-end")])
def test_a_movement_names_the_figure_it_compares(basis, words):
    assert narrative.rag_movement(moved(("Red", "Amber"), (10, 15), basis=basis)) == (
        f"{words} figure was red in April at 10.0%, now amber at 15.0%")


def test_the_movements_heading_says_which_figures_are_compared():
    assert narrative.movements_heading(MAY) == (
        "Changes in RAG alert since April (each measure's headline figure for April against its "
        "figure for May)")


def test_rag_movements_name_the_measure():
    subject = moved(("Red", "Amber"), (26, 22), polarity="Low",
                    title="% referrals previously referred in last 12 months")
    assert narrative.rag_movements([subject]) == [
        "% referrals previously referred in last 12 months (year-to-date figure was red in April at "
        "26.0%, now amber at 22.0%)"]


def test_a_title_ending_in_brackets_takes_a_comma_not_a_second_bracket():
    subject = moved(("Red", "Red"), (30, 27), polarity="Low",
                    title="% children with a CP plan for a second time (NI 65)")
    assert narrative.rag_movements([subject]) == [
        "% children with a CP plan for a second time (NI 65), still red, May's year-to-date figure "
        "(27.0%) better than April's (30.0%)"]


def test_area_summary_joins_both_sentences():
    text = narrative.area_summary([result(rag="Amber", direction="Improving")])
    assert text == "The one measure is amber. Direction of travel: 1 improving."


@pytest.mark.parametrize("rag, direction, basis, expected", [
    ("Red", "Improving", "YTD", "1% year to date: red, improving."),
    (None, "Up", "Snapshot", "1% at the month end: up."),
    (None, None, "Rolling 12", "1% rolling 12 months."),
])
def test_measure_position_beside_an_officers_words(rag, direction, basis, expected):
    assert narrative.measure_position(result(rag, direction, basis)) == expected
