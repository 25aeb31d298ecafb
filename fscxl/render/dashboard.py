"""Dashboard layout (Appendix B style): one card per measure with its chart and commentary.

A card is four rows with no merged cells: a title row; the definition beside the
headings of a two-row facts table; the finding in a sentence beside the facts; then the
officers' commentary beside a native line chart of the last 13 months with this year's
target and floor. The cards are for print: the same figures are a table on the Measures
sheet, and the charts' figures are on a 'Chart data' sheet, as values, so the chart and
a screen reader read the same numbers.
"""

from __future__ import annotations

import math

from fscxl.compute.results import HISTORY_MONTHS, MeasureResult, Report
from fscxl.model import records
from fscxl.model.periods import BASIS_WORDS, MONTH, ROLLING_12, YTD
from fscxl.model.records import COMMENTARY_TO_FOLLOW, Scorecard
from fscxl.render import cells, theme
from fscxl.render.book import Book, Sheet, check, page_points, text_height

TEXT_WIDTH = 60.0
FACT_WIDTH = 10.5
FACT_COLUMNS = 10
CHART_MIN_HEIGHT = 150.0  # points
CARD_TITLE_POINTS = 18.0
FACTS_ROW_POINTS = 2 * theme.LINE_HEIGHT + 4
SPACER_POINTS = 10.0
AREA_ROW_POINTS = 20.0
DEFAULT_ROW_POINTS = 15.0
TITLE_ROW_POINTS = 20.0  # the sheet title, repeated on every page


def page_capacity(paper: str) -> float:
    """Points of cards a printed page holds, below the repeated sheet title."""
    return page_points([TEXT_WIDTH] + [FACT_WIDTH] * FACT_COLUMNS, spare=0.98, paper=paper) - TITLE_ROW_POINTS
NO_DEFINITION = "No definition given."


def fact_headings(report: Report) -> list[str]:
    month = report.month.short
    return [f"{month} alone", "Year to date", "Rolling 12 months", f"Headline {month}",
            f"Target {month}", "Year-end target", "Floor", "RAG", "Direction", "Benchmark"]


RAG_FACT, DIRECTION_FACT = 7, 8


def write_facts(sheet: Sheet, row: int, report: Report, result: MeasureResult) -> None:
    """The second row of a card's facts table: the figures, target, floor, RAG, direction."""
    m, now = result.measure, result.current
    shown = report.disclosure
    hidden = shown.headline(m.ref)
    col = 1
    cells.write_window(sheet, row, col, now.month_value, m, MONTH, hidden=shown.month_alone(m.ref))
    cells.write_window(sheet, row, col + 1, now.ytd_value, m, YTD,
                       hidden=now.ytd_value is not None and shown.basis(m.ref, YTD) or (m.basis == YTD and hidden))
    cells.write_window(sheet, row, col + 2, now.rolling12_value, m, ROLLING_12,
                       hidden=now.rolling12_value is not None and shown.basis(m.ref, ROLLING_12)
                       or (m.basis == ROLLING_12 and hidden))
    cells.write_figure(sheet, row, col + 3, now.value, m, style="bold_text", hidden=hidden)
    cells.write_target(sheet, row, col + 4, result, phased=True)
    cells.write_target(sheet, row, col + 5, result, phased=False)
    cells.write_floor(sheet, row, col + 6, result)
    sheet.text(row, col + RAG_FACT, cells.rag_text(result, hidden), "rag")
    sheet.text(row, col + DIRECTION_FACT, cells.direction_text(result, hidden), "wrap")
    cells.write_figure(sheet, row, col + 9, result.targets.benchmark if result.targets else None, m,
                       missing=theme.NOT_APPLICABLE)


