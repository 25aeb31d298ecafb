"""Scorecard workbooks: the grid (Appendix C style) or the dashboard cards (Appendix B style).

Both layouts share the cover, commentary, key, notes and corporate sheets; only the
main sheet differs.
"""

from __future__ import annotations

from pathlib import Path

from fscxl.catalogue import Scorecard
from fscxl.periods import financial_year_label
from fscxl.render import cells, theme
from fscxl.render.book import Book, Sheet, text_height
from fscxl.results import MeasureResult, Report

STRIP_MONTHS = 13  # the reporting month and the same month a year before, and all between
MEASURE_WIDTH = 40


def grid_headings(report: Report) -> list[tuple[str, float]]:
    """(heading, column width) for every column of the grid, in order."""
    month = report.month
    outturn = f"{financial_year_label(month.financial_year - 1)} outturn"
    strip = [((month - back).short, 7.0) for back in range(STRIP_MONTHS - 1, -1, -1)]
    return [("Ref", 6.0), ("Measure", MEASURE_WIDTH), ("Polarity", 13.5), ("Basis", 15.0),
            (outturn, 9.0), *strip,
            (f"Latest figure ({month.short})", 9.5), (f"Target for {month.short}", 10.5),
            ("Year-end target", 10.5), ("Floor (minimum standard)", 11.0), ("RAG", 7.5),
            ("Direction of travel", 13.0), ("Benchmark", 9.5), ("Last 13 months", 14.0)]


class GridColumns:
    """Column positions in the grid, named as the committee names them."""

    REF, MEASURE, POLARITY, BASIS, OUTTURN = range(5)
    STRIP_FIRST = 5
    LATEST = STRIP_FIRST + STRIP_MONTHS
    TARGET, YEAR_END, FLOOR, RAG, DIRECTION, BENCHMARK, TREND = range(LATEST + 1, LATEST + 8)


def write_grid(sheet: Sheet, report: Report, results: list[MeasureResult], first_row: int) -> int:
    """The scorecard grid from `first_row` (its heading row): area rows, then one row a measure.

    Returns the last row written.
    """
    headings = grid_headings(report)
    sheet.widths([width for _, width in headings])
    for col, (heading, _) in enumerate(headings):
        sheet.text(first_row, col, heading, "heading")
    sheet.row_height(first_row, 42)
    row = first_row
    areas = list(dict.fromkeys(r.measure.area for r in results))
    for area in areas:
        row += 1
        sheet.text(row, 0, area, "area")
        for col in range(1, len(headings)):
            sheet.blank(row, col, "area")
        for result in (r for r in results if r.measure.area == area):
            row += 1
            write_measure_row(sheet, row, result)
    cells.colour_rag_and_direction(sheet, first_row + 1, row, GridColumns.RAG, GridColumns.DIRECTION)
    return row


def write_measure_row(sheet: Sheet, row: int, result: MeasureResult) -> None:
    c, m, now = GridColumns, result.measure, result.current
    sheet.text(row, c.REF, m.ref)
    sheet.text(row, c.MEASURE, m.title, "wrap")
    sheet.row_height(row, text_height(m.title, MEASURE_WIDTH))
    sheet.text(row, c.POLARITY, theme.POLARITY_WORDS[m.polarity])
    sheet.text(row, c.BASIS, theme.BASIS_WORDS[m.basis])
    cells.write_figure(sheet, row, c.OUTTURN, result.previous_outturn, m)
    for offset, figures in enumerate(result.history[-STRIP_MONTHS:]):
        cells.write_figure(sheet, row, c.STRIP_FIRST + offset, figures.value, m)
    cells.write_figure(sheet, row, c.LATEST, now.value, m, style="bold_text")
    cells.write_target(sheet, row, c.TARGET, result, phased=True)
    cells.write_target(sheet, row, c.YEAR_END, result, phased=False)
    cells.write_floor(sheet, row, c.FLOOR, result)
    sheet.text(row, c.RAG, cells.rag_text(result), "rag")
    sheet.text(row, c.DIRECTION, cells.direction_text(result), "direction")
    cells.write_figure(sheet, row, c.BENCHMARK, result.targets.benchmark if result.targets else None, m)
    sheet.blank(row, c.TREND)
    strip = sheet.ref(row, c.STRIP_FIRST, row, c.STRIP_FIRST + STRIP_MONTHS - 1)
    sheet.sparkline(row, c.TREND, {
        "range": strip, "type": "column", "series_color": theme.HEADING_FILL})


def grid_sheet(book: Book, name: str, report: Report, card: Scorecard, heading: str,
               results: list[MeasureResult], empty_note: str = "") -> Sheet:
    """A sheet holding a title block and the grid, set up for printing."""
    sheet = book.add_sheet(name)
    header_row = cells.title_block(sheet, report, card, heading)
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
    from fscxl.render import dashboard, supporting

    results = report.results_of(card.name)
    book = Book(path)
    book.set_title(f"Appendix {card.appendix}: {card.title}, {report.month.label}")
    cover = book.add_sheet("Cover")
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
    extra = [s for s in book.sheets if s not in (cover, main, corporate, commentary, key, notes)]
    supporting.cover_sheet(cover, report, card, [
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
