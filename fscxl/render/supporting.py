"""The sheets around every scorecard: cover and contents, commentary by area, key, notes."""

from __future__ import annotations

from fscxl.compute import narrative, rules
from fscxl.compute.results import MeasureResult, Report
from fscxl.model import records
from fscxl.model.periods import FINANCIAL_MONTHS, financial_year_label
from fscxl.model.records import Scorecard
from fscxl.render import cells, theme
from fscxl.render.book import Book, Sheet, text_height


def _table(sheet: Sheet, report: Report, header_row: int, headings: list[tuple[str, float]],
           rows: list[list], wrap_cols: tuple[int, ...] = ()) -> int:
    """A plain text table with one heading row; row heights fit the wrapped columns."""
    sheet.widths([width for _, width in headings])
    for col, (heading, _) in enumerate(headings):
        sheet.text(header_row, col, heading, "heading")
    row = header_row
    for values in rows:
        row += 1
        if isinstance(values, str):  # a section heading row inside the table
            sheet.text(row, 0, values, "area")
            for col in range(1, len(headings)):
                sheet.blank(row, col, "area")
            continue
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
        sheet.text(row + offset, 1, description)
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
    for area in dict.fromkeys(r.measure.area for r in results):
        in_area = [r for r in results if r.measure.area == area]
        movements = narrative.rag_movements(in_area)
        officers = report.commentary.for_area(card.name, area, report.month)
        rows.append([area, narrative.area_summary(in_area),
                     "\n".join(f"\u2022 {line}" for line in movements) or "No change in RAG alert.",
                     officers or f"No area commentary for {month_name}."])
        for result in in_area if card.layout != "Dashboard" else ():  # (cards carry their own)
            words = report.commentary.for_measure(result.measure.ref, report.month)
            if words:
                rows.append([f"{result.measure.ref} {result.measure.title}",
                             narrative.measure_position(result), "", words])
    _table(sheet, report, header_row, headings, rows, wrap_cols=(0, 1, 2, 3))
    sheet.row_height(header_row, 30)
    return sheet