def chart_data_sheet(book: Book, report: Report, card: Scorecard,
                     results: list[MeasureResult]) -> tuple[Sheet, dict[str, dict[str, str]]]:
    """The figures behind every chart; returns, per Ref, the ranges each series reads."""
    sheet = book.add_sheet("Chart data")
    header_row = cells.title_block(sheet, report, card, "Figures behind the dashboard charts")
    months = [report.month - back for back in range(HISTORY_MONTHS - 1, -1, -1)]
    sheet.widths([8.0, 22.0] + [8.0] * HISTORY_MONTHS)
    for col, heading in enumerate(["Ref", "Series", *(m.short for m in months)]):
        sheet.text(header_row, col, heading, "heading")
    categories = sheet.ref(header_row, 2, header_row, 1 + HISTORY_MONTHS)
    ranges: dict[str, dict[str, str]] = {}
    row = header_row
    for result in results:
        m = result.measure
        history = result.history[-HISTORY_MONTHS:]
        # each period once; a suppressed one blank, as the chart must not draw it either
        series = {"Figure": [None if report.disclosure.in_month(m.ref, f.month, report.month) else f.own_value
                             for f in history]}
        if m.polarity != records.NONE and result.targets is not None:
            # this year's target and floor only: last year's would join this year's with a
            # line that plunges in April, which no figure did
            this_year = [f.month.financial_year == report.month.financial_year for f in history]
            t = result.targets
            # each month's own floor: phased, or pro-rated with a running count's target
            floors = [t.floor_for(f.month.month, m.running_count) for f in history]
            lines = {"Target": [f.target for f in history], "Floor": floors}
            if m.polarity == records.BAND:
                lines["Target upper"] = [t.target_upper] * len(history)
                lines["Floor upper"] = [t.floor_upper] * len(history)
            for name, values in lines.items():
                if any(v is not None for v in values):
                    series[name] = [v if now else None for v, now in zip(values, this_year, strict=True)]
        ranges[m.ref] = {"categories": categories}
        for name, values in series.items():
            row += 1
            sheet.text(row, 0, m.ref)
            sheet.text(row, 1, f"{name} ({BASIS_WORDS[m.basis].heading.lower()})" if name == "Figure"
                       else name)
            for offset, value in enumerate(values):
                # a blank, not [x], so the chart leaves a gap rather than plotting zero
                if value is None:
                    sheet.blank(row, 2 + offset)
                elif name == "Figure" and cells.is_revised(report, m.ref, months[offset]):
                    sheet.book.symbols_used.add(theme.REVISED)
                    sheet.number(row, 2 + offset, value, "text", cells.revised_format(cells.figure_format(m)))
                else:
                    sheet.number(row, 2 + offset, value, "text", cells.figure_format(m))
            ranges[m.ref][name] = sheet.ref(row, 2, row, 1 + HISTORY_MONTHS)
    sheet.table(header_row, 0, row, ["Ref", "Series", *(m.short for m in months)], f"Chart_data_{card.appendix}")
    sheet.text(row + 2, 0, "A blank cell means there is no figure for that month, or no target "
               "or floor that month"
               + (", or a figure not shown because it is built from a small number ([c])."
                  if report.disclosure.threshold else "."), "note")
    sheet.print_setup(month_label=report.month.label, header_rows=(header_row, header_row),
                      freeze=(header_row + 1, 2))
    return sheet, ranges


LINE_STYLES = {"Target": ("dash", 2.0), "Target upper": ("dash", 1.5), "Floor": ("round_dot", 2.0),
               "Floor upper": ("round_dot", 1.5)}
AXIS_ROOM = 0.15  # above and below the figures, target and floor, as a share of their range


