"""(v2) The Districts sheet: each measure's headline figure district by district, the county last.

Members asked how each district is doing against the county's target. Each measure takes
two rows of one named table, its figures and their RAG words, so the districts fit across
one printed page and the RAG words are coloured by the same conditional formats as the
grid. A figure built from a small count, and the one that would give it away, is [c].
"""

from __future__ import annotations

from fscxl.compute.disclosure import COUNTY
from fscxl.compute.results import MeasureResult, Report
from fscxl.model import records
from fscxl.model.records import Scorecard
from fscxl.render import cells, theme
from fscxl.render.book import Book, Sheet, text_height

REF_WIDTH, MEASURE_WIDTH, SHOWS_WIDTH, DISTRICT_WIDTH = 5.0, 26.0, 7.0, 9.0
FIGURE_ROW, RAG_ROW = "Figure", "RAG"
FIRST_DISTRICT_COL = 3


def with_districts(results: list[MeasureResult]) -> list[MeasureResult]:
    """The measures whose fields the returns give district by district, less rates over the
    county's population: a district's count over the county's population is no district figure."""
    return [r for r in results if r.districts and r.measure.denominator_value is None]


def district_names(results: list[MeasureResult]) -> list[str]:
    """Every district of these measures, in the order the returns give them."""
    return list(dict.fromkeys(d.district for r in results for d in r.districts))


def county_note(report: Report) -> str:
    """What the County column is, and why some cells hold [c] or [z]."""
    note = ("County is the county figure: the districts' counts added up over the window and "
            "worked out as one figure, not an average of the districts' figures. Each district "
            "is judged against the county's target and floor.")
    if report.disclosure.threshold:
        note += (f" {theme.SUPPRESSED}: not shown, because it is built from a count of 1 to "
                 f"{report.disclosure.threshold - 1} (or would let such a count be worked out "
                 "from the county total).")
    return note


def districts_sheet(book: Book, report: Report, card: Scorecard,
                    results: list[MeasureResult]) -> Sheet | None:
    """The Districts sheet, or None where no measure of the scorecard has district data."""
    shown = with_districts(results)
    if not shown:
        return None
    names = district_names(shown)
    sheet = book.add_sheet("Districts")
    header_row = cells.title_block(sheet, report, card,
                                   f"{card.title}: headline figures by district, {report.month.label}",
                                   compact=True)
    note = county_note(report)
    sheet.text(header_row, 0, note, "note")
    header_row += 2
    headings = ["Ref", "Measure", "Shows", *names, COUNTY]
    widths = [REF_WIDTH, MEASURE_WIDTH, SHOWS_WIDTH] + [DISTRICT_WIDTH] * (len(names) + 1)
    sheet.widths(widths)
    for col, heading in enumerate(headings):
        sheet.text(header_row, col, heading, "heading" if col < FIRST_DISTRICT_COL else "strip_heading")
    sheet.row_height(header_row, 2 * theme.LINE_HEIGHT + 4)
    row = header_row
    for result in shown:
        row = write_measure(sheet, report, row + 1, result, names)
    sheet.table(header_row, 0, row, headings, f"Districts_{card.appendix}")
    for col in range(FIRST_DISTRICT_COL, len(headings)):
        cells.colour_rag_and_direction(sheet, header_row + 1, row, col)
    sheet.print_setup(month_label=report.month.label, header_rows=(header_row, header_row),
                      freeze=(header_row + 1, FIRST_DISTRICT_COL))
    return sheet


def write_measure(sheet: Sheet, report: Report, row: int, result: MeasureResult, names: list[str]) -> int:
    """A measure's two rows, figures then RAG words; returns the second row."""
    m = result.measure
    by_name = {d.district: d for d in result.districts}
    for offset, shows in enumerate((FIGURE_ROW, RAG_ROW)):
        sheet.text(row + offset, 0, m.ref)
        sheet.text(row + offset, 1, m.title, "wrap")
        sheet.text(row + offset, 2, shows)
        sheet.row_height(row + offset, text_height(m.title, MEASURE_WIDTH))
    for col, name in enumerate(names, start=FIRST_DISTRICT_COL):
        district = by_name.get(name)
        if district is None:  # this measure is not given for this district
            sheet.text(row, col, theme.NOT_APPLICABLE, "missing")
            sheet.text(row + 1, col, theme.NOT_APPLICABLE, "rag")
            continue
        hidden = report.disclosure.district(m.ref, name)
        write_pair(sheet, row, col, result, district.value, district.rag, hidden)
    county_col = FIRST_DISTRICT_COL + len(names)
    write_pair(sheet, row, county_col, result, result.current.value, result.current.rag,
               report.disclosure.headline(m.ref))
    return row + 1


def write_pair(sheet: Sheet, row: int, col: int, result: MeasureResult, value, rag: str | None,
               hidden: bool) -> None:
    """A figure and, below it, its RAG word ([c] in both where the figure is suppressed)."""
    m = result.measure
    cells.write_figure(sheet, row, col, value, m, hidden=hidden)
    if hidden:
        word = theme.SUPPRESSED
    elif rag:
        word = rag
    elif value is None and m.polarity != records.NONE:
        word = theme.NOT_AVAILABLE
    else:
        word = theme.NO_TARGET
    sheet.text(row + 1, col, word, "rag")
