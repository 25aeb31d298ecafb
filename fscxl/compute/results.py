"""Each measure's figures for the reporting month, judged: RAG, direction, history."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction

import numpy as np

from fscxl.compute import figures, rules
from fscxl.compute.disclosure import Disclosure
from fscxl.model import records
from fscxl.model.periods import BASIS_WORDS, MONTH, ROLLING_12, SNAPSHOT, YTD, Month, financial_year_label
from fscxl.model.problems import ProblemLog
from fscxl.model.records import (
    COMPARE_LAST_YEAR,
    COMPARE_PREVIOUS,
    COMPARE_PREVIOUS_PERIOD,
    MONTHLY,
    Catalogue,
    DistrictTable,
    Measure,
    ReturnsData,
    Target,
)

HISTORY_MONTHS = 13  # the reporting month and the twelve before it, as the scorecard strip shows


@dataclass(frozen=True)
class MonthFigures:
    """A measure's figures for one month, and the alert its headline earns."""

    month: Month
    value: Decimal | None  # the headline figure: the one the measure's Basis names
    month_value: Decimal | None
    ytd_value: Decimal | None  # YTD and rolling figures: the reporting month only
    rolling12_value: Decimal | None
    target: Decimal | None  # the target judged against: phased where given
    rag: str | None
    month_rag: str | None  # the month's figure alone against the same target
    floor: Decimal | None = None  # (v2) the floor judged against: phased or pro-rated where so
    period: str = ""  # (v2) what the headline covers: '2012-05', 'YTD Apr-May 2012', 'Q4 2011/12'
    as_of: Month | None = None  # the month the headline's figures are from (earlier when carried)
    numerator: Decimal | None = None  # the sums behind the headline figure
    denominator: Decimal | None = None

    @property
    def own_value(self) -> Decimal | None:
        """The headline figure where it is this month's own, not a quarter's or year's carried
        forward: what a strip or chart of months shows, so each period appears once."""
        return self.value if self.as_of in (None, self.month) else None


@dataclass(frozen=True)
class DistrictFigures:
    """(v2) One district's headline figure for the month, judged against the county target."""

    district: str
    value: Decimal | None
    rag: str | None
    numerator: Decimal | None
    denominator: Decimal | None


@dataclass(frozen=True)
class MeasureResult:
    measure: Measure
    current: MonthFigures
    comparison_month: Month
    comparison_value: Decimal | None
    direction: str | None
    targets: Target | None  # the year's targets (year-end target, floor, band, benchmark)
    history: tuple[MonthFigures, ...]  # the last 13 months, oldest first, ending with `current`
    previous_outturn: Decimal | None  # the headline figure for the previous year's March
    previous_rag: str | None = None  # (v2) the comparison figure judged against its own month
    districts: tuple[DistrictFigures, ...] = ()  # (v2) where the fields are given by district

    @property
    def month(self) -> Month:
        return self.current.month

    @property
    def exception(self) -> bool:
        """(v2) The committee's exception list: a Red that is not improving."""
        return self.current.rag == rules.RED and self.direction != rules.IMPROVING

    def figures_for(self, month: Month) -> MonthFigures | None:
        return next((f for f in self.history if f.month == month), None)


def compared_with(measure: Measure) -> str:
    """(v2) `Compare with` as given, or by kind where blank: a running count with the same
    month last year, a quarterly or annual measure with its previous period, else the
    previous month."""
    if measure.compare_with:
        return measure.compare_with
    if measure.running_count:
        return COMPARE_LAST_YEAR
    if measure.frequency != MONTHLY:
        return COMPARE_PREVIOUS_PERIOD
    return COMPARE_PREVIOUS


