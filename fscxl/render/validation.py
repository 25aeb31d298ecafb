"""The validation report: every problem, one row each, errors first."""

from __future__ import annotations

from pathlib import Path

from fscxl.checks import Problem

HEADINGS = ["Severity", "Workbook", "Sheet", "Cell", "What was found", "How to fix it"]


def write_validation_report(problems: list[Problem], path: Path) -> None:
    import xlsxwriter

    book = xlsxwriter.Workbook(str(path), {"strings_to_formulas": False, "strings_to_urls": False})
    sheet = book.add_worksheet("Problems")
    bold = book.add_format({"bold": True})
    sheet.write_string(0, 0, "Validation report", bold)
    sheet.write_row(2, 0, HEADINGS, bold)
    for row, problem in enumerate(problems, start=3):
        for col, text in enumerate([problem.severity.capitalize(), problem.workbook, problem.sheet,
                                    problem.cell, problem.found, problem.fix]):
            sheet.write_string(row, col, text)
    book.close()
