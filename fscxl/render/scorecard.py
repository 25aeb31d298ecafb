"""Scorecard workbooks: the grid (Appendix C style) or the dashboard cards (Appendix B style).

Both layouts share the cover, commentary, key, notes and corporate sheets; only the
main sheet differs.
"""

from __future__ import annotations

from pathlib import Path

from fscxl.compute.results import HISTORY_MONTHS, MeasureResult, Report
from fscxl.model.periods import BASIS_WORDS, ROLLING_12, YTD, Month, financial_year_label
from fscxl.model.records import BAND, Scorecard
from fscxl.render import cells, dashboard, districts, summary, supporting, theme
from fscxl.render.book import Book, PackPages, Sheet, page_breaks, page_points, wrapped_lines

AREA_WIDTH = 12.0
MEASURE_WIDTH = 22.5
TITLE_CHARS_PER_UNIT = 1.33  # measured on the printed grid: 36 characters of title may need 2 lines
NUMBER_WIDTH = 6.5  # a figure at 10 pt: '15,686' and '100.0%' fit
HEADING_POINTS = 30.0  # two lines of 9 pt heading
GRID_LINE_POINTS = 12.75  # a line of 10 pt text as LibreOffice prints it (12.2), and a little room
DEFAULT_ROW_POINTS = 15.0  # the title block's rows (the title itself a little taller)
TREND_HEADROOM = 0.1  # above and below the row's scale, as a share of its range
TEXT_COLUMNS = {"area", "ref", "measure", "polarity", "basis", "range", "rag", "direction", "trend"}


def grid_columns(report: Report, results: list[MeasureResult]) -> list[tuple[str, str, float]]:
    """(key, heading, width) for every column of the grid, in order.

    Narrow columns and short headings keep it one A4 page wide at 90% or more; the key
    spells out each heading. No column repeats another: the month alone is shown only
    where it differs in kind from the headline, and the month's target only where some
    measure has a phased target that differs from its year-end one.
    """
    month = report.month.short
    outturn = f"{financial_year_label(report.month.financial_year - 1)} outturn"
    columns = [("area", "Area", AREA_WIDTH), ("ref", "Ref", 4.6), ("measure", "Measure", MEASURE_WIDTH),
               ("polarity", "Better if", NUMBER_WIDTH), ("basis", "Basis", NUMBER_WIDTH),
               ("outturn", outturn, NUMBER_WIDTH), ("month_alone", f"{month} alone", NUMBER_WIDTH),
               ("headline", f"Headline {month}", NUMBER_WIDTH), ("count", "Count", NUMBER_WIDTH),
               ("out_of", "Out of", 7.0)]
    if any(phased_differs(r) for r in results):
        columns.append(("target", f"Target {month}", NUMBER_WIDTH))
    columns += [("year_end", "Year-end target", NUMBER_WIDTH), ("floor", "Floor", NUMBER_WIDTH)]
    if any(r.measure.polarity == BAND for r in results):  # else a column of [z] on every row
        columns.append(("range", "Range", 8.0))
    columns += [("rag", "RAG", 6.0), ("direction", "Direction", 9.5),
                ("benchmark", "Benchmark", 9.0), ("trend", "Trend", 7.5)]
    return columns


def phased_differs(result: MeasureResult) -> bool:
    """The month's target is not the year-end one (a phased, profiled target)."""
    return (result.targets is not None and result.measure.polarity != "None"
            and result.current.target != result.targets.target)


def month_alone_comparable(measure) -> bool:
    """A month-alone figure sits beside the headline only for a ratio of two summed fields
    over a window (a percentage of cases, an average): for a count or a rate over a fixed
    population the month alone cannot be read against the headline's target."""
    return measure.denominator_field is not None and measure.basis in (YTD, ROLLING_12)


def area_page_breaks(area_heights: list[list[tuple[int, float]]], first_page_used: float,
                     capacity: float, own_page: bool = True) -> list[int]:
    """Rows to start pages at, so no area is split across two pages.

    With `own_page` every area starts a page (the scorecard members read); otherwise an
    area starts a page only when it does not fit below the one before (the sheets of
    a few measures each). An area longer than a page breaks within itself only where
    it must.
    """
    breaks: list[int] = []
    used = first_page_used
    for index, rows in enumerate(area_heights):
        height = sum(h for _, h in rows)
        if index and (own_page or used + height > capacity):
            breaks.append(rows[0][0])
            used = HEADING_POINTS
        inside = page_breaks(rows, used, HEADING_POINTS, capacity)
        breaks += [row for row in inside if row != rows[0][0]]
        used = used + height if not inside else HEADING_POINTS + sum(h for r, h in rows if r >= inside[-1])
    return breaks