def comparison_month(measure: Measure, month: Month, shown_as_of: Month | None = None,
                     entered: list[Month] | None = None) -> Month:
    """The month whose headline figure the reporting month's is compared with.

    `Previous period`: the latest month with figures before the one the headline shows
    (`shown_as_of`, among `entered`); for a monthly measure, the month before.
    """
    how = compared_with(measure)
    if how == COMPARE_LAST_YEAR:
        return month - 12
    if how == COMPARE_PREVIOUS_PERIOD:
        shown = shown_as_of or month
        period = figures.PERIOD_MONTHS[measure.frequency]
        earlier = [m for m in (entered or []) if m < shown] if measure.frequency != MONTHLY else []
        return earlier[-1] if earlier else shown - period
    return month - 1


def judge(measure: Measure, value: Decimal | None, target: Target | None,
          month: Month) -> tuple[Decimal | None, Decimal | None, str | None]:
    """(target, floor, RAG) for a figure in `month`: the phased target, the phased or
    pro-rated floor (contract section 6)."""
    if target is None:
        return None, None, None
    judged = target.for_month(month.month)
    floor = target.floor_for(month.month, measure.running_count)
    return judged, floor, rules.rag(value, measure.polarity, judged, floor,
                                    target.target_upper, target.floor_upper)


class _Calculator:
    """Computes figures once per (measure, basis, month) and remembers them."""

    def __init__(self, catalogue: Catalogue, data: ReturnsData) -> None:
        self.catalogue = catalogue
        self.data = data
        self.cache: dict = {}

    def figure(self, measure: Measure, basis: str, month: Month) -> figures.Figure:
        key = (measure.ref, basis, month)
        if key not in self.cache:
            self.cache[key] = figures.compute(measure, basis, month, self.data)
        return self.cache[key]

    def month_figures(self, measure: Measure, month: Month, every_basis: bool = False) -> MonthFigures:
        """Headline and month-alone figures; YTD and rolling too for the reporting month."""
        headline = self.figure(measure, measure.basis, month)
        value = headline.value
        month_basis = SNAPSHOT if measure.basis == SNAPSHOT else MONTH
        month_value = self.figure(measure, month_basis, month).value
        ytd = rolling = None
        if measure.basis != SNAPSHOT and every_basis:
            ytd = self.figure(measure, YTD, month).value
            rolling = self.figure(measure, ROLLING_12, month).value
        target = self.catalogue.target_for(measure.ref, month.financial_year)
        judged, floor, rag = judge(measure, value, target, month)
        _, _, month_rag = judge(measure, month_value, target, month)
        if value is None:  # nothing behind a figure that is not there
            return MonthFigures(month, value, month_value, ytd, rolling, judged, rag, month_rag, floor)
        as_of = headline.as_of or month
        return MonthFigures(month, value, month_value, ytd, rolling, judged, rag, month_rag, floor,
                            figures.period_label(measure, measure.basis, as_of), as_of,
                            headline.numerator, headline.denominator)


def district_figures(measure: Measure, month: Month, data: ReturnsData,
                     target: Target | None) -> tuple[DistrictFigures, ...]:
    """(v2) Each district's headline figure, judged against the county target and floor.

    A fixed population is the county's: a district's count over it would be no rate of
    the district's, so such a measure gives each district its numerator alone.
    """
    table = data.districts
    rows = table.rows_of(measure.numerator) if table is not None else {}
    if not rows:
        return ()
    out = []
    districts = list(rows)  # as the returns order them
    counted = _counted_sums(measure, month, table, districts)
    for district in districts:
        figure = counted.get(district) or _district_figure(measure, month, table, district)
        if measure.denominator_value is not None:
            out.append(DistrictFigures(district, None, None, figure.numerator, None))
            continue
        _, _, rag = judge(measure, figure.value, target, month)
        out.append(DistrictFigures(district, figure.value, rag, figure.numerator, figure.denominator))
    return tuple(out)


