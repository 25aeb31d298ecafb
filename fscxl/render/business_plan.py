"""Appendix A (plain first version): the business plan actions that are delayed or cancelled."""

from __future__ import annotations

from pathlib import Path

from fscxl.business_plan import EXCEPTIONS
from fscxl.results import Report


def write_business_plan(report: Report, path: Path) -> None:
    import xlsxwriter

    book = xlsxwriter.Workbook(str(path), {"strings_to_formulas": False, "strings_to_urls": False})
    sheet = book.add_worksheet("Exceptions")
    sheet.write_string(0, 0, "Business plan outturn exception report")
    sheet.write_row(2, 0, ["Business plan", "Ref", "Action", "Owner", "Status", "Commentary"])
    row = 3
    for action in report.actions or []:
        if action.status in EXCEPTIONS:
            for col, text in enumerate([action.business_plan, action.ref, action.action,
                                        action.owner, action.status, action.commentary]):
                sheet.write_string(row, col, text)
            row += 1
    book.close()
