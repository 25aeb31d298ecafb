"""What goes in a cell for each thing a member reads: figures, targets, bands, RAG, direction.

Shared by the scorecard grid, the dashboard cards and the corporate sheet, so a target
or a missing figure looks the same everywhere.
"""

from __future__ import annotations

from decimal import Decimal

from fscxl.compute import rules
from fscxl.compute.figures import period_label
from fscxl.compute.results import MeasureResult, Report
from fscxl.model import records
from fscxl.model.periods import SNAPSHOT, Month
from fscxl.model.records import Measure, Scorecard
from fscxl.render import theme
from fscxl.render.book import Sheet


def figure_format(measure: Measure) -> str:
    return theme.number_format(measure.unit, measure.decimals)


def shown_number(value: Decimal, measure: Measure) -> str:
    """A number as text the way its cell shows it: 1,412 / 60.0."""
    return f"{value:,.{measure.decimals}f}"


def target_decimals(values: list[Decimal], measure: Measure) -> int:
    """Targets read as the catalogue sets them: '95%' and '480–560' when whole, else the measure's decimals.

    A target finer than the figure (80.4 against a whole 80%) shows its own decimals, so a
    member reading 80% against 80.4% sees why the alert is amber. One decimal more than the
    figure is enough for that, and a pro-rated floor (5,000 x 1,000 / 6,000) reads 833.3,
    not 833.333333 in a column too narrow for it.
    """
    if all(value == value.to_integral_value() for value in values):
        return 0
    own = max(-min(value.normalize().as_tuple().exponent, 0) for value in values)
    return min(max(measure.decimals, own), measure.decimals + 1)


def target_format(value: Decimal, measure: Measure) -> str:
    """The number format of a target or floor cell (the value itself is the exact figure)."""
    return theme.number_format(measure.unit, target_decimals([value], measure))


def band_text(lower: Decimal | None, upper: Decimal | None, measure: Measure) -> str | None:
    """'480–560' (with % for percentages), or None when either edge is missing.

    Whole edges are shown whole ('35–45', not '35.0–45.0'); otherwise both edges carry
    the measure's decimals.
    """
    if lower is None or upper is None:
        return None
    places = target_decimals([lower, upper], measure)
    suffix = "%" if measure.unit == "%" else ""
    return f"{lower:,.{places}f}{theme.RANGE_DASH}{upper:,.{places}f}{suffix}"


def write_figure(sheet: Sheet, row: int, col: int, value: Decimal | None, measure: Measure,
                 missing: str = theme.NOT_AVAILABLE, style: str = "text", hidden: bool = False,
                 revised: bool = False) -> None:
    """A figure in its unit's format; [c] in place of one built from a small count.

    A revised figure stays a number (so charts, sorting and sums still work) and carries
    [r] in its number format, which screen readers read as part of the shown value.
    """
    if hidden:
        sheet.text(row, col, theme.SUPPRESSED, theme.MISSING_STYLE.get(style, "missing"))
    elif revised and value is not None:
        sheet.book.symbols_used.add(theme.REVISED)
        sheet.figure(row, col, value, revised_format(figure_format(measure)), missing, style)
    else:
        sheet.figure(row, col, value, figure_format(measure), missing, style)


def revised_format(num_format: str) -> str:
    """A number format that shows ' [r]' after the figure in every section (positive; negative)."""
    return ";".join(f'{section}" {theme.REVISED}"' for section in num_format.split(";"))


def write_target(sheet: Sheet, row: int, col: int, result: MeasureResult, phased: bool) -> None:
    """The target judged against this month (phased) or the year-end one, as a number.

    For a range it is the lower edge; `range_text` gives both edges in a column of its own.
    """
    measure, targets = result.measure, result.targets
    if measure.polarity == records.NONE or targets is None:
        sheet.text(row, col, theme.NO_TARGET, "missing")
        return
    write_target_figure(sheet, row, col, result.current.target if phased else targets.target, measure)


def write_target_figure(sheet: Sheet, row: int, col: int, value: Decimal | None,
                        measure: Measure) -> None:
    """A single target or floor: a number, shown whole when the catalogue sets it whole."""
    if value is None:
        sheet.text(row, col, theme.NO_TARGET, "missing")
    else:
        sheet.number(row, col, value, "text", target_format(value, measure))


