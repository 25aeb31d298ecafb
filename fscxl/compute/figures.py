"""Figures for a measure: the window's numerators over its denominators, rounded once.

A figure is exact until it is rounded: sums are taken as the decimals officers typed,
the ratio as a Fraction, then rounded half away from zero to the measure's decimals.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

from fscxl.compute.rules import round_figure
from fscxl.model.periods import MONTH, ROLLING_12, SNAPSHOT, YTD, Month, window
from fscxl.model.records import Measure, ReturnsData


@dataclass(frozen=True)
class Figure:
    """One figure, or why there is none (so the warning can say which months or districts)."""

    value: Decimal | None
    missing: tuple[tuple[str, Month, tuple[str, ...]], ...] = ()  # (field, month, districts)
    zero_denominator: bool = False

    @property
    def why_missing(self) -> str:
        if self.zero_denominator:
            return "the denominator is zero"
        by_field: dict[str, list] = {}
        for field_code, month, districts in self.missing:
            by_field.setdefault(field_code, []).append((month, districts))
        parts = []
        for field_code, gaps in by_field.items():
            lacking = sorted({d for _, ds in gaps for d in ds})
            months = describe_months([month for month, _ in gaps])
            note = f" (not yet reported by {', '.join(lacking)})" if lacking else ""
            parts.append(f"{field_code} for {months}{note}")
        return "no figure for " + "; ".join(parts) if parts else ""


def describe_months(months: list[Month]) -> str:
    """[Jun 2010 .. Mar 2011, May 2011] -> 'June 2010 to March 2011, May 2011'."""
    runs: list[list[Month]] = []
    for month in sorted(months):
        if runs and month - runs[-1][-1] == 1:
            runs[-1].append(month)
        else:
            runs.append([month])
    return ", ".join(run[0].label if len(run) == 1 else f"{run[0].label} to {run[-1].label}"
                     for run in runs)


def exact(number: float | int) -> Fraction:
    """A float back to the decimal it stands for.

    Excel keeps 15 significant digits, so that is what an officer's figure (or a sum of
    districts' figures) stands for: 545595.5499999999 is 545595.55, to be rounded up.
    """
    if isinstance(number, int) or number.is_integer():  # counts: the common case, and exact in a float up to 2**53
        return Fraction(int(number))
    return Fraction(Decimal(f"{number:.15g}"))


def _window_sum(data: ReturnsData, field_code: str, months: list[Month],
                missing: list) -> Fraction | None:
    """The exact sum over the window: each month's figure as a decimal, never a float sum."""
    series = data.county.get(field_code, {})
    whole = 0
    parts = Fraction(0)
    complete = True
    for month in months:
        if month in series:
            value = series[month]
            if isinstance(value, int) or value.is_integer():
                whole += int(value)
            else:
                parts += exact(value)
        else:
            complete = False
            districts = data.missing_districts.get(field_code, {}).get(month, [])
            missing.append((field_code, month, tuple(districts)))
    return whole + parts if complete else None


def compute(measure: Measure, basis: str, month: Month, data: ReturnsData) -> Figure:
    """The measure's figure on `basis` for the reporting month `month`."""
    months = window(basis, month)
    missing: list = []
    numerator = _window_sum(data, measure.numerator, months, missing)
    if measure.denominator_field:
        denominator = _window_sum(data, measure.denominator_field, months, missing)
    elif measure.denominator_value is not None:
        denominator = Fraction(measure.denominator_value)  # a population: never summed
    else:
        denominator = None
    if missing:
        return Figure(None, tuple(missing))
    if measure.has_denominator:
        if denominator == 0:
            return Figure(None, zero_denominator=True)
        value = numerator / denominator * Fraction(measure.multiplier)
    elif measure.multiplier_given:
        value = numerator * Fraction(measure.multiplier)
    else:
        value = numerator
    return Figure(round_figure(value, measure.decimals))


def shown_bases(measure: Measure) -> list[str]:
    """The bases of the figures a measure shows: Snapshot measures have no YTD or rolling one."""
    if measure.basis == SNAPSHOT:
        return [SNAPSHOT]
    return [MONTH, YTD, ROLLING_12]


def window_counts(measure: Measure, basis: str, month: Month,
                  data: ReturnsData) -> tuple[Fraction | None, Fraction | None]:
    """(v2) The sums behind a figure: its numerator and denominator over the window.

    The denominator is the fixed number for a population and None without one; a sum
    with a month missing is None, as the figure is.
    """
    months = window(basis, month)
    numerator = _window_sum(data, measure.numerator, months, [])
    if measure.denominator_field:
        return numerator, _window_sum(data, measure.denominator_field, months, [])
    if measure.denominator_value is not None:
        return numerator, Fraction(measure.denominator_value)
    return numerator, None
