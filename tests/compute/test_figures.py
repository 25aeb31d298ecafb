"""Figures: ratio of sums over the window, fixed denominators, missing months, rounding."""

from decimal import Decimal as D

from fscxl.compute.figures import compute
from fscxl.model.periods import Month
from fscxl.model.records import Measure, ReturnsData

APR, MAY = Month(2012, 4), Month(2012, 5)


def measure(**overrides) -> Measure:
    base = dict(ref="M1", scorecard="S", area="A", title="T", unit="%", polarity="High",
                basis="Month", numerator="NUM", denominator_field="DEN", multiplier=D(100),
                decimals=1)
    base.update(overrides)
    return Measure(**base)


def data(**series) -> ReturnsData:
    """series: FIELD -> {Month: value}."""
    return ReturnsData(county={k: dict(v) for k, v in series.items()})


def year_of(value: float, months=14) -> dict:
    start = Month(2011, 4)
    return {start + i: value for i in range(months)}


def test_ytd_is_a_ratio_of_sums_not_an_average_of_percentages():
    d = data(NUM={APR: 1, MAY: 90}, DEN={APR: 10, MAY: 100})
    figure = compute(measure(basis="YTD"), "YTD", MAY, d)
    assert figure.value == D("82.7")  # 91/110, where the average of 10% and 90% is 50%


def test_rolling_12_sums_twelve_months():
    d = data(NUM=year_of(1.0), DEN=year_of(4.0))
    d.county["NUM"][MAY] = 13.0  # only the reporting month differs
    figure = compute(measure(basis="Rolling 12"), "Rolling 12", MAY, d)
    assert figure.value == D("50.0")  # (11 + 13) / 48


def test_fixed_denominator_is_not_summed():
    m = measure(unit="Rate per 10,000", denominator_field=None, denominator_value=D(1000),
                multiplier=D(10000))
    d = data(NUM={APR: 10, MAY: 20})
    assert compute(m, "YTD", MAY, d).value == D("300.0")  # 30 / 1000 * 10000
    assert compute(m, "Month", MAY, d).value == D("200.0")


def test_no_denominator_sums_the_numerator_and_ignores_a_default_multiplier():
    m = measure(unit="Number", denominator_field=None, multiplier=D(1), decimals=0)
    d = data(NUM={APR: 1200, MAY: 1300})
    assert compute(m, "YTD", MAY, d).value == D("2500")
    assert compute(m, "Month", MAY, d).value == D("1300")
    assert compute(m, "Snapshot", MAY, d).value == D("1300")  # never summed


def test_no_denominator_applies_an_explicit_multiplier():
    m = measure(unit="Number", denominator_field=None, multiplier=D(2), multiplier_given=True,
                decimals=0)
    assert compute(m, "Month", MAY, data(NUM={MAY: 7})).value == D("14")
    # a % measure without denominator does not get the default x100
    m = measure(denominator_field=None, multiplier=D(100), multiplier_given=False)
    assert compute(m, "Month", MAY, data(NUM={MAY: 7})).value == D("7.0")


def test_a_missing_month_gives_no_figure_and_says_which():
    d = data(NUM={MAY: 5}, DEN={APR: 10, MAY: 10})
    figure = compute(measure(basis="YTD"), "YTD", MAY, d)
    assert figure.value is None
    assert "NUM for April 2012" in figure.why_missing


def test_a_missing_district_is_named():
    d = ReturnsData(county={"NUM": {APR: 5}, "DEN": {APR: 10, MAY: 10}},
                    missing_districts={"NUM": {MAY: ["Dover", "Thanet"]}})
    figure = compute(measure(), "Month", MAY, d)
    assert figure.value is None
    assert "Dover, Thanet" in figure.why_missing


def test_zero_denominator_gives_no_figure():
    figure = compute(measure(), "Month", MAY, data(NUM={MAY: 0}, DEN={MAY: 0}))
    assert figure.value is None
    assert figure.zero_denominator
    assert "zero" in figure.why_missing


def test_rounded_once_half_away_from_zero_on_the_exact_ratio():
    # 29/200 = 14.5% exactly; in binary floating point 14.499999999999998
    m = measure(decimals=0)
    assert compute(m, "Month", MAY, data(NUM={MAY: 29}, DEN={MAY: 200})).value == D("15")
    # 1/8 = 12.5%
    assert compute(m, "Month", MAY, data(NUM={MAY: 1}, DEN={MAY: 8})).value == D("13")


def test_decimal_values_are_summed_as_typed():
    m = measure(unit="Score", denominator_field=None, multiplier=D(1), decimals=0)
    # 0.1 + 0.2 + 0.2 = 0.5 exactly -> 1; float addition gives 0.5000000000000001 anyway, and
    # 1.1 + 1.2 + 0.2 = 2.5 -> 3 where floats give 2.5000000000000004 (either way not 2.4999)
    d = data(NUM={Month(2012, 4): 0.1, Month(2012, 5): 0.2, Month(2012, 6): 0.2})
    assert compute(m, "YTD", Month(2012, 6), d).value == D("1")