def write_grid(sheet: Sheet, report: Report, results: list[MeasureResult],
               first_row: int, table: str, own_page: bool = True) -> dict[str, int]:
    """The scorecard grid from `first_row` (its heading row) as one named Excel table:
    one row a measure, the area in a column, each area starting a printed page.

    Returns each column's position by key.
    """
    columns = grid_columns(report, results)
    col = {key: index for index, (key, _, _) in enumerate(columns)}
    widths = [width for _, _, width in columns]
    sheet.widths(widths)
    for index, (key, heading, _) in enumerate(columns):
        sheet.text(first_row, index, heading, "heading" if key in TEXT_COLUMNS else "strip_heading")
    sheet.row_height(first_row, HEADING_POINTS)
    row = first_row
    by_area: list[list[tuple[int, float]]] = []
    for area in dict.fromkeys(r.measure.area for r in results):
        by_area.append([])
        for result in (r for r in results if r.measure.area == area):
            row += 1
            by_area[-1].append((row, write_measure_row(sheet, report, row, result, col)))
    capacity = page_points(widths, spare=0.99, paper=sheet.book.settings.paper)
    sheet.page_breaks(area_page_breaks(by_area, first_row * DEFAULT_ROW_POINTS + HEADING_POINTS, capacity,
                                       own_page))
    sheet.table(first_row, 0, row, [heading for _, heading, _ in columns], table)
    cells.colour_rag_and_direction(sheet, first_row + 1, row, col["rag"], col["direction"])
    return col


def trend_axis(result: MeasureResult, report: Report | None = None) -> dict:
    """One scale for the row that holds its figures, target and floor, with a little room.

    The target and floor are inside the scale, so a change of a tenth does not fill the
    cell as a surge would; how good the latest figure is shows in its RAG colour.
    """
    values = [f.own_value for f in cells.shown_history(result, report)] + [cells.target_of(result),
                                                                      cells.floor_of(result)]
    if result.targets is not None and result.measure.polarity != "None":
        values += [result.targets.target_upper, result.targets.floor_upper]
    figures = [float(v) for v in values if v is not None]
    if not figures:
        return {}
    low, high = min(figures), max(figures)
    room = (high - low or abs(high) or 1.0) * TREND_HEADROOM
    bottom = low - room
    if low >= 0 > bottom:
        bottom = 0.0
    return {"min": round(bottom, 6), "max": round(high + room, 6)}


def write_counts(sheet: Sheet, row: int, report: Report, result: MeasureResult,
                 col: dict[str, int]) -> None:
    """The numerator and denominator behind the headline figure ([z] for a count)."""
    if not result.measure.has_denominator:
        sheet.text(row, col["count"], theme.NOT_APPLICABLE, "missing")
        sheet.text(row, col["out_of"], theme.NOT_APPLICABLE, "missing")
        return
    if report.disclosure.headline(result.measure.ref):  # the counts give the figure away
        sheet.text(row, col["count"], theme.SUPPRESSED, "missing")
        sheet.text(row, col["out_of"], theme.SUPPRESSED, "missing")
        return
    now = result.current  # the sums behind the headline, as results.csv gives them
    for key, value in (("count", now.numerator), ("out_of", now.denominator)):
        if value is None:
            sheet.text(row, col[key], theme.NOT_AVAILABLE, "missing")
        else:
            whole = value == value.to_integral_value()
            sheet.number(row, col[key], float(value), "text", "#,##0" if whole else "#,##0.0")


def grid_row_points(measure) -> float:
    """A grid row's height: its title's or area's lines, whichever wraps to more.

    Tight, so that an area of twelve measures with three-line titles fits one A4 page."""
    lines = max(wrapped_lines(text, int(width * TITLE_CHARS_PER_UNIT))
                for text, width in ((measure.title, MEASURE_WIDTH), (measure.area, AREA_WIDTH)))
    return lines * GRID_LINE_POINTS + 3


