"""Figures for a measure: the window's numerators over its denominators, rounded once.

A figure is exact until it is rounded: sums are taken as the decimals officers typed,
the ratio as a Fraction, then rounded half away from zero to the measure's decimals.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from functools import lru_cache

from fscxl.compute.rules import round_figure
from fscxl.model.periods import (
    FINANCIAL_MONTHS,
    MONTH,
    ROLLING_12,
    SNAPSHOT,
    YTD,
    Month,
    financial_year_label,
    window,
)
from fscxl.model.records import ANNUAL, MONTHLY, QUARTERLY, Measure, ReturnsData

# (v2) How many months one period of a measure lasts: its figure is carried that long.
PERIOD_MONTHS = {MONTHLY: 1, QUARTERLY: 3, ANNUAL: 12}


@dataclass(frozen=True)
class Figure:
    """One figure, or why there is none (so the warning can say which months or districts)."""

    value: Decimal | None
    missing: tuple[tuple[str, Month, tuple[str, ...]], ...] = ()  # (field, month, districts)
    zero_denominator: bool = False
    numerator: Decimal | None = None  # the sums behind the figure over its window
    denominator: Decimal | None = None  # summed, or the fixed population; None without one
    as_of: Month | None = None  # the month whose figures it is: earlier for a carried period
    overdue: Month | None = None  # (v2) a quarterly or annual figure was due and is not there

    @property
    def why_missing(self) -> str:
        if self.zero_denominator:
            return "the denominator is zero"
        if self.overdue is not None:
            latest = (f"the latest is for {self.as_of.label}" if self.as_of is not None
                      else "the returns hold none")
            return f"a figure was due by {self.overdue.label} and {latest}"
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
    parts = None  # stays None for counts, the common case: int arithmetic alone
    complete = True
    for month in months:
        value = series.get(month)
        if value is not None:
            if value.__class__ is int or value.is_integer():
                whole += int(value)
            else:
                parts = exact(value) if parts is None else parts + exact(value)
        else:
            complete = False
            districts = data.missing_districts.get(field_code, {}).get(month, [])
            missing.append((field_code, month, tuple(districts)))
    if not complete:
        return None
    return Fraction(whole) if parts is None else whole + parts


@lru_cache(maxsize=4096)
def window_of(basis: str, month: Month) -> tuple[Month, ...]:
    """The window's months, remembered: every measure and district asks for the same few."""
    return tuple(window(basis, month))


@lru_cache(maxsize=256)
def _fraction(number: Decimal) -> Fraction:
    return Fraction(number)


def entered_months(measure: Measure, data: ReturnsData) -> list[Month]:
    """The months in which the measure's numerator has figures (all districts or some)."""
    field_code = measure.numerator
    months = set(data.county.get(field_code, {})) | set(data.missing_districts.get(field_code, {}))
    return sorted(months)


def compute(measure: Measure, basis: str, month: Month, data: ReturnsData) -> Figure:
    """The measure's figure on `basis` for the reporting month `month`.

    (v2) A quarterly or annual measure's figure is its latest at or before `month`, no
    older than one period, and its windows count only the months that have figures.
    """
    if measure.frequency == MONTHLY:
        return _ratio(measure, window_of(basis, month), data, month)
    period = PERIOD_MONTHS[measure.frequency]
    entered = entered_months(measure, data)
    latest = next((m for m in reversed(entered) if m <= month), None)
    if latest is None or month - latest >= period:
        return Figure(None, as_of=latest, overdue=month)
    covered = window_of(basis, latest)
    with_figures = [m for m in covered if m in set(entered)]
    gaps = []
    before = covered[0] - 1
    for entered_month in with_figures:
        while entered_month - before > period:  # a period in the window went without its figure
            before = before + period
            gaps.append((measure.numerator, before, ()))
        before = entered_month
    if gaps:
        return Figure(None, tuple(gaps), as_of=latest)
    return _ratio(measure, with_figures, data, latest)


