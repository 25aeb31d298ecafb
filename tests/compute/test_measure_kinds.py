"""Every kind of measure judged right (contract v2 section 6): frequencies, floors, direction by kind."""

from __future__ import annotations

from decimal import Decimal

import numpy as np
import pytest

from fscxl.compute import figures
from fscxl.compute.results import build_results
from fscxl.model.periods import Month
from fscxl.model.problems import ProblemLog
from fscxl.model.records import (
    ANNUAL,
    COMPARE_LAST_YEAR,
    COMPARE_PREVIOUS,
    COMPARE_PREVIOUS_PERIOD,
    MONTHLY,
    QUARTERLY,
    Catalogue,
    DistrictTable,
    Measure,
    ReturnsData,
    Target,
)

MAY12 = Month(2012, 5)
APR11 = Month(2011, 4)
D = Decimal


def count(ref="C1", basis="Month", polarity="High", frequency=MONTHLY, compare_with="", **kw) -> Measure:
    return Measure(ref, "Adults", "Area", f"Measure {ref}", "Number", polarity, basis, "NUM",
                   frequency=frequency, compare_with=compare_with, **kw)


def percentage(ref="P1", basis="Month", frequency=MONTHLY, compare_with="") -> Measure:
    return Measure(ref, "Adults", "Area", f"Measure {ref}", "%", "High", basis, "NUM",
                   denominator_field="DEN", multiplier=D(100), decimals=1, frequency=frequency,
                   compare_with=compare_with)


def monthly(values: dict[Month, float] | None = None, first=APR11, last=MAY12, each=10.0):
    """A field's figures, one a month from `first` to `last`, with `values` overriding."""
    series = {first + i: each for i in range(last - first + 1)}
    series.update(values or {})
    return series


def result_for(measure: Measure, data: ReturnsData, target: Target | None = None, month=MAY12):
    problems = ProblemLog()
    targets = {(target.ref, target.year): target} if target else {}
    [result] = build_results(Catalogue([measure], targets), data, month, problems)
    return result, problems


def phased(**months) -> tuple:
    names = ("apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec", "jan", "feb", "mar")
    return tuple(None if months.get(n) is None else D(months[n]) for n in names)


# --- floors -----------------------------------------------------------------------------------

@pytest.mark.parametrize("may_ytd, rag", [(25, "Green"), (20, "Green"), (15, "Amber"), (10, "Amber"),
                                          (9, "Red")])
def test_a_running_counts_floor_is_pro_rated_with_its_phased_target(may_ytd, rag):
    # Target 120, Floor 60, May's phased target 20: May's floor is 60 x 20 / 120 = 10
    data = ReturnsData(county={"NUM": {Month(2012, 4): 0.0, MAY12: float(may_ytd)}})
    target = Target("C1", 2012, target=D(120), floor=D(60), phased=phased(may=20))
    result, _ = result_for(count(basis="YTD"), data, target)
    assert (result.current.target, result.current.floor, result.current.rag) == (D(20), D(10), rag)


def test_a_count_that_is_not_a_running_count_keeps_the_year_end_floor():
    data = ReturnsData(county={"NUM": monthly(each=15.0)})
    target = Target("C1", 2012, target=D(120), floor=D(60), phased=phased(may=20))
    result, _ = result_for(count(basis="Month"), data, target)
    assert (result.current.floor, result.current.rag) == (D(60), "Red")


@pytest.mark.parametrize("floors, rag, floor", [
    ({}, "Red", D(70)),  # the year-end floor: 60 is below it
    ({"may": 50}, "Amber", D(50)),  # May's phased floor: 60 is above the minimum standard
    ({"apr": 50}, "Red", D(70)),  # April's phased floor says nothing about May
])
def test_a_phased_floor_replaces_the_floor_for_its_month(floors, rag, floor):
    data = ReturnsData(county={"NUM": monthly(each=6.0), "DEN": monthly(each=10.0)})
    target = Target("P1", 2012, target=D(80), floor=D(70), phased_floor=phased(**floors))
    result, _ = result_for(percentage(), data, target)
    assert (result.current.value, result.current.rag, result.current.floor) == (D("60.0"), rag, floor)


# --- direction by kind ------------------------------------------------------------------------