def _counted_sums(measure: Measure, month: Month, table: DistrictTable,
                  districts: list[str]) -> dict[str, figures.Figure]:
    """The districts' figures for a monthly measure whose window holds whole counts only,
    summed down the table at once (whole numbers add exactly in floats up to 2**53); any
    other district is left to the general rules."""
    if measure.frequency != MONTHLY:
        return {}
    columns = [table.column.get(m) for m in figures.window_of(measure.basis, month)]
    if None in columns:
        return {}
    numerator_rows, denominator_rows = table.rows_of(measure.numerator), {}
    if measure.denominator_field:
        denominator_rows = table.rows_of(measure.denominator_field)
        districts = [d for d in districts if d in denominator_rows]
    if not districts:
        return {}
    numerators = table.values[[numerator_rows[d] for d in districts]][:, columns]
    whole = ~np.isnan(numerators).any(axis=1) & (numerators == np.floor(numerators)).all(axis=1)
    numerator_sums = np.where(whole[:, None], numerators, 0).sum(axis=1)
    denominator_sums = None
    if measure.denominator_field:
        denominators = table.values[[denominator_rows[d] for d in districts]][:, columns]
        whole &= ~np.isnan(denominators).any(axis=1) & (denominators == np.floor(denominators)).all(axis=1)
        denominator_sums = np.where(whole[:, None], denominators, 0).sum(axis=1)
    out = {}
    numerator_sums = numerator_sums.astype(np.int64).tolist()
    population = measure.denominator_value
    for i in np.nonzero(whole)[0].tolist():
        if denominator_sums is not None:
            out[districts[i]] = figures.from_counts(measure, numerator_sums[i], int(denominator_sums[i]), month)
        elif population is not None:
            out[districts[i]] = figures.from_sums(measure, Fraction(numerator_sums[i]), Fraction(population),
                                                  month)
        else:
            out[districts[i]] = figures.from_counts(measure, numerator_sums[i], None, month)
    return out


def _district_figure(measure: Measure, month: Month, table: DistrictTable, district: str) -> figures.Figure:
    """One district's figure by the county's rules, over that district's own rows of the table."""
    own = ReturnsData(county={code: _series(table, table.rows_of(code)[district])
                              for code in measure.fields if district in table.rows_of(code)})
    return figures.compute(measure, measure.basis, month, own)


def _series(table: DistrictTable, row: int) -> dict[Month, float]:
    values = table.values[row]
    return {month: float(values[i]) for i in np.nonzero(~np.isnan(values))[0].tolist()
            for month in (table.months[i],)}


def build_results(catalogue: Catalogue, data: ReturnsData, month: Month,
                  problems: ProblemLog) -> list[MeasureResult]:
    """One result per measure, in catalogue order; missing figures become warnings."""
    calculator = _Calculator(catalogue, data)
    results = []
    for measure in catalogue.measures:
        current = calculator.month_figures(measure, month, every_basis=True)
        history = tuple(calculator.month_figures(measure, month - back)
                        for back in range(HISTORY_MONTHS - 1, 0, -1)) + (current,)
        entered = figures.entered_months(measure, data) if measure.frequency != MONTHLY else None
        compared = comparison_month(measure, month, current.as_of, entered)
        comparison = calculator.figure(measure, measure.basis, compared).value
        targets = catalogue.target_for(measure.ref, month.financial_year)
        band = (targets.for_month(month.month), targets.target_upper) if targets else (None, None)
        direction = rules.direction(current.value, comparison, measure.polarity, *band)
        _, _, previous_rag = judge(measure, comparison,
                                   catalogue.target_for(measure.ref, compared.financial_year), compared)
        march = Month(month.financial_year, 3)
        outturn = calculator.figure(measure, measure.basis, march)  # comparable with the strip
        results.append(MeasureResult(measure, current, compared, comparison, direction, targets,
                                     history, outturn.value, previous_rag,
                                     district_figures(measure, month, data, targets)))
        _warn_missing(measure, month, compared, calculator, problems)
        if targets is None and measure.polarity != records.NONE:
            problems.warning(catalogue.label, "Targets", "",
                             f"{measure.ref} has no targets for {_fy(month)}, so it has no RAG alert",
                             f"Add a row for {measure.ref} and {_fy(month)} to the Targets sheet.", code="FIG01")
    return results