def _ratio(measure: Measure, months: tuple[Month, ...] | list[Month], data: ReturnsData,
           as_of: Month) -> Figure:
    """Sum of numerators over sum of denominators for the months, times the multiplier."""
    missing: list = []
    numerator = _window_sum(data, measure.numerator, months, missing)
    if measure.denominator_field:
        denominator = _window_sum(data, measure.denominator_field, months, missing)
    elif measure.denominator_value is not None:
        denominator = _fraction(measure.denominator_value)  # a population: never summed
    else:
        denominator = None
    if missing:
        return Figure(None, tuple(missing), as_of=as_of)
    return from_sums(measure, numerator, denominator, as_of)


def from_sums(measure: Measure, numerator: Fraction, denominator: Fraction | None, as_of: Month) -> Figure:
    """The figure from its window's exact sums (the denominator: None without one)."""
    sums = {"numerator": as_decimal(numerator),
            "denominator": None if denominator is None else as_decimal(denominator), "as_of": as_of}
    if measure.has_denominator:
        if denominator == 0:
            return Figure(None, zero_denominator=True, **sums)
        value = numerator / denominator * _fraction(measure.multiplier)
    elif measure.multiplier_given:
        value = numerator * _fraction(measure.multiplier)
    else:
        value = numerator
    return Figure(round_figure(value, measure.decimals), **sums)


def from_counts(measure: Measure, numerator: int, denominator: int | None, as_of: Month) -> Figure:
    """As from_sums, for whole counts and a whole multiplier (the usual case, and many
    districts a measure): the same half-away-from-zero rounding in integer arithmetic."""
    multiplier = _whole(measure.multiplier)
    if multiplier is None or numerator < 0 or (denominator is not None and denominator < 0):
        return from_sums(measure, Fraction(numerator),
                         None if denominator is None else Fraction(denominator), as_of)
    sums = {"numerator": Decimal(numerator),
            "denominator": None if denominator is None else Decimal(denominator), "as_of": as_of}
    if not measure.has_denominator:
        value = numerator * multiplier if measure.multiplier_given else numerator
        return Figure(Decimal(value * 10 ** measure.decimals).scaleb(-measure.decimals), **sums)
    if denominator == 0:
        return Figure(None, zero_denominator=True, **sums)
    scaled = numerator * multiplier * 10 ** measure.decimals
    whole = (2 * scaled + denominator) // (2 * denominator)  # floor(x + 1/2), x >= 0
    return Figure(Decimal(whole).scaleb(-measure.decimals), **sums)


@lru_cache(maxsize=256)
def _whole(number: Decimal) -> int | None:
    return int(number) if number == number.to_integral_value() else None


def as_decimal(value: Fraction) -> Decimal:
    """An exact sum of typed decimals back to a Decimal (exact while its denominator is 2^a 5^b)."""
    if value.denominator == 1:
        return Decimal(value.numerator)
    quotient = Decimal(value.numerator) / Decimal(value.denominator)
    return quotient.normalize() if quotient != quotient.to_integral_value() else quotient.quantize(Decimal(1))


def period_label(measure: Measure, basis: str, month: Month) -> str:
    """(v2) What a figure covers, as results.csv labels it: '2012-05', 'YTD Apr-May 2012',
    'Rolling 12 Jun 2011-May 2012', 'Q4 2011/12' or '2011/12' (`month`: the figure's own month)."""
    if measure.frequency == QUARTERLY:
        quarter = FINANCIAL_MONTHS.index(month.short[:3]) // 3 + 1
        return f"Q{quarter} {financial_year_label(month.financial_year)}"
    if measure.frequency == ANNUAL:
        return financial_year_label(month.financial_year)
    if basis in (MONTH, SNAPSHOT):
        return month.iso
    first = window(basis, month)[0]
    prefix = "YTD" if basis == YTD else "Rolling 12"
    if first == month:
        return f"{prefix} {month.short[:3]} {month.year}"
    if first.year == month.year:
        return f"{prefix} {first.short[:3]}-{month.short[:3]} {month.year}"
    return f"{prefix} {first.short[:3]} {first.year}-{month.short[:3]} {month.year}"


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
