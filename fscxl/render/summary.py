"""The Summary sheet a member reads first: alerts counted by area, and the exceptions.

The committee paper opened with these counts and the list of reds; here they come
from the same results as results.csv, so the counts always agree with it.
"""

from __future__ import annotations

from fscxl.compute import rules
from fscxl.compute.disclosure import without_hidden_alerts
from fscxl.compute.results import MeasureResult, Report
from fscxl.model.records import Scorecard
from fscxl.render import cells, theme
from fscxl.render.book import Book, Sheet, text_height

RAGS = (rules.GREEN, rules.AMBER, rules.RED)
NO_ALERT = "No alert"  # context-only measures, and any without a figure or target
COUNT_HEADINGS = ["Area", *RAGS, NO_ALERT, "Measures"]
RECENT_MONTHS = 3
AREA_WIDTH = 24.0
TITLE_WIDTH = 36.0
COUNTS_FIRST_COL = 1  # the counts sit over the exceptions' Measure and figure columns
CHART_ROWS = 12  # the chart's height in default rows, beside and below the counts


def counts_by_area(results: list[MeasureResult]) -> list[tuple[str, dict[str, int]]]:
    """(area, {Green, Amber, Red, No alert, Measures: count}) in catalogue order."""
    table = []
    for area in dict.fromkeys(r.measure.area for r in results):
        in_area = [r for r in results if r.measure.area == area]
        counts = {rag: sum(r.current.rag == rag for r in in_area) for rag in RAGS}
        counts[NO_ALERT] = sum(r.current.rag not in RAGS for r in in_area)
        counts["Measures"] = len(in_area)
        table.append((area, counts))
    return table


def exception_headings(report: Report) -> list[str]:
    recent = [f"RAG {(report.month - back).short}" for back in range(RECENT_MONTHS - 1, -1, -1)]
    return ["Ref", "Measure", "Figure", "Target", "Floor", "Direction", *recent,
            "Improvement board", "Area"]


EXCEPTION_WIDTHS = [6.0, TITLE_WIDTH, 9.0, 9.0, 9.0, 13.0, 9.0, 9.0, 9.0, 12.0, AREA_WIDTH]
DIRECTION_COLUMN = 5
RAG_COLUMNS = (6, 7, 8)
BOARD_COLUMN, AREA_COLUMN = 9, 10


def totals_sentence(results: list[MeasureResult]) -> str:
    """'Of 44 measures with a RAG alert, 20 are Green, 16 Amber and 8 Red.'"""
    counts = {rag: sum(r.current.rag == rag for r in results) for rag in RAGS}
    judged = sum(counts.values())
    return (f"Of {judged} measures with a RAG alert, {counts[rules.GREEN]} are Green, "
            f"{counts[rules.AMBER]} Amber and {counts[rules.RED]} Red.")


def table_name(card: Scorecard, what: str) -> str:
    """An Excel table name: letters, digits and underscores, unique in the workbook."""
    return f"{what}_{card.appendix}"


def summary_sheet(book: Book, report: Report, card: Scorecard, results: list[MeasureResult]) -> Sheet:
    """Counts by area with a chart beside them, then the exceptions table."""
    sheet = book.add_sheet("Summary")
    results = without_hidden_alerts(results, report.disclosure, report.month)
    row = cells.title_block(sheet, report, card, f"Summary: {card.title}, {report.month.label}",
                            compact=True)
    sheet.widths(EXCEPTION_WIDTHS)
    sheet.text(row, 0, "RAG alerts by area", "subtitle")
    sheet.text(row + 1, 0, totals_sentence(results), "note")
    first = row + 2
    counts = counts_by_area(results)
    left = COUNTS_FIRST_COL
    for col, heading in enumerate(COUNT_HEADINGS, start=left):
        sheet.text(first, col, heading, "heading")
    for offset, (area, numbers) in enumerate(counts, start=1):
        sheet.text(first + offset, left, area, "wrap")
        sheet.row_height(first + offset, text_height(area, TITLE_WIDTH))
        for col, heading in enumerate(COUNT_HEADINGS[1:], start=left + 1):
            sheet.number(first + offset, col, numbers[heading], "text", "#,##0")
    last = first + len(counts)
    for col in range(left + 1, left + 1 + len(RAGS)):  # the headings double as the chart's legend
        sheet.colour_words(first, col, first, theme.RAG_RULE_FORMATS)
    sheet.table(first, left, last, COUNT_HEADINGS, table_name(card, "RAG_by_area"))
    add_counts_chart(book, sheet, card, first, last, counts)

    row = max(last, first + CHART_ROWS) + 2
    sheet.text(row, 0, "Exceptions: every Red, and every Amber that is worsening", "subtitle")
    sheet.text(row + 1, 0, "Improvement board: Yes marks a Red measure that is not improving.", "note")
    header = row + 2
    headings = exception_headings(report)
    for col, heading in enumerate(headings):
        sheet.text(header, col, heading, "heading")
    sheet.row_height(header, 2 * theme.LINE_HEIGHT + 4)
    exceptions = [r for r in results if cells.is_exception(r)]
    row = header
    for result in exceptions:
        row += 1
        write_exception(sheet, row, result, report)
    if not exceptions:
        row += 1
        sheet.text(row, 0, "None")
        sheet.text(row, 1, "No measure is Red or worsening Amber this month.", "wrap")
    sheet.table(header, 0, row, headings, table_name(card, "Exceptions"))
    cells.colour_rag_and_direction(sheet, header + 1, row, RAG_COLUMNS[0], DIRECTION_COLUMN)
    for col in RAG_COLUMNS[1:]:
        sheet.colour_words(header + 1, col, row, theme.RAG_RULE_FORMATS)
    sheet.print_setup(month_label=report.month.label, header_rows=(header, header))
    return sheet


