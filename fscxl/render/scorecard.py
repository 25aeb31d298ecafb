"""Scorecard workbook (plain first version): one grid of the month's figures per scorecard."""

from __future__ import annotations

from pathlib import Path

from fscxl.catalogue import Scorecard
from fscxl.results import Report

HEADINGS = ["Ref", "Area", "Measure", "Unit", "Polarity", "Basis", "Month", "Year to date",
            "Rolling 12", "Headline", "Target", "Floor", "RAG", "Direction"]


def write_scorecard(report: Report, scorecard: Scorecard, path: Path) -> None:
    import xlsxwriter

    book = xlsxwriter.Workbook(str(path), {"strings_to_formulas": False, "strings_to_urls": False,
                                           "strings_to_numbers": False, "nan_inf_to_errors": False})
    sheet = book.add_worksheet("Scorecard")
    bold = book.add_format({"bold": True})
    sheet.write_string(0, 0, f"{scorecard.title}: data to end of {report.month.label}", bold)
    sheet.write_row(2, 0, HEADINGS, bold)
    row = 3
    for result in report.results_of(scorecard.name):
        m, now = result.measure, result.current
        cells = [m.ref, m.area, m.title, m.unit, m.polarity, m.basis]
        for col, text in enumerate(cells):
            sheet.write_string(row, col, text)
        for col, value in enumerate([now.month_value, now.ytd_value, now.rolling12_value,
                                     now.value, now.target,
                                     result.targets.floor if result.targets else None], start=6):
            if value is not None:
                sheet.write_number(row, col, float(value))
        sheet.write_string(row, 12, now.rag or "")
        sheet.write_string(row, 13, result.direction or "")
        row += 1
    book.close()
