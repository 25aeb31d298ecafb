"""The sheets around every scorecard: cover and contents, commentary by area, key, notes."""

from __future__ import annotations

from fscxl.compute import narrative, rules
from fscxl.compute.disclosure import without_hidden_alerts
from fscxl.compute.results import MeasureResult, Report, compared_with
from fscxl.model import records
from fscxl.model.periods import (
    BASIS_WORDS,
    FINANCIAL_MONTHS,
    MONTH,
    ROLLING_12,
    SNAPSHOT,
    YTD,
    financial_year_label,
)
from fscxl.model.records import Scorecard
from fscxl.render import cells, theme
from fscxl.render.book import Book, Sheet, text_height


def _table(sheet: Sheet, report: Report, header_row: int, headings: list[tuple[str, float]],
           rows: list[list], wrap_cols: tuple[int, ...] = ()) -> int:
    """A plain text table with one heading row and no heading rows inside it (what a row
    belongs to is a column of its own); row heights fit the wrapped columns."""
    sheet.widths([width for _, width in headings])
    for col, (heading, _) in enumerate(headings):
        sheet.text(header_row, col, heading, "heading")
    row = header_row
    for values in rows:
        row += 1
        height = 0.0
        for col, value in enumerate(values):
            wrapped = col in wrap_cols
            sheet.text(row, col, value, "wrap" if wrapped else "text")
            if wrapped:
                height = max(height, text_height(value, headings[col][1]))
        if height:
            sheet.row_height(row, height)
    sheet.print_setup(month_label=report.month.label, header_rows=(header_row, header_row),
                      freeze=(header_row + 1, 0))
    return row


def cover_sheet(sheet: Sheet, report: Report, card: Scorecard | None,
                contents: list[tuple[Sheet, str]], title: str = "") -> None:
    """Title block and a contents table linking to every sheet."""
    title = title or (f"Appendix {card.appendix}: {card.title}" if card else "Contents")
    period = sheet.book.footer or report.month.label
    row = cells.title_block(sheet, report, card, f"{title}, {period}")
    sheet.widths([28, 90])
    details = paper_details(sheet.book.settings)
    for offset, (label, value) in enumerate(details):
        sheet.text(row + offset, 0, label, "bold_text")
        sheet.text(row + offset, 1, value, "wrap")
        sheet.row_height(row + offset, text_height(value, 90))
    row += len(details) + 1
    sheet.text(row, 0, "Sheet", "heading")
    sheet.text(row, 1, "What it shows", "heading")
    for offset, (target, description) in enumerate(contents, start=1):
        sheet.link_to_sheet(row + offset, 0, target, target.name)
        sheet.text(row + offset, 1, description, "wrap")
        sheet.row_height(row + offset, text_height(description, 90))
    sheet.table(row, 0, row + len(contents), ["Sheet", "What it shows"],
                "Contents_" + (card.appendix if card else records.BUSINESS_PLAN_APPENDIX))
    sheet.print_setup(month_label=report.month.label, header_rows=None)


def paper_details(settings: records.ReportSettings) -> list[tuple[str, str]]:
    """The cover's facts about the paper, from the Report sheet: only those it gives, and the status."""
    details = []
    if settings.committee:
        details.append(("Committee", settings.committee))
    if settings.meeting_date:
        details.append(("Meeting date", f"{settings.meeting_date.day} {settings.meeting_date:%B %Y}"))
    details.append(("Status", settings.status or "Draft"))
    for contact in settings.contacts:
        parts = [contact.name, contact.title, contact.phone, contact.email]
        details.append(("Contact", ", ".join(p for p in parts if p)))
    if settings.source_note:
        details.append(("Source", settings.source_note))
    return details


