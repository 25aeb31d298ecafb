"""Appendix A: the business plan outturn exception report.

A count of actions by status for each plan, then only the Delayed and Cancelled
actions, grouped by plan, with owner, dates and the reason given.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from fscxl.compute.results import Report
from fscxl.model.periods import Month, financial_year_label
from fscxl.model.records import BUSINESS_PLAN_APPENDIX, EXCEPTIONS, STATUSES, Action
from fscxl.render import cells, supporting, theme
from fscxl.render.book import Book, PackPages, Sheet, text_height

TITLE = "Business plan outturn exception report"
STATUS_RULE_FORMATS = {"Delayed": {"bg_color": theme.RAG_FILLS["Amber"], "font_color": theme.INK,
                                   "bold": True},
                       "Cancelled": {"bg_color": theme.STATUS_FILL, "font_color": theme.INK, "bold": True}}


def plan_year(actions: list[Action]) -> str | None:
    """'2011/12' when every action with a due date is due in that one financial year, else None.

    The plan's year is not an input, so it is named only when the due dates say it plainly.
    """
    years = {Month(a.due.year, a.due.month).financial_year for a in actions if isinstance(a.due, dt.date)}
    return financial_year_label(years.pop()) if len(years) == 1 else None


def title(actions: list[Action]) -> str:
    """'Business Plan 2011/12 outturn exception report', or without the year when it is unclear."""
    year = plan_year(actions)
    return f"Business Plan {year} outturn exception report" if year else TITLE


def plans_of(actions: list[Action]) -> list[str]:
    """Business plans in order of first appearance, as officers list them."""
    return list(dict.fromkeys(a.business_plan for a in actions))


def status_counts(actions: list[Action]) -> list[tuple[str, list[int]]]:
    """(plan, counts per status in STATUSES order plus the total), then the all-plans total."""
    table = []
    for plan in plans_of(actions):
        counts = [sum(1 for a in actions if a.business_plan == plan and a.status == s) for s in STATUSES]
        table.append((plan, [*counts, sum(counts)]))
    totals = [sum(a.status == s for a in actions) for s in STATUSES]
    table.append(("All business plans", [*totals, len(actions)]))
    return table


def summary_sheet(book: Book, report: Report, actions: list[Action]) -> Sheet:
    sheet = book.add_sheet("Summary")
    row = cells.title_block(sheet, report, None, f"Appendix {BUSINESS_PLAN_APPENDIX}: {title(actions)}: "
                            "actions by status")
    headings = [("Business plan", 44.0)] + [(s, 12.0) for s in STATUSES] + [("Total", 10.0)]
    sheet.widths([w for _, w in headings])
    for col, (heading, _) in enumerate(headings):
        sheet.text(row, col, heading, "heading")
    header_row = row
    for plan, counts in status_counts(actions):
        row += 1
        is_total = plan == "All business plans"
        sheet.text(row, 0, plan, "bold_text" if is_total else "wrap")
        sheet.row_height(row, text_height(plan, 44.0))
        for col, count in enumerate(counts, start=1):
            sheet.number(row, col, count, "bold_text" if is_total else "text", "#,##0")
    sheet.print_setup(month_label=report.month.label, header_rows=(header_row, header_row),
                      freeze=(header_row + 1, 1))
    return sheet


def _write_date(sheet: Sheet, row: int, col: int, value, missing: str = theme.NOT_AVAILABLE) -> None:
    if isinstance(value, dt.date):
        sheet.date(row, col, dt.datetime(value.year, value.month, value.day))
    elif value:
        sheet.text(row, col, str(value))
    else:
        sheet.text(row, col, missing, "missing_left")


def exceptions_sheet(book: Book, report: Report, actions: list[Action]) -> Sheet:
    sheet = book.add_sheet("Exceptions")
    row = cells.title_block(sheet, report, None, f"Appendix {BUSINESS_PLAN_APPENDIX}: {title(actions)}: "
                            "delayed and cancelled actions")
    headings = [("Ref", 8.0), ("Action", 44.0), ("Owner", 18.0), ("Status", 11.0),
                ("Due date", 12.0), ("Revised date", 12.0), ("Reason (commentary)", 58.0),
                ("Business plan", 20.0)]
    exceptions = [a for a in actions if a.status in EXCEPTIONS]
    if not exceptions:
        sheet.text(row, 0, "No action is delayed or cancelled.", "note")
        sheet.print_setup(month_label=report.month.label, header_rows=None)
        return sheet
    sheet.widths([w for _, w in headings])
    for col, (heading, _) in enumerate(headings):
        sheet.text(row, col, heading, "heading")
    header_row = row
    # the plan is a column, not a heading row, so sorting or filtering the table keeps it
    for action in (a for plan in plans_of(exceptions) for a in exceptions if a.business_plan == plan):
        row += 1
        sheet.text(row, 0, action.ref)
        sheet.text(row, 1, action.action, "wrap")
        sheet.text(row, 2, action.owner or theme.NOT_AVAILABLE, "wrap")
        sheet.text(row, 3, action.status, "rag")
        _write_date(sheet, row, 4, action.due)
        # a cancelled action has no revised date by its nature: not applicable, not missing
        _write_date(sheet, row, 5, action.revised,
                    theme.NOT_APPLICABLE if action.status == "Cancelled" else theme.NOT_AVAILABLE)
        sheet.text(row, 6, action.commentary or "No reason given.", "wrap")
        sheet.text(row, 7, action.business_plan, "wrap")
        sheet.row_height(row, max(text_height(action.action, 44.0),
                                  text_height(action.commentary, 58.0),
                                  text_height(action.owner, 18.0),
                                  text_height(action.business_plan, 20.0)))
    sheet.table(header_row, 0, row, [h for h, _ in headings], "Exceptions_" + BUSINESS_PLAN_APPENDIX)
    sheet.colour_words(header_row + 1, 3, row, STATUS_RULE_FORMATS)
    sheet.print_setup(month_label=report.month.label, header_rows=(header_row, header_row),
                      freeze=(header_row + 1, 2))
    return sheet


def write_business_plan(report: Report, path: Path, pack_pages: PackPages | None = None) -> None:
    actions = report.actions or []
    year = plan_year(actions)
    book = Book(path, report.catalogue.report, footer=f"Outturn {year}" if year else "Outturn",
                pack_pages=pack_pages)
    book.set_title(f"Appendix {BUSINESS_PLAN_APPENDIX}: {title(actions)}",
                   "Business plan actions delayed or cancelled at outturn")
    cover = book.add_sheet("Cover")
    summary = summary_sheet(book, report, actions)
    exceptions = exceptions_sheet(book, report, actions)
    supporting.cover_sheet(cover, report, None, [
        (summary, "The number of actions in each business plan by status, with totals"),
        (exceptions, "Only the actions that are delayed or cancelled, by plan, with the reason"),
    ], title=f"Appendix {BUSINESS_PLAN_APPENDIX}: {title(actions)}")
    book.close()