def write_exception(sheet: Sheet, row: int, result: MeasureResult, report: Report | None = None) -> None:
    m = result.measure
    sheet.text(row, 0, m.ref)
    sheet.text(row, 1, m.title, "wrap")
    sheet.row_height(row, max(text_height(m.title, TITLE_WIDTH), text_height(m.area, AREA_WIDTH)))
    cells.write_figure(sheet, row, 2, result.current.value, m, style="bold_text")
    cells.write_target_figure(sheet, row, 3, cells.target_of(result), m)
    cells.write_target_figure(sheet, row, 4, cells.floor_of(result), m)
    sheet.text(row, DIRECTION_COLUMN, cells.direction_text(result), "direction")
    recent = [result.figures_for(report_month) for report_month in
              (result.month - back for back in range(RECENT_MONTHS - 1, -1, -1))]
    for col, figures in zip(RAG_COLUMNS, recent, strict=True):
        if figures is not None and report is not None and report.disclosure.in_month(
                m.ref, figures.month, report.month):
            sheet.text(row, col, theme.SUPPRESSED, "missing")
        elif figures is not None and figures.rag:
            sheet.text(row, col, figures.rag, "rag")
        elif figures is not None and figures.value is not None:  # a figure, but no target that year
            sheet.text(row, col, theme.NO_TARGET, "missing")
        else:
            sheet.text(row, col, theme.NOT_AVAILABLE, "missing")
    sheet.text(row, BOARD_COLUMN, "Yes" if cells.for_improvement_board(result) else "No", "centre")
    sheet.text(row, AREA_COLUMN, m.area, "wrap")


COUNT_LABEL = "0;-0;;@"  # zero blank: an empty segment gets no '0' on top of its neighbour


def add_counts_chart(book: Book, sheet: Sheet, card: Scorecard, first: int, last: int,
                     counts: list[tuple[str, dict[str, int]]]) -> None:
    """A stacked bar a row of the counts table, in the RAG colours, with the counts labelled."""
    chart = book.wb.add_chart({"type": "bar", "subtype": "stacked"})
    for col, rag in enumerate(RAGS, start=1):
        left = COUNTS_FIRST_COL
        chart.add_series({"name": rag, "categories": sheet.ref(first + 1, left, last, left),
                          "values": sheet.ref(first + 1, left + col, last, left + col),
                          "fill": {"color": theme.RAG_FILLS[rag]}, "border": {"color": theme.INK},
                          "data_labels": {"value": True, "font": {"size": 8}, "num_format": COUNT_LABEL},
                          "gap": 50})
    chart.set_title({"none": True})
    chart.set_legend({"position": "bottom", "font": {"size": 8}})
    chart.set_x_axis({"num_font": {"size": 8}, "major_gridlines": {"visible": False}})
    chart.set_y_axis({"reverse": True, "num_font": {"size": 8}})
    chart.set_size({"width": 520, "height": CHART_ROWS * 20})
    words = "; ".join(f"{area}: {n[rules.GREEN]} Green, {n[rules.AMBER]} Amber, {n[rules.RED]} Red"
                      for area, n in counts)
    sheet.chart(first, COUNTS_FIRST_COL + len(COUNT_HEADINGS), chart, {
        "x_offset": 8, "object_position": 1,
        "description": f"Bar chart of RAG alerts by area for {card.title}. {words}."})