def commentary_sheet(book: Book, report: Report, card: Scorecard,
                     results: list[MeasureResult]) -> Sheet:
    """For each area: a summary drafted from the figures, RAG changes, the officers' words."""
    sheet = book.add_sheet("Commentary")
    header_row = cells.title_block(sheet, report, card, f"Commentary by area, {report.month.label}")
    month_name = report.month.label
    headings = [("Area", 22.0), ("Summary drafted from the figures", 48.0),
                (narrative.movements_heading(report.month), 48.0),
                (f"Officers' commentary for {month_name}", 64.0)]
    rows = []
    # drafted words cite figures and count alerts: a suppressed figure is neither cited nor counted
    results = without_hidden_alerts(results, report.disclosure, report.month)
    areas = list(dict.fromkeys(r.measure.area for r in results))
    said = False  # that an area has no commentary is said in full once a sheet, then briefly
    for area in areas:
        in_area = [r for r in results if r.measure.area == area]
        movements = narrative.rag_movements(in_area)
        officers = report.commentary.for_area(card.name, area, report.month)
        if not officers:
            officers = "None given." if said else f"No area commentary for {month_name}."
            said = True
        rows.append([area, narrative.area_summary(in_area),
                     "\n".join(f"\u2022 {line}" for line in movements) or "No change in RAG alert.",
                     officers])
        for result in in_area if card.layout != "Dashboard" else ():  # (cards carry their own)
            words = report.commentary.for_measure(result.measure.ref, report.month)
            if words:
                position = (f"{theme.SUPPRESSED}: not shown, built from a small number."
                            if report.disclosure.headline(result.measure.ref)
                            else narrative.measure_position(result))
                rows.append([f"{result.measure.ref} {result.measure.title}", position, "", words])
    _table(sheet, report, header_row, headings, rows, wrap_cols=(0, 1, 2, 3))
    sheet.row_height(header_row, 30)
    return sheet


SYMBOL_MEANINGS = {
    rules.GREEN: "Current target achieved or exceeded.",
    rules.AMBER: "Performance is above the minimum standard but below target.",
    rules.RED: "Performance is below the pre-defined minimum standard (the floor).",
    theme.direction_text(rules.IMPROVING): "Performance got better. Arrows show better or worse, not "
    "up or down: a falling figure is improving when lower is better.",
    theme.direction_text(rules.WORSENING): "Performance got worse.",
    theme.direction_text(rules.NO_CHANGE): "The same once rounded; for a range, the same distance "
    "from the range (including staying inside it).",
    theme.direction_text(rules.UP): "A context-only measure went up: neither better nor worse, so no arrow.",
    theme.direction_text(rules.DOWN): "A context-only measure went down: neither better nor worse, so no arrow.",
    theme.NOT_AVAILABLE: "Not available: no figure yet (a return not yet made, or too few months "
    "for the window).",
    theme.SUPPRESSED: "Not shown: the figure is built from a small number (a count from 1 up to the "
    "threshold on the Notes sheet) that could identify someone, or would let such a number be worked "
    "out from the figures beside it. It has no RAG colour.",
    theme.REVISED: "Revised: this earlier month's figure differs from the one published in that "
    "month's own report, because a return was corrected since; the Notes sheet gives both.",
    theme.NOT_APPLICABLE: "Not applicable, including no target: a context-only measure or one "
    "without a target set, a year-to-date figure for a snapshot, a month alone (or, on a card, a "
    "year-to-date or rolling figure) that cannot be read against the headline's target because "
    "it is a count or a rate that grows with its window, counts for a measure that is itself a count.",
}
POLARITY_MEANINGS = {
    records.HIGH: "a higher figure is better performance.",
    records.LOW: "a lower figure is better performance.",
    records.BAND: "the figure should sit inside a range: green inside the target range, red outside "
    "the floor range.",
    records.NONE: "shown for context; no target and no RAG alert.",
}
BASIS_MEANINGS = {
    MONTH: "The month's figure alone.",
    YTD: "Year to date: April to the reporting month; early in the year it covers only a few months.",
    ROLLING_12: "Rolling 12 months: the 12 months ending with the reporting month.",
    SNAPSHOT: "The position at the end of the month.",
}


