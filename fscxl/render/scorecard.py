"""Scorecard workbooks: the grid (Appendix C style) or the dashboard cards (Appendix B style).

Both layouts share the cover, commentary, key, notes and corporate sheets; only the
main sheet differs.
"""

from __future__ import annotations

from pathlib import Path

from fscxl.compute.results import HISTORY_MONTHS, MeasureResult, Report
from fscxl.model.periods import financial_year_label
from fscxl.model.records import Scorecard
from fscxl.render import cells, dashboard, summary, supporting, theme
from fscxl.render.book import Book, Sheet, page_breaks, page_points, text_height

MEASURE_WIDTH = 26.5
TITLE_CHARS_PER_UNIT = 1.33  # measured on the printed grid: 36 characters of title may need 2 lines
STRIP_WIDTH = 5.0  # a month of the strip, in 9 pt figures: '15,686' and '100.0%' fit
HEADING_POINTS = 40.0  # three lines of heading
AREA_ROW_POINTS = 15.0
DEFAULT_ROW_POINTS = 15.0  # the title block's rows (the title itself a little taller)
SPARKLINE_HEADROOM = 0.3  # below the lowest bar, as a share of the strip's range: no bar vanishes


def grid_headings(report: Report) -> list[tuple[str, float]]:
    """(heading, column width) for every column of the grid, in order.

    Short headings and narrow columns keep all of it one A4 page wide at a readable
    scale; the key spells out each heading and abbreviation.
    """
    month = report.month
    outturn = f"{financial_year_label(month.financial_year - 1)} outturn"
    strip = [((month - back).short, STRIP_WIDTH) for back in range(HISTORY_MONTHS - 1, -1, -1)]
    return [("Ref", 4.6), ("Measure", MEASURE_WIDTH), ("Better if", 7.2), ("Basis", 8.0),
            (outturn, 7.0), *strip,
            (f"Latest ({month.short})", 7.2), (f"Target {month.short}", 8.0),
            ("Year-end target", 8.0), ("Floor", 8.0), ("RAG", 6.4),
            ("Direction", 10.0), ("Bench-mark", 6.8), ("Trend", 8.6)]


class GridColumns:
    """Column positions in the grid, named as the committee names them."""

    REF, MEASURE, POLARITY, BASIS, OUTTURN = range(5)
    STRIP_FIRST = 5
    LATEST = STRIP_FIRST + HISTORY_MONTHS
    TARGET, YEAR_END, FLOOR, RAG, DIRECTION, BENCHMARK, TREND = range(LATEST + 1, LATEST + 8)


def write_grid(sheet: Sheet, report: Report, results: list[MeasureResult], first_row: int) -> int:
    """The scorecard grid from `first_row` (its heading row): area rows, then one row a measure.

    Pages break between areas where they can, and an area's heading never ends a page.
    Returns the last row written.
    """
    headings = grid_headings(report)
    sheet.widths([width for _, width in headings])
    strip = range(GridColumns.STRIP_FIRST, GridColumns.STRIP_FIRST + HISTORY_MONTHS)
    for col, (heading, _) in enumerate(headings):
        sheet.text(first_row, col, heading, "strip_heading" if col in strip else "heading")
    sheet.row_height(first_row, HEADING_POINTS)
    row = first_row
    heights: list[tuple[int, float]] = []
    area_rows: set[int] = set()
    areas = list(dict.fromkeys(r.measure.area for r in results))
    for area in areas:
        row += 1
        sheet.text(row, 0, area, "area")
        for col in range(1, len(headings)):
            sheet.blank(row, col, "area")
        sheet.row_height(row, AREA_ROW_POINTS)
        heights.append((row, AREA_ROW_POINTS))
        area_rows.add(row)
        for result in (r for r in results if r.measure.area == area):
            row += 1
            heights.append((row, write_measure_row(sheet, row, result)))
    widths = [width for _, width in headings]
    sheet.page_breaks(page_breaks(heights, first_row * DEFAULT_ROW_POINTS + HEADING_POINTS,
                                  HEADING_POINTS, page_points(widths), area_rows))
    cells.colour_rag_and_direction(sheet, first_row + 1, row, GridColumns.RAG, GridColumns.DIRECTION)
    return row


def sparkline_axis(values: list) -> dict:
    """The row's own axis, from a little below its lowest figure to its highest.

    Each measure has its own scale, so a change of a point or two shows as a trend
    rather than thirteen equal bars; the lowest bar keeps some height, and the axis never
    drops below zero for figures that cannot be negative.
    """
    figures = [float(v) for v in values if v is not None]
    if not figures:
        return {}
    low, high = min(figures), max(figures)
    span = high - low or (abs(high) * 0.1 or 1.0)
    bottom = low - span * SPARKLINE_HEADROOM
    if low >= 0 > bottom:
        bottom = 0.0
    return {"min": round(bottom, 6), "max": round(high if high > low else low + span, 6)}