def write_floor(sheet: Sheet, row: int, col: int, result: MeasureResult) -> None:
    """The floor (minimum standard) as a number; for a range, the lower edge of the floor range."""
    write_target_figure(sheet, row, col, floor_of(result), result.measure)


def range_text(result: MeasureResult) -> str | None:
    """'480–560' over '(430–620)', the target range and the floor range, for a range measure."""
    measure, targets = result.measure, result.targets
    if measure.polarity != records.BAND or targets is None:
        return None
    band = band_text(result.current.target, targets.target_upper, measure)
    floors = band_text(targets.floor, targets.floor_upper, measure)
    if band is None:
        return None
    return f"{band}\n({floors})" if floors else band


def rag_text(result: MeasureResult, hidden: bool = False) -> str:
    """The RAG word; [x] where the figure is missing, [z] where there is no target, [c] where
    the figure is suppressed (no word, so no conditional format can colour the cell)."""
    if hidden:
        return theme.SUPPRESSED
    if result.current.rag:
        return result.current.rag
    if result.current.value is None and result.measure.polarity != records.NONE:
        return theme.NOT_AVAILABLE
    return theme.NO_TARGET


def direction_text(result: MeasureResult, hidden: bool = False) -> str:
    if hidden:  # better or worse than last month would hint at a suppressed figure's size
        return theme.SUPPRESSED
    if result.direction:
        return theme.direction_text(result.direction)
    return theme.NOT_AVAILABLE


def beside_target(measure: Measure, basis: str) -> bool:
    """Whether the figure over `basis` (Month, YTD, Rolling 12) can sit beside the headline's target.

    A count, or a rate over a fixed population, grows with its window, so only its headline
    compares with its target; a ratio of two summed fields (a percentage of cases, an
    average) reads the same over any window. A snapshot has no other window.
    """
    if basis == measure.basis:
        return True
    return measure.denominator_field is not None and measure.basis != SNAPSHOT


def write_window(sheet: Sheet, row: int, col: int, value: Decimal | None, measure: Measure,
                 basis: str, hidden: bool = False) -> None:
    """A figure over another window than the headline's, or [z] where it cannot be read
    against the target beside it; [c] where it is built from a small count."""
    if beside_target(measure, basis):
        write_figure(sheet, row, col, value, measure, snapshot_missing(measure), hidden=hidden)
    else:
        sheet.text(row, col, theme.NOT_APPLICABLE, "missing")


def snapshot_missing(measure: Measure) -> str:
    """A YTD or rolling figure of a snapshot measure is not applicable, not missing."""
    return theme.NOT_APPLICABLE if measure.basis == SNAPSHOT else theme.NOT_AVAILABLE


def colour_rag_and_direction(sheet: Sheet, first_row: int, last_row: int, rag_col: int,
                             direction_col: int | None = None) -> None:
    """Conditional formats so the colour follows the word in the cell, in Excel and LibreOffice."""
    sheet.colour_words(first_row, rag_col, last_row, theme.RAG_RULE_FORMATS)
    if direction_col is not None:
        prefixes = {word: arrow + " " for word, arrow in theme.ARROWS.items()}
        sheet.colour_words(first_row, direction_col, last_row, theme.DIRECTION_RULE_FORMATS, prefixes)


def title_block(sheet: Sheet, report: Report, card: Scorecard | None, heading: str,
                compact: bool = False) -> int:
    """Sheet title in A1, then council, period, classification, date produced; returns next row.

    `compact` puts all but the council on one line, for the sheets whose first printed
    page should hold as much of the table as the others. The period is the workbook's
    own ('Outturn 2011/12' for an outturn report) where it has one.
    """
    sheet.text(0, 0, heading, "title")
    lines = [f"{theme.COUNCIL} \u2014 {theme.DIRECTORATE}"]
    details = []
    if card is not None:
        details.append(f"Appendix {card.appendix}: {card.title}")
    settings = sheet.book.settings
    details += [sheet.book.footer or f"Data to end of {report.month.label}",
                f"Classification: {settings.classification or theme.CLASSIFICATION}",
                f"Produced {_date_words(report.produced)}"]
    lines += ["  |  ".join(details)] if compact else details
    for offset, line in enumerate(lines, start=1):
        sheet.text(offset, 0, line, "subtitle" if offset == 1 else "note")
    return len(lines) + 2


def _date_words(moment) -> str:
    if moment is None:
        return ""
    return f"{moment.day} {moment:%B %Y}"


