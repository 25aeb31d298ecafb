"""What the Notes sheet says a measure's direction is compared with: the comparison the
computation makes, also when Compare with is left blank (by kind)."""

from __future__ import annotations

import pytest

from fscxl.compute.results import compared_with, comparison_month
from fscxl.model.periods import Month
from fscxl.model.records import Measure


def a_measure(compare_with: str) -> Measure:
    return Measure("M1", "Children", "Outcomes", "A measure", "%", "High", "Month", "NUM",
                   compare_with=compare_with)


@pytest.mark.parametrize("compare_with, words", [
    ("", "Previous month"),  # blank: by kind; for now every kind compares with the month before
    ("Previous month", "Previous month"),
    ("Same month last year", "Same month last year"),
])
def test_the_words_shown_name_the_month_compared(compare_with, words):
    measure = a_measure(compare_with)
    may = Month(2012, 5)
    expected = {"Previous month": Month(2012, 4), "Same month last year": Month(2011, 5)}[words]
    assert (compared_with(measure), comparison_month(measure, may)) == (words, expected)