def write_measure_row(sheet: Sheet, row: int, result: MeasureResult) -> float:
    """One measure's row of the grid; returns its height in points."""
    c, m, now = GridColumns, result.measure, result.current
    sheet.text(row, c.REF, m.ref)
    sheet.text(row, c.MEASURE, m.title, "wrap")
    height = text_height(m.title, MEASURE_WIDTH, chars_per_unit=TITLE_CHARS_PER_UNIT)
    sheet.row_height(row, height)
    sheet.text(row, c.POLARITY, theme.POLARITY_SHORT[m.polarity])
    sheet.text(row, c.BASIS, theme.BASIS_SHORT[m.basis])
    cells.write_figure(sheet, row, c.OUTTURN, result.previous_outturn, m)
    history = result.history[-HISTORY_MONTHS:]
    for offset, figures in enumerate(history):
        cells.write_figure(sheet, row, c.STRIP_FIRST + offset, figures.value, m, style="strip")
    cells.write_figure(sheet, row, c.LATEST, now.value, m, style="bold_text")
    cells.write_target(sheet, row, c.TARGET, result, phased=True)
    cells.write_target(sheet, row, c.YEAR_END, result, phased=False)
    cells.write_floor(sheet, row, c.FLOOR, result)
    sheet.text(row, c.RAG, cells.rag_text(result), "rag")
    sheet.text(row, c.DIRECTION, cells.direction_text(result), "direction")
    cells.write_figure(sheet, row, c.BENCHMARK, result.targets.benchmark if result.targets else None, m)
    sheet.blank(row, c.TREND)
    strip = sheet.ref(row, c.STRIP_FIRST, row, c.STRIP_FIRST + HISTORY_MONTHS - 1)
    sheet.sparkline(row, c.TREND, {
        "range": strip, "type": "column", "series_color": theme.HEADING_FILL,
        "empty_cells": "gaps", **sparkline_axis([f.value for f in history])})
    return height


def grid_sheet(book: Book, name: str, report: Report, card: Scorecard, heading: str,
               results: list[MeasureResult], empty_note: str = "") -> Sheet:
    """A sheet holding a title block and the grid, set up for printing."""
    sheet = book.add_sheet(name)
    header_row = cells.title_block(sheet, report, card, heading, compact=True)
    if not results:
        sheet.text(header_row, 0, empty_note, "note")
        sheet.print_setup(month_label=report.month.label, header_rows=None)
        return sheet
    write_grid(sheet, report, results, header_row)
    sheet.print_setup(month_label=report.month.label, header_rows=(header_row, header_row),
                      freeze=(header_row + 1, 2))
    return sheet


def write_scorecard(report: Report, card: Scorecard, path: Path) -> None:
    """One scorecard workbook: cover, main sheet (grid or dashboard), corporate, commentary, key, notes."""
    results = report.results_of(card.name)
    book = Book(path, report.catalogue.report)
    book.set_title(f"Appendix {card.appendix}: {card.title}, {report.month.label}",
                   f"{card.title}: performance to the end of {report.month.label}")
    cover = book.add_sheet("Cover")
    summary_sheet = summary.summary_sheet(book, report, card, results)
    places = None
    if card.layout == "Dashboard":
        main, places = dashboard.dashboard_sheet(book, report, card, results)
    else:
        main = grid_sheet(book, "Scorecard", report, card,
                          f"{card.title}: data to end of {report.month.label}", results)
    corporate = grid_sheet(book, "Corporate", report, card,
                           f"{card.title}: measures in the corporate report",
                           [r for r in results if r.measure.corporate],
                           "No measure in this scorecard is marked Corporate in the catalogue.")
    commentary = supporting.commentary_sheet(book, report, card, results)
    key = supporting.key_sheet(book, report, card)
    notes = supporting.notes_sheet(book, report, card, results)
    if places is not None:
        dashboard.add_charts(book, main, report, card, results, places)
    extra = [s for s in book.sheets if s not in (cover, summary_sheet, main, corporate, commentary, key, notes)]
    supporting.cover_sheet(cover, report, card, [
        (summary_sheet, "RAG alerts counted by area, and the exceptions: every Red and every "
         "worsening Amber, with those for the improvement board"),
        (main, "The scorecard: every measure with its figures, target, RAG alert and direction"
         if card.layout != "Dashboard" else
         "The dashboard: one card per measure with its chart and the officers' commentary"),
        (corporate, "The measures that also go to the corporate quarterly report"),
        (commentary, "Commentary for each area: the officers' and a summary drafted from the figures"),
        (key, "How to read the scorecard: RAG alerts, arrows, polarity, basis and symbols"),
        (notes, "Each measure's definition, numerator and denominator, and source return"),
        *[(s, "Figures behind the charts") for s in extra],
    ])
    book.close()