def floor_of(result: MeasureResult) -> Decimal | None:
    """The floor judged against this month, phased or pro-rated (for a range, its lower edge),
    as results.csv gives it."""
    return result.current.floor if result.targets and result.measure.polarity != records.NONE else None


def target_of(result: MeasureResult) -> Decimal | None:
    """The target judged against this month (for a range, its lower edge)."""
    return result.current.target if result.measure.polarity != records.NONE else None


def is_exception(result: MeasureResult) -> bool:
    """Every Red, and every Amber that is worsening: what the committee's exception list holds."""
    rag = result.current.rag
    return rag == rules.RED or (rag == rules.AMBER and result.direction == rules.WORSENING)


def for_improvement_board(result: MeasureResult) -> bool:
    """Red and not improving: the measures the improvement board looks at."""
    return result.current.rag == rules.RED and result.direction != rules.IMPROVING


def _measure_number(value: Decimal, measure: Measure, as_target: bool = True) -> str:
    """'11.5', '95%': a target as the catalogue sets it, a figure with the measure's decimals."""
    places = target_decimals([value], measure) if as_target else measure.decimals
    text = f"{value:,.{places}f}"
    return text + ("%" if measure.unit == "%" else "")


def finding(result: MeasureResult, hidden: bool = False) -> str:
    """The finding in one sentence, for a chart's alt text and the summary:

    'AS08 rose to 11.5, above the minimum standard of 11: Red, worsening'.
    """
    m, now = result.measure, result.current
    if hidden:
        return (f"{m.ref}'s figure for {now.month.label} is not shown ({theme.SUPPRESSED}): it is "
                "built from a small number that could identify someone")
    if now.value is None:
        return f"{m.ref} has no figure for {now.month.label}: no RAG alert"
    shown = _measure_number(now.value, m, as_target=False)
    before = result.comparison_value
    if before is None:
        words = f"{m.ref} was {shown}"
    elif now.value > before:
        words = f"{m.ref} rose to {shown}"
    elif now.value < before:
        words = f"{m.ref} fell to {shown}"
    else:
        words = f"{m.ref} stayed at {shown}"
    if before is not None and result.comparison_month != now.month - 1:
        # a running count against last year, a quarterly figure against the last quarter:
        # say so, or a member reads the change against the month before on the chart
        when = (result.comparison_month.label if m.frequency == records.MONTHLY
                else period_label(m, m.basis, result.comparison_month))  # "2010/11", "Q3 2011/12"
        words += f" from {_measure_number(before, m, as_target=False)} in {when}"
    target, floor, rag = target_of(result), floor_of(result), now.rag
    if m.polarity == records.BAND and result.targets:
        t = result.targets
        band = band_text(target, t.target_upper, m)
        floors = band_text(t.floor, t.floor_upper, m)
        place = (f"inside the target range of {band}" if rag == rules.GREEN else
                 f"outside the minimum range of {floors}" if rag == rules.RED else
                 f"outside the target range of {band} but inside the minimum range of {floors}")
    elif rag == rules.GREEN and target is not None:
        place = f"meeting the target of {_measure_number(target, m)}"
    elif rag == rules.RED and floor is not None:
        side = "below" if m.polarity == records.HIGH else "above"
        place = f"{side} the minimum standard of {_measure_number(floor, m)}"
    elif rag == rules.AMBER and target is not None:
        side = "below" if m.polarity == records.HIGH else "above"
        place = f"{side} the target of {_measure_number(target, m)}"
        if floor is not None:
            place += f" but within the minimum standard of {_measure_number(floor, m)}"
    else:
        place = "context only, no target" if m.polarity == records.NONE else "no target set"
    judged = rag or "no RAG alert"
    moved = f", {result.direction.lower()}" if result.direction else ""
    return f"{words}, {place}: {judged}{moved}"


def is_revised(report: Report, ref: str, month: Month) -> bool:
    """An earlier month's figure differs from the one that month's own pack published."""
    return any(r.ref == ref and r.month == month for r in report.revisions)


def shown_history(result: MeasureResult, report: Report | None) -> list:
    """The strip's months whose figures may be shown: a suppressed one must not set a scale either."""
    if report is None:
        return list(result.history)
    ref = result.measure.ref
    return [f for f in result.history if not report.disclosure.in_month(ref, f.month, report.month)]
