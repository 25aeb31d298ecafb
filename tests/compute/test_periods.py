"""Months, financial years and the windows figures are summed over."""

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from fscxl.model.periods import (
    BASES,
    BASIS_WORDS,
    Month,
    parse_financial_year,
    parse_month,
    parse_month_option,
    window,
)


@pytest.mark.parametrize("header", [
    "Apr-12", "Apr 12", "April 2012", "Apr-2012", "2012-04", " apr-12 ", "APRIL 2012",
    dt.datetime(2012, 4, 1), dt.datetime(2012, 4, 30), dt.date(2012, 4, 17),
])
def test_month_headers_in_every_contract_form(header):
    assert parse_month(header) == Month(2012, 4)


@pytest.mark.parametrize("header", ["Code", "Description", "District", "Total", "2012/13", None, 41000.0,
                                    "Foo-12", "2012-13"])
def test_other_headers_are_not_months(header):
    assert parse_month(header) is None


def test_financial_years():
    assert Month(2012, 4).financial_year == 2012
    assert Month(2013, 3).financial_year == 2012
    assert Month(2012, 3).financial_year == 2011
    assert parse_financial_year("2012/13") == 2012
    assert parse_financial_year(" 2012-13 ") == 2012
    assert parse_financial_year("2012/2013") == 2012
    assert parse_financial_year("2012/14") is None
    assert parse_financial_year("next year") is None


def test_month_option_is_strict():
    assert parse_month_option("2012-05") == Month(2012, 5)
    for bad in ("2012-13", "May 2012", "2012-5", "12-05"):
        with pytest.raises(ValueError):
            parse_month_option(bad)


def test_windows():
    may = Month(2012, 5)
    assert window("Month", may) == [may]
    assert window("Snapshot", may) == [may]
    assert window("YTD", may) == [Month(2012, 4), may]
    assert window("YTD", Month(2012, 4)) == [Month(2012, 4)]
    assert window("YTD", Month(2013, 3))[0] == Month(2012, 4)
    assert len(window("YTD", Month(2013, 3))) == 12
    assert window("Rolling 12", may) == [Month(2011, 6) + i for i in range(12)]


months = st.builds(Month, st.integers(2000, 2030), st.integers(1, 12))


@given(months)
def test_ytd_starts_at_the_april_of_its_financial_year(month):
    months_in = window("YTD", month)
    assert months_in[0].month == 4
    assert months_in[-1] == month
    assert 1 <= len(months_in) <= 12
    assert all(m.financial_year == month.financial_year for m in months_in)
    assert all(b - a == 1 for a, b in zip(months_in, months_in[1:]))


@given(months)
def test_rolling_12_is_twelve_consecutive_months_ending_at_the_month(month):
    months_in = window("Rolling 12", month)
    assert len(months_in) == 12
    assert months_in[-1] == month
    assert months_in[0] == month - 11
    assert len(set(months_in)) == 12
    assert all(b - a == 1 for a, b in zip(months_in, months_in[1:]))


@given(months, st.integers(-500, 500))
def test_month_arithmetic_round_trips(month, offset):
    assert (month + offset) - offset == month
    assert (month + offset) - month == offset


@pytest.mark.parametrize("form", ["heading", "short", "after_figure", "before_figure"])
def test_every_basis_is_named_in_every_form_and_no_two_alike(form):
    names = [getattr(BASIS_WORDS[basis], form) for basis in BASES]
    assert all(name.strip() == name and name for name in names)
    assert len(set(names)) == len(BASES)