@pytest.mark.parametrize("measure, compared", [
    (count(basis="YTD"), Month(2011, 5)),  # a running count: the same month last year
    (count(basis="YTD", compare_with=COMPARE_PREVIOUS), Month(2012, 4)),  # as the catalogue says
    (count(basis="Month"), Month(2012, 4)),  # any other monthly measure: the previous month
    (percentage(basis="YTD"), Month(2012, 4)),  # a ratio with a YTD basis is no running count
    (count(basis="Month", compare_with=COMPARE_PREVIOUS_PERIOD), Month(2012, 4)),
    (count(basis="Month", compare_with=COMPARE_LAST_YEAR), Month(2011, 5)),
])
def test_a_blank_compare_with_follows_the_kind_of_measure(measure, compared):
    data = ReturnsData(county={"NUM": monthly(), "DEN": monthly()})
    result, _ = result_for(measure, data)
    assert result.comparison_month == compared


def test_a_running_count_is_compared_with_the_same_month_last_year():
    # YTD May 2012 = 12 + 14 = 26 against YTD May 2011 = 30 + 30 = 60; April 2012 alone is 12
    data = ReturnsData(county={"NUM": monthly({Month(2011, 4): 30, Month(2011, 5): 30,
                                               Month(2012, 4): 12, MAY12: 14})})
    target = Target("C1", 2012, target=D(120), floor=D(60), phased=phased(apr=10, may=20))
    result, _ = result_for(count(basis="YTD"), data, target)
    assert (result.current.value, result.comparison_value, result.direction) == (D(26), D(60), "Worsening")
    previous = Target("C1", 2011, target=D(100), floor=D(50), phased=phased(may=50))
    problems = ProblemLog()
    [judged] = build_results(Catalogue([count(basis="YTD")], {("C1", 2012): target, ("C1", 2011): previous}),
                             data, MAY12, problems)
    assert judged.previous_rag == "Green"  # 60 against May 2011's own target of 50


# --- quarterly and annual measures ------------------------------------------------------------

def test_a_quarterly_figure_for_march_is_reported_in_may_and_labelled_with_its_quarter():
    quarters = (Month(2011, 6), Month(2011, 9), Month(2011, 12), Month(2012, 3))
    data = ReturnsData(county={"NUM": dict(zip(quarters, (30.0, 35.0, 40.0, 45.0), strict=True)),
                               "DEN": dict.fromkeys(quarters, 50.0)})
    result, problems = result_for(percentage(frequency=QUARTERLY), data)
    now = result.current
    assert (now.value, now.period, now.as_of) == (D("90.0"), "Q4 2011/12", Month(2012, 3))
    assert (now.numerator, now.denominator) == (D(45), D(50))
    # by kind, a quarterly measure is compared with its previous period: December
    assert (result.comparison_month, result.comparison_value, result.direction) == (
        Month(2011, 12), D("80.0"), "Improving")
    assert (now.ytd_value, now.rolling12_value) == (D("75.0"), D("75.0"))  # 150 / 200: four quarters
    assert "FIG70" not in problems.codes()


def test_a_quarter_with_no_figure_where_one_was_due_gives_no_figure_and_a_warning():
    data = ReturnsData(county={"NUM": {Month(2012, 3): 45.0}, "DEN": {Month(2012, 3): 50.0}})
    result, problems = result_for(percentage(frequency=QUARTERLY), data, month=Month(2012, 6))
    assert result.current.value is None and result.current.period == ""
    assert "FIG70" in problems.codes()


@pytest.mark.parametrize("month, value, period", [
    (Month(2011, 5), D(18), "2011/12"),  # the month it was published
    (Month(2012, 3), D(18), "2011/12"),
    (Month(2012, 4), D(18), "2011/12"),  # carried for twelve months in all
    (Month(2012, 5), None, ""),  # then a new figure is due
])
def test_an_annual_figure_is_carried_for_twelve_months_and_then_missing_with_a_warning(month, value, period):
    data = ReturnsData(county={"NUM": {Month(2010, 5): 17.0, Month(2011, 5): 18.0}})
    result, problems = result_for(count(frequency=ANNUAL), data, month=month)
    assert (result.current.value, result.current.period) == (value, period)
    assert problems.codes().count("FIG70") == (value is None)  # one warning, not one per basis


def test_an_annual_measure_compares_with_its_previous_figure_not_the_previous_month():
    data = ReturnsData(county={"NUM": {Month(2010, 5): 17.0, Month(2011, 5): 18.0}})
    result, _ = result_for(count(frequency=ANNUAL), data, month=Month(2012, 3))
    assert (result.comparison_value, result.direction) == (D(17), "Improving")