def headline_count(catalogue: Catalogue, data: ReturnsData, month: Month) -> tuple[int, int]:
    """(measures with a headline figure for `month`, measures judged): polarity None aside."""
    judged = [m for m in catalogue.measures if m.polarity != records.NONE]
    with_figure = sum(1 for m in judged if figures.compute(m, m.basis, month, data).value is not None)
    return with_figure, len(judged)


def default_reporting_month(catalogue: Catalogue, data: ReturnsData,
                            months: list[Month]) -> tuple[Month, list[tuple[Month, int, int]]]:
    """(v2) The latest of `months` in which more than half of the judged measures have a
    headline figure, and the later months that hold some figures, each with
    (month, measures with a figure, measures judged), so a warning can name them.

    Where no month reaches half (or nothing is judged), the latest month is reported.
    """
    later: list[tuple[Month, int, int]] = []
    for month in sorted(months, reverse=True):
        with_figure, judged = headline_count(catalogue, data, month)
        if judged == 0 or 2 * with_figure > judged:
            return month, sorted(later)
        later.append((month, with_figure, judged))
    return max(months), []


def _fy(month: Month) -> str:

    return financial_year_label(month.financial_year)


ZERO_DENOMINATOR_FIX = ("Check the denominator's figures in the returns; if they are right, "
                        "the measure has no figure for the month.")


def _warn_missing(measure: Measure, month: Month, compared: Month, calculator: _Calculator,
                  problems: ProblemLog) -> None:
    """One warning per missing figure the outputs show, saying which months are missing."""
    bases = dict.fromkeys([measure.basis, *figures.shown_bases(measure)])
    wanted = [(basis, month) for basis in bases] + [(measure.basis, compared)]
    overdue_said: set[Month] = set()  # an overdue period is one warning, whatever the basis
    for basis, when in wanted:
        result = calculator.figure(measure, basis, when)
        if result.value is None and result.overdue is not None:
            if when not in overdue_said:
                overdue_said.add(when)
                problems.warning("", "", "", f"{measure.ref} ({measure.title}): no figure for "
                                 f"{when.label}: {result.why_missing}",
                                 f"Enter the {measure.frequency.lower()} figure in the returns under "
                                 "the month it is for, if it is known.", code="FIG70")
        elif result.value is None and measure.frequency != MONTHLY and result.missing:
            problems.warning("", "", "", f"{measure.ref} ({measure.title}): no {BASIS_WORDS[basis].before_figure} "
                             f"figure for {when.label}: {result.why_missing}",
                             f"Enter the {measure.frequency.lower()} figure in the returns under "
                             "the month it is for, if it is known.", code="FIG70")
        elif result.value is None and result.zero_denominator:
            problems.warning("", "", "", f"{measure.ref} ({measure.title}): no "
                             f"{BASIS_WORDS[basis].before_figure} figure for {when.label}: {result.why_missing}",
                             ZERO_DENOMINATOR_FIX, code="FIG03")
        elif result.value is None:
            problems.warning("", "", "", f"{measure.ref} ({measure.title}): no "
                             f"{BASIS_WORDS[basis].before_figure} figure for {when.label}: {result.why_missing}",
                             "Fill in the missing figures in the returns if they are known.", code="FIG02")


@dataclass
class Report:
    """Everything the renderers need for one reporting month; they read nothing else."""

    month: Month
    catalogue: Catalogue
    results: list[MeasureResult]
    commentary: object  # fscxl.read.commentary.Commentary
    actions: list | None  # fscxl.read.business_plan.Action records, None without a business plan
    problems: ProblemLog
    produced: object  # datetime.datetime of the run
    disclosure: Disclosure = field(default_factory=Disclosure)  # (v2) what a public paper shows as [c]
    revisions: list = field(default_factory=list)  # (v2) fscxl.compute.revisions.Revision records

    def results_of(self, scorecard: str) -> list[MeasureResult]:
        return [r for r in self.results if r.measure.scorecard == scorecard]
