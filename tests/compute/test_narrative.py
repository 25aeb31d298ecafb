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


@pytest.mark.parametrize("polarity, rags, values, expected", [
    ("Low", ("Red", "Amber"), (26, 22), "was red, now amber"),
    ("Low", ("Red", "Red"), (30, 27), "still red, May's own figure better than April's"),
    ("High", ("Red", "Red"), (60, 55), "still red, May's own figure worse than April's"),
    ("High", ("Red", "Red"), (60, 60), None),
    ("High", ("Green", "Green"), (90, 95), None),
    ("High", ("Amber", "Amber"), (88, 90), None),
    ("High", (None, "Green"), (None, 95), None),
])
def test_rag_movement_on_the_month_alone(polarity, rags, values, expected):
    subject = result(polarity=polarity, basis="YTD", month_rags=rags, month_values=values)
    assert narrative.rag_movement(subject) == expected


def test_counts_summed_over_the_year_are_compared_on_the_headline_not_the_month_alone():
    subject = result(basis="YTD", denominator=None, rag="Green", month_rags=("Red", "Red"),
                     month_values=(1, 2))
    # the headline was not judged last month in this record, so there is nothing to say
    assert narrative.rag_movement(subject) is None


def test_a_red_compared_on_the_headline_says_which_figures_moved():
    # a year-to-date count: May's YTD (12) against April's YTD (15), both red against 20
    subject = result(basis="YTD", denominator=None, rag="Red", direction="Worsening")
    before = subject.history[0]
    april = type(before)(before.month, Decimal(15), None, None, None, Decimal(20), "Red", None)
    now = type(before)(MAY, Decimal(12), None, None, None, Decimal(20), "Red", None)
    subject = type(subject)(subject.measure, now, MAY - 1, Decimal(15), "Worsening", subject.targets,
                            (april, now), None)
    assert narrative.rag_movement(subject) == "still red, May's year-to-date figure worse than April's"


def test_rag_movements_name_the_measure():
    subject = result(polarity="Low", basis="YTD", month_rags=("Red", "Amber"), month_values=(26, 22),
                     title="% referrals previously referred in last 12 months")
    assert narrative.rag_movements([subject]) == [
        "% referrals previously referred in last 12 months (was red, now amber)"]


def test_a_title_ending_in_brackets_takes_a_comma_not_a_second_bracket():
    subject = result(polarity="Low", basis="YTD", month_rags=("Red", "Red"), month_values=(30, 27),
                     title="% children with a CP plan for a second time (NI 65)")
    assert narrative.rag_movements([subject]) == [
        "% children with a CP plan for a second time (NI 65), still red, May's own figure better than "
        "April's"]


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