def column_meanings(report: Report, card: Scorecard, headings: list[str]) -> list[tuple[str, str]]:
    """Each column a member meets in this workbook's grid (`headings`) and cards, and only those."""
    month = report.month.short
    outturn = f"{financial_year_label(report.month.financial_year - 1)} outturn"
    rows = [
        ("Area", "The section of the scorecard the measure belongs to."),
        ("Ref", "The measure's reference."),
        ("Measure", "The measure as members read it; its definition is on the Notes sheet."),
        ("Better if", "Polarity, in a word (see below)."),
        ("Basis", "Which figure is the headline (see below)."),
        (outturn, "The previous financial year's figure for March on the measure's own basis."),
        (f"{month} alone", f"{report.month.label} on its own, beside a year-to-date or rolling "
         "headline that is a ratio of summed counts (a percentage of cases, an average)."),
        (f"Headline {month}", "The figure the RAG alert is judged on: the one the Basis names, in bold."),
        ("Count, Out of", "The numerator and denominator behind the headline figure: 11 out of 18 "
         "children is 61.1%. For a rate over a fixed population, Out of is the population; for an "
         "average, Count is the total (of days, weeks or scores) and Out of the number it is shared over."),
        (f"Target {month}", "The phased (profiled) target for the month where one is set, otherwise "
         "the year-end target. The RAG alert is judged against it. For a range, its lower edge."),
        ("Year-end target", "The target for the end of the financial year. For a range, its lower edge."),
        ("Floor", "The minimum standard. Below it (or outside it, for a range) the alert is red. "
         "For a range, the lower edge of the floor range."),
        ("Range", "For a measure that should sit within a range: the target range, and under it "
         "the floor range in brackets."),
        ("RAG", "The RAG alert (see above)."),
        ("Direction", "Direction of travel: the headline against the previous month, or the same "
         "month last year for a running count (the notes say which)."),
        ("Benchmark", "A comparator, such as high performing authorities; its source is on the "
         "notes sheet."),
        ("Trend", "The headline over 13 months as columns, one a month, the last coloured by its RAG "
         "alert. Each row has one scale that takes in its figures, target and floor, so a "
         "small change looks small; the figures are on the Monthly figures sheet."),
    ]
    rows = [(name, words) for name, words in rows
            if name in headings or (name == "Count, Out of" and "Count" in headings)]
    if card.layout == "Dashboard":
        rows += [
            ("Year to date, Rolling 12 months", "On each card, the figure over April to the month, "
             "and over the 12 months to the month, where it can be read against the target: for a "
             "percentage of cases or an average, and for the window the Basis names."),
            ("Chart", "The headline over 13 months as a line with a label on every point, the "
             "target as a dashed line and the floor as a dotted one. The vertical axis takes in "
             "the figures, target and floor and does not start at zero where that would flatten "
             "the change: read the figures on the axis."),
        ]
    return rows


def key_rows(report: Report, card: Scorecard, results: list[MeasureResult],
             used: set[str], headings: list[str]) -> list[list[str]]:
    """(section, symbol or column, meaning): the symbols the workbook shows, its columns,
    and the polarities and bases its measures have, each once."""
    rows = [["Symbol", symbol, meaning] for symbol, meaning in SYMBOL_MEANINGS.items() if symbol in used]
    rows += [["Column", name, meaning] for name, meaning in column_meanings(report, card, headings)]
    polarities = dict.fromkeys(r.measure.polarity for r in results)
    rows += [["Better if", theme.POLARITY_SHORT[p], f"{theme.POLARITY_WORDS[p]}: {POLARITY_MEANINGS[p]}"]
             for p in records.POLARITIES if p in polarities]
    bases = {r.measure.basis for r in results}
    rows += [["Basis", BASIS_WORDS[b].short, BASIS_MEANINGS[b]] for b in BASIS_MEANINGS if b in bases]
    rows.append(["Figures", "Rounding", "Figures are rounded once to the decimals shown, and the RAG "
                 "alert is judged on the rounded figure, so the colour never contradicts the number."])
    return rows


def key_sheet(book: Book, report: Report, card: Scorecard, results: list[MeasureResult],
              headings: list[str], sheet: Sheet | None = None) -> Sheet:
    """The Key, written last (into `sheet`, added earlier for its place) so it lists exactly
    the symbols the other sheets show."""
    sheet = sheet or book.add_sheet("Key")
    sheet.is_key = True
    header_row = cells.title_block(sheet, report, card, "Key: how to read the scorecard")
    rows = key_rows(report, card, results, set(book.symbols_used), headings)
    last = _table(sheet, report, header_row, [("Section", 12.0), ("Symbol or column", 24.0),
                                              ("Meaning", 100.0)], rows, wrap_cols=(1, 2))
    sheet.table(header_row, 0, last, ["Section", "Symbol or column", "Meaning"], f"Key_{card.appendix}")
    cells.colour_rag_and_direction(sheet, header_row + 1, last, 1, 1)
    return sheet


def _denominator(result: MeasureResult) -> str:
    measure = result.measure
    if measure.denominator_field:
        return measure.denominator_field
    if measure.denominator_value is not None:
        value = measure.denominator_value
        places = 0 if value == int(value) else None
        shown = f"{value:,.0f}" if places == 0 else f"{value:,}"
        return f"{shown} (fixed population)"
    return "None: the figure is the numerator itself"


def _phasing(result: MeasureResult) -> str:
    targets = result.targets
    if targets is None or all(p is None for p in targets.phased):
        return "None: the year-end target applies all year"
    return "; ".join(f"{name} {cells.shown_number(value, result.measure)}"
                     for name, value in zip(FINANCIAL_MONTHS, targets.phased, strict=True)
                     if value is not None)


CODE_CHARS_PER_UNIT = 0.95  # field codes and file names: capitals and underscores, a little wider than digits


