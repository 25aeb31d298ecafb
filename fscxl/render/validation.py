"""The validation report: every problem, one row each, errors first, each linked to its cell.

An officer opens it, filters to their own workbook or to one check's code, and clicks
the cell reference to land on the cell in their return. Links are relative to the
report's own folder so they keep working when the whole folder is copied or the share
is mapped differently. A second sheet, Checks, says what each code in the report checks.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from pathlib import Path, PureWindowsPath

from fscxl.check.codes import check_for
from fscxl.model.problems import ERROR, Problem
from fscxl.render import theme
from fscxl.render.book import SAFE_OPTIONS, footer_text, print_pages, text_height

HEADINGS = ["Severity", "Code", "Workbook", "Sheet", "Cell", "What was found", "How to fix it"]
WIDTHS = [13, 9, 30, 16, 8, 56, 56]
SEVERITY, CODE, WORKBOOK, SHEET, CELL, FOUND, FIX = range(len(HEADINGS))
CHECK_HEADINGS = ["Code", "Severity", "What the check looks for", "Usual fix"]
CHECK_WIDTHS = [9, 13, 60, 70]
CODES_NOTE = "What each code checks is on the Checks sheet."
MAX_LINKS = 65_530  # Excel's limit of hyperlinks on one sheet
MAX_URL_LENGTH = 2_079  # xlsxwriter's (and Excel's) limit for a link
_A1 = re.compile(r"^\$?[A-Z]{1,3}\$?[0-9]{1,7}$")
HEADER_ROW = 7
IN_MEMORY_PROBLEMS = 5_000  # up to this many rows the report is built in memory


def _file_link(workbook: str, inputs: Path, report_folder: Path) -> str | None:
    """`external:..\\inputs\\returns\\x.xlsx` for a workbook, or None if there is no file to link to."""
    source = Path(inputs) / workbook
    if source.suffix.lower() != ".xlsx" or not source.is_file():
        return None
    resolved = source.resolve()
    try:
        relative = os.path.relpath(resolved, Path(report_folder).resolve())
    except ValueError:  # a different drive on Windows: only an absolute link will do
        relative = str(resolved)
    return "external:" + _escaped(str(PureWindowsPath(relative)))


_URL_ESCAPES = (("%", "%25"), ('"', "%22"), (" ", "%20"), ("<", "%3c"), (">", "%3e"), ("[", "%5b"),
                ("]", "%5d"), ("^", "%5e"), ("`", "%60"), ("{", "%7b"), ("}", "%7d"), ("#", "%23"))


def _escaped(path: str) -> str:
    """A file path escaped as Excel writes it in a link.

    xlsxwriter reads the first '#' of a link as the start of the cell reference, so a
    '#' in a file name ('returns/A&E #2.xlsx') would cut the link short; escaped as %23
    it stays part of the name. Escaping here means xlsxwriter leaves the rest as it is.
    """
    for character, escape in _URL_ESCAPES:
        path = path.replace(character, escape)
    return path


def link_target(workbook: str, sheet: str, cell: str, inputs: Path | None,
                report_folder: Path | None, files: dict[str, str | None] | None = None) -> str | None:
    """`external:..\\inputs\\returns\\x.xlsx#'Sheet'!F14` for a problem, or None if no file to link to.

    `files` remembers each workbook's link, so a report of thousands of problems looks at
    each file once (on a network share every look is a round trip).
    """
    if not workbook or inputs is None or report_folder is None:
        return None
    if files is None:
        files = {}
    if workbook not in files:
        files[workbook] = _file_link(workbook, inputs, report_folder)
    url = files[workbook]
    if url is None:
        return None
    if sheet:
        location = "'" + sheet.replace("'", "''") + "'"
        if cell and _A1.match(cell):
            location += "!" + cell
        else:
            location += "!A1"
        url += "#" + location
    return url


def _summary(problems: list[Problem], inputs: Path | None, when: dt.datetime) -> list[tuple[str, str | int]]:
    errors = sum(1 for p in problems if p.is_error)
    warnings = len(problems) - errors
    if errors:
        verdict = "The inputs have errors: no scorecard was written. Fix each error below and run again."
    elif warnings:
        verdict = "No errors. Check the warnings below: the scorecards were written."
    else:
        verdict = "No problems found."
    return [
        ("Errors", errors),
        ("Warnings", warnings),
        ("Checked", f"{when:%d/%m/%Y %H:%M}"),
        ("Inputs folder", str(Path(inputs).resolve()) if inputs is not None else ""),
        ("Result", verdict),
    ]


def write_validation_report(problems: list[Problem], path: Path, inputs: Path | None = None,
                            report_folder: Path | None = None, when: dt.datetime | None = None) -> None:
    """Write the report to `path`; links are computed from `report_folder`, where it will live."""
    import xlsxwriter


    when = when or dt.datetime.now()
    report_folder = report_folder if report_folder is not None else path.parent
    # a short report is built in memory (quicker); a long one through temporary files
    book = xlsxwriter.Workbook(str(path), {**SAFE_OPTIONS, "in_memory": len(problems) <= IN_MEMORY_PROBLEMS})
    book.set_properties({"title": "fscxl validation report"})
    sheet = book.add_worksheet("Problems")
    title = book.add_format({"bold": True, "font_size": 14})
    label = book.add_format({"bold": True, "valign": "top"})
    count = book.add_format({"align": "left", "valign": "top"})
    verdict = book.add_format({"bold": True, "valign": "top",
                               "font_color": theme.ERROR_INK if any(p.is_error for p in problems) else theme.INK})
    heading = book.add_format({"bold": True, "bg_color": theme.REPORT_HEADING_FILL, "font_color": theme.HEADING_INK,
                               "text_wrap": True, "valign": "top", "border": 1, "border_color": theme.BORDER})
    lines = {"border": 1, "border_color": theme.BORDER, "valign": "top"}
    wrap = book.add_format({"text_wrap": True, **lines})
    link = book.add_format({"font_color": theme.LINK_INK, "underline": 1, **lines})
    error = book.add_format({"bold": True, "font_color": theme.ERROR_INK, "bg_color": theme.ERROR_FILL, **lines})
    warning = book.add_format({"font_color": theme.WARNING_INK, "bg_color": theme.WARNING_FILL, **lines})

    sheet.write_string(0, 0, "Validation report", title)
    for row, (name, value) in enumerate(_summary(problems, inputs, when), start=1):
        sheet.write_string(row, 0, name, label)
        if isinstance(value, int):
            sheet.write_number(row, 1, value, count)
        else:
            sheet.write_string(row, 1, value, verdict if name == "Result" else count)
    links = 0
    if problems:
        plain_link = book.add_format({"font_color": theme.LINK_INK, "underline": 1})
        sheet.write_url(HEADER_ROW - 1, 0, "internal:'Checks'!A1", plain_link, string=CODES_NOTE,
                        tip="What each check looks for, and its usual fix")
        links += 1
    sheet.write_row(HEADER_ROW, 0, HEADINGS, heading)
    for col, width in enumerate(WIDTHS):
        sheet.set_column(col, col, width)

    files: dict[str, str | None] = {}  # workbook -> its link, looked up once
    row = HEADER_ROW
    for row, problem in enumerate(problems, start=HEADER_ROW + 1):
        # LibreOffice does not grow rows for wrapped text, so each row is as tall as its words
        sheet.set_row(row, max(text_height(problem.found, WIDTHS[FOUND]), text_height(problem.fix, WIDTHS[FIX]),
                               text_height(problem.workbook, WIDTHS[WORKBOOK]),
                               text_height(problem.sheet, WIDTHS[SHEET])))
        sheet.write_string(row, SEVERITY, "Error" if problem.is_error else "Warning",
                           error if problem.is_error else warning)
        sheet.write_string(row, CODE, problem.code, wrap)
        sheet.write_string(row, SHEET, problem.sheet, wrap)
        sheet.write_string(row, FOUND, problem.found, wrap)
        sheet.write_string(row, FIX, problem.fix, wrap)
        url = link_target(problem.workbook, problem.sheet, problem.cell, inputs, report_folder, files)
        linked_col, text = (CELL, problem.cell) if problem.cell else (WORKBOOK, problem.workbook)
        other_col, other_text = (WORKBOOK, problem.workbook) if problem.cell else (CELL, problem.cell)
        sheet.write_string(row, other_col, other_text, wrap)
        if url and links < MAX_LINKS and len(url) <= MAX_URL_LENGTH:
            if sheet.write_url(row, linked_col, url, link, string=text,
                               tip="Open the workbook at this cell") == 0:
                links += 1
                continue
        sheet.write_string(row, linked_col, text, wrap)
    if not problems:
        sheet.write_string(HEADER_ROW + 1, 0, "None")
        row = HEADER_ROW + 1

    sheet.autofilter(HEADER_ROW, 0, row, len(HEADINGS) - 1)
    _print_setup(sheet, HEADER_ROW, "Validation report", when)
    _write_checks(book, problems, {"heading": heading, "wrap": wrap, "error": error, "warning": warning}, when)
    book.close()


def _write_checks(book, problems: list[Problem], formats: dict, when: dt.datetime) -> None:
    """The Checks sheet: one row for each code in the report, saying what the check is for."""
    sheet = book.add_worksheet("Checks")
    sheet.write_row(0, 0, CHECK_HEADINGS, formats["heading"])
    for col, width in enumerate(CHECK_WIDTHS):
        sheet.set_column(col, col, width)
    row = 0
    for row, code in enumerate(sorted({p.code for p in problems if p.code}), start=1):
        check = check_for(code)
        checks, fix = (check.checks, check.fix) if check else ("", "")
        is_error = check.severity == ERROR if check else True
        sheet.set_row(row, max(text_height(checks, CHECK_WIDTHS[2]), text_height(fix, CHECK_WIDTHS[3])))
        sheet.write_string(row, 0, code, formats["wrap"])
        sheet.write_string(row, 1, "Error" if is_error else "Warning",
                           formats["error"] if is_error else formats["warning"])
        sheet.write_string(row, 2, checks, formats["wrap"])
        sheet.write_string(row, 3, fix, formats["wrap"])
    sheet.autofilter(0, 0, max(row, 1), len(CHECK_HEADINGS) - 1)
    _print_setup(sheet, 0, "Validation report: checks", when)


def _print_setup(sheet, header_row: int, title: str, when: dt.datetime) -> None:
    """A4, the heading row frozen and repeated on every page, and when the check was made."""
    print_pages(sheet, paper="A4", header_rows=(header_row, header_row), freeze=(header_row + 1, 0),
                footer=f"&L{footer_text(title)}&CChecked {when:%d/%m/%Y %H:%M}&RPage &P of &N")