def key_rows(report: Report) -> list:
    month = report.month.short
    arrows = theme.ARROWS
    return [
        "RAG alert (the committee's rule)",
        [rules.GREEN, "Current target achieved or exceeded."],
        [rules.AMBER, "Performance is above minimum standard but below target."],
        [rules.RED, "Performance is below a pre-defined minimum standard (the floor)."],
        [theme.NOT_APPLICABLE, "In the RAG column: a context-only measure, which has no target "
         "and so no alert."],
        "Direction of travel (the latest figure against the previous month, or against the "
        "same month last year where the notes say so)",
        [theme.direction_text(rules.IMPROVING), "Performance got better. Arrows show better or "
         "worse, not up or down: a falling figure is improving when lower is better."],
        [theme.direction_text(rules.WORSENING), "Performance got worse."],
        [theme.direction_text(rules.NO_CHANGE), "The same once rounded; for a range, the same "
         "distance from the range (including staying inside it)."],
        [f"{arrows[rules.UP]} Up / {arrows[rules.DOWN]} Down", "Context-only measures: the "
         "figure went up or down, neither better nor worse."],
        "Better if (polarity): the scorecard gives it in a word",
        [theme.POLARITY_SHORT[records.HIGH], f"{theme.POLARITY_WORDS[records.HIGH]}: a higher figure is "
         "better performance."],
        [theme.POLARITY_SHORT[records.LOW], f"{theme.POLARITY_WORDS[records.LOW]}: a lower figure is better "
         "performance."],
        [theme.POLARITY_SHORT[records.BAND], f"{theme.POLARITY_WORDS[records.BAND]}: the figure should sit "
         f"inside a range (shown as 480{theme.RANGE_DASH}560): green inside the target range, red "
         "outside the floor range."],
        [theme.POLARITY_SHORT[records.NONE], f"{theme.POLARITY_WORDS[records.NONE]}: shown for context; no "
         "target and no RAG alert."],
        "Basis (which figure is the headline)",
        [theme.BASIS_SHORT["Month"], "The month's figure alone."],
        [theme.BASIS_SHORT["YTD"], "Year to date: April to the reporting month; early in the year it "
         "covers only a few months."],
        [theme.BASIS_SHORT["Rolling 12"], "Rolling 12 months: the 12 months ending with the reporting "
         "month."],
        [theme.BASIS_SHORT["Snapshot"], "The position at the end of the month."],
        "Columns of the scorecard",
        [f"{financial_year_label(report.month.financial_year - 1)} outturn", "The previous financial "
         "year's figure for March on the measure's own basis: the whole year for year-to-date and "
         "rolling measures, March alone for monthly ones, the position at the end of March for a "
         "snapshot."],
        [f"{(report.month - 12).short} to {month}", "The headline figure month by month: the year so far and the same "
         "months of the previous year, for context."],
        ["Latest", "The headline figure for the reporting month, in bold."],
        ["Trend", "The 13 months as bars, each measure on its own scale from a little below its "
         "lowest month: it shows the shape of the trend, not the size of the figure."],
        "Targets",
        [f"Target {month}", "The phased (profiled) target for the month where one is set, "
         "otherwise the year-end target. The RAG alert is judged against it."],
        ["Year-end target", "The target for the end of the financial year. Phasing is set out in "
         "the Cabinet approved business plans."],
        ["Floor", "The minimum standard. Below it (or outside it, for a range) the alert is red."],
        ["Benchmark", "A comparator, such as high performing authorities; its source is on the "
         "notes sheet."],
        "Symbols and figures",
        [theme.NOT_AVAILABLE, "Not available: no figure yet (a return not yet made), or no target set."],
        [theme.NOT_APPLICABLE, "Not applicable: for example no year-to-date figure for a snapshot "
         "measure, or no target for a context-only measure."],
        ["Rounding", "Figures are rounded once to the decimals shown, and the RAG alert is "
         "judged on the rounded figure, so the colour never contradicts the number."],
    ]


def key_sheet(book: Book, report: Report, card: Scorecard) -> Sheet:
    sheet = book.add_sheet("Key")
    header_row = cells.title_block(sheet, report, card, "Key: how to read the scorecard")
    last = _table(sheet, report, header_row, [("Symbol", 26.0), ("Meaning", 100.0)],
                  key_rows(report), wrap_cols=(1,))
    cells.colour_rag_and_direction(sheet, header_row + 1, last, 0)
    sheet.colour_words(header_row + 1, 0, last, theme.DIRECTION_RULE_FORMATS,
                       {word: arrow + " " for word, arrow in theme.ARROWS.items()})
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


def notes_sheet(book: Book, report: Report, card: Scorecard, results: list[MeasureResult]) -> Sheet:
    sheet = book.add_sheet("Notes")
    header_row = cells.title_block(sheet, report, card, "Notes: definitions, sources and targets")
    headings = [("Ref", 5.0), ("Measure", 30.0), ("Area", 16.0), ("Definition", 44.0),
                ("Unit", 9.0), ("Numerator", 15.0), ("Denominator", 16.0),
                ("Direction compared with", 11.0), ("Phased targets", 24.0),
                ("Benchmark source", 16.0), ("Source return", 18.0), ("Corporate", 8.0)]
    rows = []
    for result in results:
        m = result.measure
        rows.append([m.ref, m.title, m.area, m.definition or "No definition given.", m.unit,
                     m.numerator, _denominator(result), m.compare_with, _phasing(result),
                     (result.targets.benchmark_source if result.targets else "") or "None given",
                     m.source_return or "Not recorded", "Yes" if m.corporate else "No"])
    _table(sheet, report, header_row, headings, rows, wrap_cols=(1, 2, 3, 4, 5, 6, 7, 8, 9, 10))
    sheet.row_height(header_row, 30)
    return sheet