def write_measure_row(sheet: Sheet, report: Report, row: int, result: MeasureResult,
                      col: dict[str, int]) -> float:
    """One measure's row of the grid; returns its height in points."""
    m, now = result.measure, result.current
    sheet.text(row, col["area"], m.area, "wrap")
    sheet.text(row, col["ref"], m.ref)
    sheet.text(row, col["measure"], m.title, "wrap")
    height = grid_row_points(m)
    sheet.row_height(row, height)
    sheet.text(row, col["polarity"], theme.POLARITY_SHORT[m.polarity], "wrap")
    sheet.text(row, col["basis"], BASIS_WORDS[m.basis].short, "wrap")
    disclosure, march = report.disclosure, Month(report.month.financial_year, 3)
    hidden = disclosure.headline(m.ref)
    cells.write_figure(sheet, row, col["outturn"], result.previous_outturn, m,
                       hidden=disclosure.in_month(m.ref, march, report.month),
                       revised=cells.is_revised(report, m.ref, march))
    if month_alone_comparable(m):
        cells.write_figure(sheet, row, col["month_alone"], now.month_value, m,
                           hidden=disclosure.month_alone(m.ref))
    else:
        sheet.text(row, col["month_alone"], theme.NOT_APPLICABLE, "missing")
    cells.write_figure(sheet, row, col["headline"], now.value, m, style="bold_text", hidden=hidden)
    write_counts(sheet, row, report, result, col)
    if "target" in col:
        cells.write_target(sheet, row, col["target"], result, phased=True)
    cells.write_target(sheet, row, col["year_end"], result, phased=False)
    cells.write_floor(sheet, row, col["floor"], result)
    if "range" in col:
        band = cells.range_text(result)
        sheet.text(row, col["range"], band or theme.NOT_APPLICABLE, "wrap" if band else "missing_left")
    sheet.text(row, col["rag"], cells.rag_text(result, hidden), "rag")
    sheet.text(row, col["direction"], cells.direction_text(result, hidden), "direction")
    cells.write_figure(sheet, row, col["benchmark"], result.targets.benchmark if result.targets else None,
                       m, missing=theme.NOT_APPLICABLE)
    sheet.blank(row, col["trend"])
    return height


def add_trends(sheet: Sheet, report: Report, results: list[MeasureResult], rows: dict[str, int],
               trend_col: int, history: dict[str, str]) -> None:
    """A sparkline a row on the row's own scale, which takes in its target and floor; the
    latest month is coloured by its RAG alert, so how good it is never rests on a bar's height.

    Columns, not a line: LibreOffice, which makes the PDF pack, draws no line sparklines.
    """
    for result in results:
        rag = None if report.disclosure.headline(result.measure.ref) else result.current.rag
        sheet.sparkline(rows[result.measure.ref], trend_col, {
            "range": history[result.measure.ref], "type": "column", "series_color": theme.STATUS_FILL,
            "last_point": True, "last_color": theme.RAG_FILLS.get(rag, theme.HEADING_FILL),
            "empty_cells": "gaps", **trend_axis(result, report)})


def monthly_sheet(book: Book, report: Report, card: Scorecard,
                  results: list[MeasureResult]) -> tuple[Sheet, dict[str, str]]:
    """Each measure's headline figure month by month, one table: what the trend lines draw."""
    sheet = book.add_sheet("Monthly figures")
    header_row = cells.title_block(sheet, report, card, "Headline figures month by month, "
                                   f"{(report.month - (HISTORY_MONTHS - 1)).label} to {report.month.label}",
                                   compact=True)
    months = [report.month - back for back in range(HISTORY_MONTHS - 1, -1, -1)]
    headings = [("Area", AREA_WIDTH), ("Ref", 4.6), ("Measure", MEASURE_WIDTH), ("Basis", NUMBER_WIDTH),
                *((m.short, NUMBER_WIDTH) for m in months)]
    sheet.widths([w for _, w in headings])
    for col, (heading, _) in enumerate(headings):
        sheet.text(header_row, col, heading, "heading")
    ranges: dict[str, str] = {}
    row = header_row
    for result in results:
        m = result.measure
        row += 1
        sheet.text(row, 0, m.area, "wrap")
        sheet.text(row, 1, m.ref)
        sheet.text(row, 2, m.title, "wrap")
        sheet.text(row, 3, BASIS_WORDS[m.basis].short, "wrap")
        sheet.row_height(row, grid_row_points(m))  # the area wraps too, as in the grid
        for offset, month in enumerate(months):
            figures = result.figures_for(month)
            cells.write_figure(sheet, row, 4 + offset, figures.own_value if figures else None, m,
                               hidden=report.disclosure.in_month(m.ref, month, report.month),
                               revised=cells.is_revised(report, m.ref, month))
        ranges[m.ref] = sheet.ref(row, 4, row, 3 + HISTORY_MONTHS)
    sheet.table(header_row, 0, row, [h for h, _ in headings], f"Monthly_{card.appendix}")
    sheet.print_setup(month_label=report.month.label, header_rows=(header_row, header_row),
                      freeze=(header_row + 1, 3))
    return sheet, ranges