def chart_axis(result: MeasureResult, report: Report | None = None) -> dict:
    """An axis that takes in the figures, target and floor with a little room, so the change is
    visible; it starts at zero only where zero is near anyway (the Key says why)."""
    t, m = result.targets, result.measure
    history = result.history[-HISTORY_MONTHS:]
    hidden = {f.month for f in history} - {f.month for f in cells.shown_history(result, report)}
    values = [f.own_value for f in history if f.month not in hidden]
    if t is not None and m.polarity != records.NONE:  # the lines drawn: this year's months
        for f in (f for f in history if f.month.financial_year == result.month.financial_year):
            values += [f.target, t.floor_for(f.month.month, m.running_count), t.target_upper, t.floor_upper]
    numbers = [float(v) for v in values if v is not None]
    if not numbers:
        return {}
    low, high = min(numbers), max(numbers)
    room = (high - low or abs(high) or 1.0) * AXIS_ROOM
    bottom, top = low - room, high + room
    if low >= 0 and (bottom < 0 or low < (high - low)):  # near zero: start there
        bottom = 0.0
    step = nice_step((top - bottom) / 5)
    return {"min": step * (bottom // step), "max": step * -(-top // step), "major_unit": step}


def nice_step(rough: float) -> float:
    """1, 2 or 5 times a power of ten, at least `rough`: gridlines a reader can count in."""
    power = 10 ** math.floor(math.log10(rough)) if rough > 0 else 1
    return next(power * k for k in (1, 2, 5, 10) if power * k >= rough)


def add_chart(book: Book, sheet: Sheet, row: int, result: MeasureResult, ranges: dict[str, str],
              height_points: float, report: Report | None = None) -> None:
    """A native line chart of the headline figure, every point labelled with its period, and
    this year's target and floor as lines; its alt text states the finding."""
    m = result.measure
    hidden = report is not None and report.disclosure.headline(m.ref)
    rag = None if hidden else result.current.rag
    chart = book.wb.add_chart({"type": "line"})
    chart.add_series({"name": f"{m.ref}: {BASIS_WORDS[m.basis].heading.lower()} figure",
                      "categories": ranges["categories"], "values": ranges["Figure"],
                      "line": {"color": theme.HEADING_FILL, "width": 2.25},
                      "marker": {"type": "circle", "size": 5, "fill": {"color": theme.HEADING_FILL},
                                 "border": {"color": theme.HEADING_FILL}},
                      "points": [None] * (HISTORY_MONTHS - 1) + [{
                          "fill": {"color": theme.RAG_FILLS.get(rag, theme.HEADING_FILL)},
                          "border": {"color": theme.INK}}],
                      "data_labels": {"value": True, "position": "above", "font": {"size": 7},
                                      "num_format": cells.figure_format(m)}})
    for name, (dash, width) in LINE_STYLES.items():
        if name in ranges:
            chart.add_series({"name": name, "categories": ranges["categories"], "values": ranges[name],
                              "marker": {"type": "none"},
                              "line": {"color": theme.TARGET_LINE, "width": width, "dash_type": dash}})
    chart.set_title({"none": True})
    chart.set_legend({"position": "bottom", "font": {"size": 8}})
    chart.set_y_axis({"num_format": cells.figure_format(m), "num_font": {"size": 8}, **chart_axis(result, report),
                      "major_gridlines": {"visible": True, "line": {"color": theme.STATUS_FILL}}})
    chart.set_x_axis({"num_font": {"size": 8, "rotation": -45}, "interval_unit": 1})
    chart.show_blanks_as("gap")
    width = int(FACT_COLUMNS * (FACT_WIDTH * 7 + 5)) - 8
    chart.set_size({"width": width, "height": int(height_points * 4 / 3) - 8})
    sheet.chart(row, 1, chart, {"x_offset": 4, "y_offset": 4, "object_position": 1,
                                "description": f"{cells.finding(result, hidden)}. Line chart of {m.title} "
                                               f"for the last 13 months, with this year's target and floor."})


def dashboard_sheet(book: Book, report: Report, card: Scorecard,
                    results: list[MeasureResult]) -> tuple[Sheet, list[tuple[int, float]]]:
    """One card per measure, grouped by area in catalogue order.

    Returns the sheet and, per measure, where its chart goes (row, height in points):
    the charts are added by `add_charts` once the Chart data sheet exists.
    """
    sheet = book.add_sheet("Dashboard")
    first = cells.title_block(sheet, report, card, f"{card.title}: data to end of {report.month.label}",
                              compact=True)
    sheet.widths([TEXT_WIDTH] + [FACT_WIDTH] * FACT_COLUMNS)
    headings = fact_headings(report)
    places: list[tuple[int, float]] = []
    breaks: list[int] = []
    capacity = page_capacity(book.settings.paper)
    used = DEFAULT_ROW_POINTS * (first - 2)  # the lines under the title (the title is in capacity)
    row = first - 1
    for area in dict.fromkeys(r.measure.area for r in results):
        in_area = [r for r in results if r.measure.area == area]
        row += 1
        # keep an area heading with its first card, and never split a card over two pages
        needed = AREA_ROW_POINTS + card_height(report, in_area[0])
        if used + needed > capacity and row > first:
            breaks.append(row)
            used = 0.0
        used += AREA_ROW_POINTS
        sheet.text(row, 0, area, "area")
        for col in range(1, FACT_COLUMNS + 1):
            sheet.blank(row, col, "area")
        sheet.row_height(row, AREA_ROW_POINTS)
        for position, result in enumerate(in_area):
            height = card_height(report, result)
            if position and used + height > capacity:
                breaks.append(row + 1)
                used = 0.0
            used += height
            row, place = write_card(sheet, report, row + 1, result, headings)
            places.append(place)
    if breaks:
        check(sheet.ws.set_h_pagebreaks(breaks), "page breaks of the dashboard")
    sheet.print_setup(month_label=report.month.label, header_rows=(0, 0))
    return sheet, places


def card_height(report: Report, result: MeasureResult) -> float:
    """The printed height of a card in points, to keep each card on one page."""
    m = result.measure
    commentary = card_commentary(report, result)
    return (CARD_TITLE_POINTS + text_height(m.definition or NO_DEFINITION, TEXT_WIDTH, minimum_lines=3)
            + FACTS_ROW_POINTS + max(text_height(commentary, TEXT_WIDTH), CHART_MIN_HEIGHT)
            + SPACER_POINTS)


def card_commentary(report: Report, result: MeasureResult) -> str:
    """The officers' words for the card, exactly as they wrote them."""
    return report.commentary.for_measure(result.measure.ref, report.month) or COMMENTARY_TO_FOLLOW


def add_charts(book: Book, sheet: Sheet, report: Report, card: Scorecard,
               results: list[MeasureResult], places: list[tuple[int, float]]) -> Sheet:
    """The Chart data sheet, then each card's chart reading from it."""
    in_order = [r for area in dict.fromkeys(r.measure.area for r in results)
                for r in results if r.measure.area == area]
    data_sheet, ranges = chart_data_sheet(book, report, card, in_order)
    for result, (row, height) in zip(in_order, places, strict=True):
        add_chart(book, sheet, row, result, ranges[result.measure.ref], height, report)
    return data_sheet


def write_card(sheet: Sheet, report: Report, row: int, result: MeasureResult,
               headings: list[str]) -> tuple[int, tuple[int, float]]:
    """Write one card from `row`; returns its last row (a spacer) and where its chart goes."""
    m = result.measure
    sheet.text(row, 0, f"{m.ref}  {m.title}", "card_title")
    for col in range(1, FACT_COLUMNS + 1):
        sheet.blank(row, col, "card_title")
    sheet.row_height(row, CARD_TITLE_POINTS)
    definition = m.definition or NO_DEFINITION
    sheet.text(row + 1, 0, definition, "wrap")
    for offset, heading in enumerate(headings, start=1):
        sheet.text(row + 1, offset, heading, "heading")
    sheet.row_height(row + 1, text_height(definition, TEXT_WIDTH, minimum_lines=3))
    sheet.text(row + 2, 0, cells.finding(result, report.disclosure.headline(m.ref)), "wrap")
    write_facts(sheet, row + 2, report, result)
    sheet.row_height(row + 2, FACTS_ROW_POINTS)
    cells.colour_rag_and_direction(sheet, row + 2, row + 2, 1 + RAG_FACT, 1 + DIRECTION_FACT)
    commentary = card_commentary(report, result)
    sheet.text(row + 3, 0, commentary, "wrap")
    height = max(text_height(commentary, TEXT_WIDTH), CHART_MIN_HEIGHT)
    sheet.row_height(row + 3, height)
    sheet.row_height(row + 4, SPACER_POINTS)
    return row + 4, (row + 3, height)