def test_quarterly_windows_count_only_the_months_with_figures():
    # a quarterly count, year to date in December: June + September + December
    data = ReturnsData(county={"NUM": {Month(2012, 6): 5.0, Month(2012, 9): 7.0, Month(2012, 12): 9.0}})
    result, _ = result_for(count(basis="YTD", frequency=QUARTERLY), data, month=Month(2013, 1))
    assert (result.current.value, result.current.period) == (D(21), "Q3 2012/13")


def test_a_missing_quarter_inside_a_window_gives_no_figure():
    data = ReturnsData(county={"NUM": {Month(2012, 6): 5.0, Month(2012, 12): 9.0}})
    result, problems = result_for(count(basis="YTD", frequency=QUARTERLY), data, month=Month(2012, 12))
    assert result.current.value is None
    assert "FIG70" in problems.codes()


# --- what results.csv labels ------------------------------------------------------------------

@pytest.mark.parametrize("measure, month, label", [
    (count(basis="Month"), MAY12, "2012-05"),
    (count(basis="Snapshot"), MAY12, "2012-05"),
    (count(basis="YTD"), MAY12, "YTD Apr-May 2012"),
    (count(basis="YTD"), Month(2012, 4), "YTD Apr 2012"),
    (count(basis="YTD"), Month(2013, 1), "YTD Apr 2012-Jan 2013"),
    (count(basis="Rolling 12"), MAY12, "Rolling 12 Jun 2011-May 2012"),
    (count(basis="Rolling 12"), Month(2012, 12), "Rolling 12 Jan-Dec 2012"),
    (count(frequency=QUARTERLY), Month(2012, 3), "Q4 2011/12"),
    (count(frequency=QUARTERLY), Month(2012, 6), "Q1 2012/13"),
    (count(frequency=ANNUAL), Month(2012, 3), "2011/12"),
])
def test_period_labels(measure, month, label):
    assert figures.period_label(measure, measure.basis, month) == label


@pytest.mark.parametrize("values, polarity, exception", [
    ({Month(2012, 4): 5.0, MAY12: 4.0}, "High", True),  # red and worsening
    ({Month(2012, 4): 4.0, MAY12: 4.0}, "High", True),  # red and no change
    ({Month(2012, 4): 3.0, MAY12: 4.0}, "High", False),  # red but improving
    ({Month(2012, 4): 9.0, MAY12: 8.0}, "High", False),  # amber and worsening: not an exception
])
def test_the_exception_list_is_every_red_not_improving(values, polarity, exception):
    data = ReturnsData(county={"NUM": values})
    result, _ = result_for(count(polarity=polarity), data, Target("C1", 2012, target=D(10), floor=D(5)))
    assert result.exception is exception


def test_a_strip_of_months_shows_each_quarter_once():
    quarters = {Month(2011, 6): 5.0, Month(2011, 9): 6.0, Month(2011, 12): 7.0, Month(2012, 3): 8.0}
    result, _ = result_for(count(frequency=QUARTERLY), ReturnsData(county={"NUM": quarters}))
    shown = {f.month: f.own_value for f in result.history if f.own_value is not None}
    assert shown == {month: D(int(value)) for month, value in quarters.items()}
    assert result.current.value == D(8) and result.current.own_value is None  # May carries March's


# --- districts --------------------------------------------------------------------------------

@pytest.mark.parametrize("numerator, denominator, decimals, value", [
    (1, 3, 1, D("33.3")), (2, 3, 1, D("66.7")), (1, 16, 1, D("6.3")),  # 6.25: half away from zero
    (1, 8, 0, D("13")), (0, 5, 1, D("0.0")), (3, 0, 1, None),  # a zero denominator: no figure
    (2.5, 10, 1, D("25.0")), (1.05, 4.2, 2, D("25.00")),  # typed decimals, summed exactly
])
def test_a_districts_figure_follows_the_countys_rules(numerator, denominator, decimals, value):
    measure = Measure("P1", "Adults", "Area", "P1", "%", "High", "Month", "NUM", denominator_field="DEN",
                      multiplier=D(100), decimals=decimals)
    table = DistrictTable(["NUM", "DEN", "NUM", "DEN"], ["North", "North", "Swale", "Swale"], [MAY12],
                          np.array([[numerator], [denominator], [1.0], [2.0]]))
    result, _ = result_for(measure, ReturnsData(districts=table),
                           Target("P1", 2012, target=D(40), floor=D(20)))
    north, swale = result.districts
    assert (north.district, north.value, swale.value) == ("North", value, D(50).quantize(D(1).scaleb(-decimals)))
    assert north.rag == (None if value is None else "Green" if value >= 40 else "Amber" if value >= 20 else "Red")