def grid_sheet(book: Book, name: str, report: Report, card: Scorecard, heading: str,
               results: list[MeasureResult], empty_note: str = "",
               own_page: bool = True) -> tuple[Sheet, dict[str, int], int]:
    """A sheet holding a title block and the grid, set up for printing; returns it, each
    measure's row and the Trend column, where the trend goes once the monthly figures exist."""
    sheet = book.add_sheet(name)
    header_row = cells.title_block(sheet, report, card, heading, compact=True)
    if not results:
        sheet.text(header_row, 0, empty_note, "note")
        sheet.print_setup(month_label=report.month.label, header_rows=None)
        return sheet, {}, 0
    ordered = in_area_order(results)
    col = write_grid(sheet, report, ordered, header_row,
                     f"{''.join(ch for ch in name if ch.isalnum())}_{card.appendix}", own_page)
    sheet.print_setup(month_label=report.month.label, header_rows=(header_row, header_row),
                      freeze=(header_row + 1, 3))
    return sheet, {r.measure.ref: header_row + 1 + i for i, r in enumerate(ordered)}, col["trend"]


def in_area_order(results: list[MeasureResult]) -> list[MeasureResult]:
    """Measures grouped by area in order of first appearance, as every sheet lists them."""
    return [r for area in dict.fromkeys(r.measure.area for r in results)
            for r in results if r.measure.area == area]


def write_scorecard(report: Report, card: Scorecard, path: Path,
                    pack_pages: PackPages | None = None) -> None:
    """One scorecard workbook: cover, summary, main sheet (grid or dashboard), corporate,
    commentary, key, notes, and the tables behind the trend lines and charts."""
    results = in_area_order(report.results_of(card.name))
    book = Book(path, report.catalogue.report, pack_pages=pack_pages)
    book.set_title(f"Appendix {card.appendix}: {card.title}, {report.month.label}",
                   f"{card.title}: performance to the end of {report.month.label}")
    cover = book.add_sheet("Cover")
    summary_sheet = summary.summary_sheet(book, report, card, results)
    places = None
    grids = []
    if card.layout == "Dashboard":
        main, places = dashboard.dashboard_sheet(book, report, card, results)
        grids.append(grid_sheet(book, "Measures", report, card,
                                f"{card.title}: every measure, data to end of {report.month.label}", results,
                                own_page=False))
    else:
        grids.append(grid_sheet(book, "Scorecard", report, card,
                                f"{card.title}: data to end of {report.month.label}", results))
        main = grids[0][0]
    grids.append(grid_sheet(book, "Corporate", report, card,
                            f"{card.title}: measures in the corporate report",
                            [r for r in results if r.measure.corporate],
                            "No measure in this scorecard is marked Corporate in the catalogue.", own_page=False))
    corporate = grids[-1][0]
    by_district = districts.districts_sheet(book, report, card, results)
    commentary = supporting.commentary_sheet(book, report, card, results)
    key = book.add_sheet("Key")
    notes = supporting.notes_sheet(book, report, card, results)
    monthly, history = monthly_sheet(book, report, card, results)
    for sheet, rows, trend_col in grids:
        add_trends(sheet, report, [r for r in results if r.measure.ref in rows], rows, trend_col, history)
    if places is not None:
        dashboard.add_charts(book, main, report, card, results, places)
    supporting.key_sheet(book, report, card, results,
                         [heading for _, heading, _ in grid_columns(report, results)], key)
    described = {
        summary_sheet: "RAG alerts counted by area, and the exceptions: every Red and every "
                       "worsening Amber, with those for the improvement board",
        main: "The scorecard: every measure with its figures, target, RAG alert and direction"
              if card.layout != "Dashboard" else
              "The dashboard: one card per measure with its chart and the officers' commentary",
        corporate: "The measures that also go to the corporate quarterly report",
        by_district: "Each measure's headline figure and RAG alert district by district, the county last",
        commentary: "Commentary for each area: the officers' and a summary drafted from the figures",
        key: "How to read the scorecard: the columns, RAG alerts, arrows and symbols",
        notes: "Each measure's definition, numerator and denominator, and source return",
        monthly: "Each measure's headline figure month by month: the figures the trend lines draw",
    }
    if card.layout == "Dashboard":
        described[grids[0][0]] = "Every measure's figures as one table, for sorting and re-use"
    contents = [(s, described.get(s, "Figures behind the dashboard charts")) for s in book.sheets
                if s is not cover]
    supporting.cover_sheet(cover, report, card, contents)
    book.close()