def unbroken_width(texts: list[str], least: float, most: float) -> float:
    """A column wide enough that no word in `texts` (a field code, a file name) breaks mid-word.

    A path may break after each '/', as spreadsheet programs wrap it, so only its parts count.
    """
    longest = max((len(part) for text in texts for word in text.split() for part in word.split("/")),
                  default=0)
    return min(max(least, longest / CODE_CHARS_PER_UNIT + 1), most)


def notes_sheet(book: Book, report: Report, card: Scorecard, results: list[MeasureResult]) -> Sheet:
    sheet = book.add_sheet("Notes")
    header_row = cells.title_block(sheet, report, card, "Notes: definitions, sources and targets")
    rows = []
    for result in results:
        m = result.measure
        rows.append([m.ref, m.title, m.area, m.definition or "No definition given.", m.unit,
                     m.numerator, _denominator(result), compared_with(m), _phasing(result),
                     (result.targets.benchmark_source if result.targets else "") or "None given",
                     m.source_return or "Not recorded", "Yes" if m.corporate else "No"])
    column = list(zip(*rows, strict=True)) if rows else [[]] * 12
    headings = [("Ref", 5.0), ("Measure", 26.0), ("Area", 14.0), ("Definition", 36.0),
                ("Unit", 9.0), ("Numerator", unbroken_width(list(column[5]), 12.0, 30.0)),
                ("Denominator", unbroken_width(list(column[6]), 12.0, 30.0)),
                ("Direction compared with", 12.0), ("Phased targets", 22.0),
                ("Benchmark source", 16.0), ("Source return", unbroken_width(list(column[10]), 14.0, 36.0)),
                ("Corporate", 9.0)]
    last = _table(sheet, report, header_row, headings, rows, wrap_cols=(1, 2, 3, 4, 5, 6, 7, 8, 9, 10))
    sheet.table(header_row, 0, last, [h for h, _ in headings], f"Notes_{card.appendix}")
    sheet.row_height(header_row, 2 * theme.LINE_HEIGHT + 4)
    row = last + 2
    sheet.text(row, 0, "Small numbers", "subtitle")
    sheet.text(row + 1, 0, small_numbers_rule(report.disclosure.threshold), "note")
    refs = {r.measure.ref for r in results}
    revisions = [r for r in report.revisions if r.ref in refs]
    write_revisions(sheet, row + 3, report, card, results, revisions)
    return sheet


def small_numbers_rule(threshold: int) -> str:
    """The suppression rule as the Notes sheet states it, with the threshold in force."""
    if threshold <= 0:
        return "No figure is suppressed: the Report sheet's Suppress below is 0."
    return (f"Counts from 1 to {threshold - 1}, and any figure whose count or total is such a "
            f"number, are shown as {theme.SUPPRESSED} with no RAG alert (zero is shown). Where "
            "one district of a measure is suppressed, the next smallest is too, so that it cannot "
            "be worked out from the county total; a month alone beside a year-to-date or rolling "
            "figure is suppressed when the difference would be such a count. Threshold: the "
            "Report sheet's Suppress below.")


def write_revisions(sheet: Sheet, row: int, report: Report, card: Scorecard,
                    results: list[MeasureResult], revisions: list) -> None:
    """(v2) Every earlier month's figure shown that differs from the one published, with both."""
    sheet.text(row, 0, "Revisions", "subtitle")
    if not revisions:
        sheet.text(row + 1, 0, "No figure shown for an earlier month differs from the one published "
                   "in that month's own report.", "note")
        return
    sheet.text(row + 1, 0, f"{theme.REVISED} marks an earlier month's figure that differs from the one "
               "published in that month's own report (a return corrected since).", "note")
    header = row + 2
    headings = ["Ref", "Measure", "Month", "Published", "Now"]
    for col, heading in enumerate(headings):
        sheet.text(header, col, heading, "heading")
    measures = {r.measure.ref: r.measure for r in results}
    for offset, revision in enumerate(revisions, start=1):
        m = measures[revision.ref]
        hidden = report.disclosure.in_month(m.ref, revision.month, report.month)
        sheet.text(header + offset, 0, m.ref)
        sheet.text(header + offset, 1, m.title, "wrap")
        sheet.text(header + offset, 2, revision.month.label)
        published_small = 0 < revision.published < report.disclosure.threshold and m.unit == "Number"
        cells.write_figure(sheet, header + offset, 3, revision.published, m, hidden=hidden or published_small)
        cells.write_figure(sheet, header + offset, 4, revision.now, m, hidden=hidden)
    sheet.table(header, 0, header + len(revisions), headings, f"Revisions_{card.appendix}")
