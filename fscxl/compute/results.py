"""Each measure's figures for the reporting month, judged: RAG, direction, history."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

from fscxl.compute import figures, rules
from fscxl.model import records
from fscxl.model.periods import MONTH, ROLLING_12, SNAPSHOT, YTD, Month, financial_year_label
from fscxl.model.problems import ProblemLog
from fscxl.model.records import COMPARE_LAST_YEAR, Catalogue, Measure, ReturnsData, Target

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

    @property
    def month(self) -> Month:
        return self.current.month

    def figures_for(self, month: Month) -> MonthFigures | None:
        return next((f for f in self.history if f.month == month), None)


def comparison_month(measure: Measure, month: Month) -> Month:
    return month - 12 if measure.compare_with == COMPARE_LAST_YEAR else month - 1


def judge(measure: Measure, value: Decimal | None, target: Target | None, month: Month) -> tuple:
    """(target judged against, RAG) for a figure in `month`."""
    if target is None:
        return None, None
    judged = target.for_month(month.month)
    return judged, rules.rag(value, measure.polarity, judged, target.floor,
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
        value = self.figure(measure, measure.basis, month).value
        month_basis = SNAPSHOT if measure.basis == SNAPSHOT else MONTH
        month_value = self.figure(measure, month_basis, month).value
        ytd = rolling = None
        if measure.basis != SNAPSHOT and every_basis:
            ytd = self.figure(measure, YTD, month).value
            rolling = self.figure(measure, ROLLING_12, month).value
        target = self.catalogue.target_for(measure.ref, month.financial_year)
        judged, rag = judge(measure, value, target, month)
        _, month_rag = judge(measure, month_value, target, month)
        return MonthFigures(month, value, month_value, ytd, rolling, judged, rag, month_rag)


def build_results(catalogue: Catalogue, data: ReturnsData, month: Month,
                  problems: ProblemLog) -> list[MeasureResult]:
    """One result per measure, in catalogue order; missing figures become warnings."""
    calculator = _Calculator(catalogue, data)
    results = []
    for measure in catalogue.measures:
        current = calculator.month_figures(measure, month, every_basis=True)
        history = tuple(calculator.month_figures(measure, month - back)
                        for back in range(HISTORY_MONTHS - 1, 0, -1)) + (current,)
        compared = comparison_month(measure, month)
        comparison = calculator.figure(measure, measure.basis, compared).value
        targets = catalogue.target_for(measure.ref, month.financial_year)
        band = (targets.for_month(month.month), targets.target_upper) if targets else (None, None)
        direction = rules.direction(current.value, comparison, measure.polarity, *band)
        march = Month(month.financial_year, 3)
        outturn = calculator.figure(measure, measure.basis, march)  # comparable with the strip
        results.append(MeasureResult(measure, current, compared, comparison, direction, targets,
                                     history, outturn.value))
        _warn_missing(measure, month, compared, calculator, problems)
        if targets is None and measure.polarity != records.NONE:
            problems.warning(catalogue.label, "Targets", "",
                             f"{measure.ref} has no targets for {_fy(month)}, so it has no RAG alert",
                             f"Add a row for {measure.ref} and {_fy(month)} to the Targets sheet.")
    return results


def _fy(month: Month) -> str:

    return financial_year_label(month.financial_year)


BASIS_WORDS = {MONTH: "month's", YTD: "year-to-date", ROLLING_12: "rolling 12-month",
               SNAPSHOT: "snapshot"}


def _warn_missing(measure: Measure, month: Month, compared: Month, calculator: _Calculator,
                  problems: ProblemLog) -> None:
    """One warning per missing figure the outputs show, saying which months are missing."""
    bases = dict.fromkeys([measure.basis, *figures.shown_bases(measure)])
    wanted = [(basis, month) for basis in bases] + [(measure.basis, compared)]
    for basis, when in wanted:
        result = calculator.figure(measure, basis, when)
        if result.value is None:
            problems.warning("", "", "", f"{measure.ref} ({measure.title}): no "
                             f"{BASIS_WORDS[basis]} figure for {when.label}: {result.why_missing}",
                             "Fill in the missing figures in the returns if they are known.")


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
    returns: ReturnsData | None = None  # the figures as read, for the counts behind a figure

    def counts(self, result: MeasureResult) -> tuple[Fraction | None, Fraction | None]:
        """(numerator, denominator) summed over the headline figure's window."""
        if self.returns is None:
            return None, None
        return figures.window_counts(result.measure, result.measure.basis, self.month, self.returns)

    def results_of(self, scorecard: str) -> list[MeasureResult]:
        return [r for r in self.results if r.measure.scorecard == scorecard]
