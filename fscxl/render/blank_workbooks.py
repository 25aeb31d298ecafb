"""Blank workbooks for a new year: protected, validated returns and the catalogue to fill in."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from fscxl.model.periods import financial_year_label
from fscxl.model.records import STATUSES, TARGET_HEADERS
from fscxl.read.catalogue import MEASURE_SPECS, REPORT_SETTINGS, SCORECARD_SPECS, Column
from fscxl.read.tables import find_header, is_unreadable, normalise_header
from fscxl.read.xlsx import Grid, column_letter
from fscxl.render import theme
from fscxl.render.book import SAFE_OPTIONS, check

HEADER_ROW = 3  # title, subtitle, blank, then the header row, as the current returns are laid out
PROTECTION = {"format_cells": True, "format_columns": True, "format_rows": True,
              "autofilter": True, "select_locked_cells": True, "select_unlocked_cells": True}


def _months(year: int) -> list[dt.datetime]:
    return [dt.datetime(year + (i + 3) // 12, (i + 3) % 12 + 1, 1) for i in range(12)]


def _instructions(book, lines: list[str]) -> None:
    sheet = book.add_worksheet("Instructions")
    bold = book.add_format({"bold": True, "font_size": 13})
    wrap = book.add_format({"text_wrap": True, "valign": "top"})
    sheet.set_column(0, 0, 110)
    sheet.write_string(0, 0, lines[0], bold)
    for row, line in enumerate(lines[1:], start=2):
        sheet.write_string(row, 0, line, wrap)


def write_return_template(path: Path, sheets: dict[str, list], year: int) -> None:
    """One return: per sheet, Code / Description / (District) and April to March as real dates."""
    import xlsxwriter

    label = financial_year_label(year)
    book = xlsxwriter.Workbook(str(path), SAFE_OPTIONS)
    title = book.add_format({"bold": True, "font_size": 13})
    heading = book.add_format({"bold": True, "bg_color": theme.AREA_FILL, "border": 1, "locked": True})
    month_heading = book.add_format({"bold": True, "bg_color": theme.AREA_FILL, "border": 1, "locked": True,
                                     "num_format": "mmm-yy", "align": "center"})
    locked = book.add_format({"bg_color": theme.LOCKED_FILL, "border": 1, "locked": True})
    whole = book.add_format({"num_format": "#,##0", "border": 1, "locked": False})
    decimal = book.add_format({"num_format": "#,##0.00", "border": 1, "locked": False})
    for name, fields in sheets.items():
        sheet = book.add_worksheet(name)
        district = any(f.districts for f in fields)
        first_value = 3 if district else 2
        headings = ["Code", "Description"] + (["District"] if district else [])
        sheet.write_string(0, 0, fields[0].title or Path(path).stem.replace("_", " ").capitalize(), title)
        sheet.write_string(1, 0, f"Financial year {label}: April {year} to March {year + 1}")
        for col, text in enumerate(headings):
            sheet.write_string(HEADER_ROW, col, text, heading)
        for col, month in enumerate(_months(year), start=first_value):
            sheet.write_datetime(HEADER_ROW, col, month, month_heading)
        row = HEADER_ROW
        for source in fields:
            for place in (source.districts or [""]) if district else [None]:
                row += 1
                sheet.write_string(row, 0, source.code, locked)
                sheet.write_string(row, 1, source.description, locked)
                if district:
                    sheet.write_string(row, 2, place or "", locked)
                number = decimal if source.decimal else whole
                for col in range(first_value, first_value + 12):
                    sheet.write_blank(row, col, None, number)
                kind = "decimal" if source.decimal else "integer"
                what = "a number of zero or more" if source.decimal else "a whole number of zero or more"
                check(sheet.data_validation(row, first_value, row, first_value + 11, {
                    "validate": kind, "criteria": ">=", "value": 0,
                    "input_title": source.code[:32],
                    "input_message": (f"{source.description[:150]}. Enter {what}; "
                                      "leave blank if not yet known.")[:255],
                    "error_title": "Not a valid figure",
                    "error_message": f"Enter {what}, or leave the cell blank if it is not yet known.",
                }), f"validation for {source.code}")
        sheet.set_column(0, 0, max(12, max(len(f.code) for f in fields) + 2))
        sheet.set_column(1, 1, 60)
        if district:
            sheet.set_column(2, 2, 18)
        sheet.set_column(first_value, first_value + 11, 10)
        sheet.freeze_panes(HEADER_ROW + 1, first_value)
        sheet.protect("", PROTECTION)  # no password: an officer can unprotect if they must
        sheet.set_landscape()
        sheet.set_paper(9)
        sheet.fit_to_pages(1, 0)
    _instructions(book, [
        f"How to fill in this return for {label}",
        "Enter each month's figure in the white cells, in the row of its code and the column of its "
        "month. Leave a cell blank until the figure is known: a blank means not yet reported.",
        "Type numbers only: no text such as n/a, - or c, and no formulas that show an error. Excel "
        "stops anything else being typed in.",
        "The codes and descriptions are locked so that the scorecard can find each figure. If a code "
        "must change, agree it with the performance team first: the sheet can be unprotected (Review, "
        "Unprotect Sheet; there is no password).",
        "Keep the file name and the sheet names as they are, and save the file as an Excel Workbook "
        "(.xlsx) in the returns folder.",
    ])
    book.close()


def _write_cell(sheet, row: int, col: int, value, date_format) -> None:
    """A catalogue cell copied as it was typed; an error value or an uncalculated formula
    has nothing to copy, so its cell is left blank."""
    if value is None or is_unreadable(value):
        return
    if isinstance(value, bool):
        sheet.write_boolean(row, col, value)
    elif isinstance(value, int | float):
        sheet.write_number(row, col, value)
    elif isinstance(value, dt.datetime | dt.date):
        sheet.write_datetime(row, col, value if isinstance(value, dt.datetime)
                             else dt.datetime(value.year, value.month, value.day), date_format)
    else:
        sheet.write_string(row, col, str(value))


def _copy_sheet(book, source: Grid, date_format, heading):
    sheet = book.add_worksheet(source.name)
    rows = [row for row in source.rows]
    while rows and all(v is None for v in rows[-1]):
        rows.pop()
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            _write_cell(sheet, r, c, value, date_format)
    if rows:
        for c, value in enumerate(rows[0]):
            if isinstance(value, str):
                sheet.write_string(0, c, value, heading)
    sheet.freeze_panes(1, 0)
    sheet.set_column(0, 30, 16)
    return sheet


VALIDATED_ROWS = 500  # rows below the header that offer the drop-down lists


class _Lists:
    """The words of each enumerated column, one column each on a hidden sheet: a list typed into
    the validation itself could not hold 'Rate per 10,000' (Excel splits it at the comma)."""

    def __init__(self) -> None:
        self.ranges: dict[tuple[str, ...], str] = {}

    def range_for(self, choices: tuple[str, ...]) -> str:
        if choices not in self.ranges:
            letter = column_letter(len(self.ranges))
            self.ranges[choices] = f"=Lists!${letter}$1:${letter}${len(choices)}"
        return self.ranges[choices]

    def write(self, book) -> None:
        """The sheet itself, added last so the officers' sheets keep their order."""
        sheet = book.add_worksheet("Lists")
        for col, choices in enumerate(self.ranges):
            for row, choice in enumerate(choices):
                sheet.write_string(row, col, choice)
        sheet.hide()


def _drop_down(sheet, lists: _Lists, first_row: int, last_row: int, col: int, spec: Column) -> None:
    check(sheet.data_validation(first_row, col, last_row, col, {
        "validate": "list", "source": lists.range_for(spec.choices),
        "input_title": spec.name[:32],
        "input_message": ("Choose from the list" + ("; leave blank for the default." if not spec.required
                                                    else "."))[:255],
        "error_title": f"Not a {spec.name}"[:32],
        "error_message": (spec.fix_text or "Choose a value from the list.")[:255],
    }), f"the drop-down list for {spec.name}")


def _validate_columns(sheet, source_rows: list[list], specs: tuple[Column, ...], lists: _Lists,
                      add_missing: tuple[str, ...] = (), heading=None) -> None:
    """A drop-down list under each enumerated column's heading; headings in `add_missing` that the
    sheet lacks are added at the end of its header row, so a new year's catalogue offers them."""
    located = find_header(Grid("", True, source_rows), [specs[0].name]) if source_rows else None
    header_row, found = located if located is not None else (0, {})
    columns = dict(found)
    next_free = max([len(source_rows[header_row]) if source_rows else 0, *[c + 1 for c in found.values()]])
    for name in add_missing:
        if normalise_header(name) not in columns:
            sheet.write_string(header_row, next_free, name, heading)
            columns[normalise_header(name)] = next_free
            next_free += 1
    last = header_row + max(VALIDATED_ROWS, len(source_rows))
    for spec in specs:
        col = columns.get(normalise_header(spec.name))
        if spec.choices and col is not None:
            _drop_down(sheet, lists, header_row + 1, last, col, spec)


def write_catalogue_template(path: Path, catalogue_sheets: list[Grid], targets: list[list],
                             year: int) -> None:
    """measures.xlsx for the new year: Measures, Scorecards and Report copied, Targets pre-filled;
    every column with a fixed set of values offers it as a drop-down list."""
    import xlsxwriter


    label = financial_year_label(year)
    book = xlsxwriter.Workbook(str(path), SAFE_OPTIONS)
    date_format = book.add_format({"num_format": "dd/mm/yyyy"})
    heading = book.add_format({"bold": True, "bg_color": theme.AREA_FILL, "border": 1})
    carried = book.add_format({"bg_color": theme.CARRIED_OVER_FILL})
    by_name = {s.name.strip().lower(): s for s in catalogue_sheets}
    lists = _Lists()
    if "measures" in by_name:
        measures = by_name["measures"]
        sheet = _copy_sheet(book, measures, date_format, heading)
        _validate_columns(sheet, measures.rows, MEASURE_SPECS, lists, add_missing=("Frequency",),
                          heading=heading)
    sheet = book.add_worksheet("Targets")
    sheet.write_row(0, 0, TARGET_HEADERS, heading)
    for r, row in enumerate(targets, start=1):
        sheet.write_string(r, 0, row[0])
        sheet.write_string(r, 1, row[1])
        for c, value in enumerate(row[2:], start=2):
            if value is None:
                sheet.write_blank(r, c, None, carried)
            elif isinstance(value, str):
                sheet.write_string(r, c, value, carried)
            else:
                sheet.write_number(r, c, value, carried)
    sheet.freeze_panes(1, 2)
    sheet.set_column(0, 1, 10)
    sheet.set_column(2, len(TARGET_HEADERS) - 1, 12)
    source_col = TARGET_HEADERS.index("Benchmark source")
    sheet.set_column(source_col, source_col, 30)
    if "scorecards" in by_name:
        scorecards = by_name["scorecards"]
        sheet = _copy_sheet(book, scorecards, date_format, heading)
        _validate_columns(sheet, scorecards.rows, SCORECARD_SPECS, lists)
    else:
        sheet = book.add_worksheet("Scorecards")
        sheet.write_row(0, 0, [spec.name for spec in SCORECARD_SPECS], heading)
        sheet.set_column(0, 3, 16)
        sheet.set_column(1, 1, 36)
        _validate_columns(sheet, [[spec.name for spec in SCORECARD_SPECS]], SCORECARD_SPECS, lists)
    _report_sheet(book, by_name.get("report"), date_format, heading, lists)
    _instructions(book, [
        f"The catalogue for {label}",
        "Measures, Scorecards and Report are copied from the current catalogue: add, change or "
        "remove measures here.",
        f"Targets has one row for every measure for {label}. The Target, Floor, upper edges, "
        f"Benchmark and the phased monthly targets and floors are CARRIED OVER from each measure's latest "
        f"earlier year as a starting point (shaded yellow): review every one and replace it with the "
        f"agreed {label} value, or clear it if there is none.",
        "For Band measures, Target and Target upper are the green band and Floor and Floor upper the "
        "amber band. Phased targets (Apr to Mar), where given, replace the Target for that month; "
        "phased floors (Floor Apr to Floor Mar) replace the Floor. In every month the floor must not "
        "be better than the target.",
        "Frequency on Measures is Monthly (or blank), Quarterly or Annual. Columns with a fixed set "
        "of values offer a drop-down list.",
        "Report holds the committee's details for covers and footers: one setting a row (a Contact, "
        "Email to or Email cc may take several rows). Update the Meeting date and Status.",
        "Copy this file to the inputs folder as measures.xlsx when it is ready.",
    ])
    lists.write(book)
    book.close()


def _report_sheet(book, source: Grid | None, date_format, heading, lists: _Lists) -> None:
    """The Report sheet copied (or, without one, every setting listed with a blank value, which
    keeps its default); Setting, Status and Paper offer drop-down lists."""
    if source is not None:
        sheet = _copy_sheet(book, source, date_format, heading)
        rows = source.rows
    else:
        sheet = book.add_worksheet("Report")
        rows = [["Setting", "Value"], *([spec.name, None] for spec in REPORT_SETTINGS)]
        sheet.write_row(0, 0, rows[0], heading)
        for r, row in enumerate(rows[1:], start=1):
            sheet.write_string(r, 0, row[0])
        sheet.set_column(0, 0, 16)
        sheet.set_column(1, 1, 80)
    located = find_header(Grid("", True, rows), ["Setting", "Value"]) if rows else None
    if located is None:
        return
    header_row, found = located
    setting_col, value_col = found["setting"], found["value"]
    settings = Column("Setting", required=True, allowed=tuple(spec.name for spec in REPORT_SETTINGS))
    _drop_down(sheet, lists, header_row + 1, header_row + VALIDATED_ROWS, setting_col, settings)
    by_name = {normalise_header(spec.name): spec for spec in REPORT_SETTINGS}
    for r in range(header_row + 1, len(rows)):
        name = rows[r][setting_col] if setting_col < len(rows[r]) else None
        spec = by_name.get(normalise_header(name))
        if spec is not None and spec.choices:
            _drop_down(sheet, lists, r, r, value_col, spec)


def write_commentary_template(path: Path, catalogue, year: int) -> None:
    """commentary.xlsx with its two sheets and headers, ready for the year's first month."""
    import xlsxwriter

    label = financial_year_label(year)
    book = xlsxwriter.Workbook(str(path), SAFE_OPTIONS)
    heading = book.add_format({"bold": True, "bg_color": theme.AREA_FILL, "border": 1})
    month = book.add_format({"num_format": "mmm-yy", "align": "left"})
    wrap = book.add_format({"text_wrap": True, "valign": "top"})
    layouts = (("Measures", ["Ref", "Month", "Commentary"]),
               ("Areas", ["Scorecard", "Area", "Month", "Commentary"]))
    for name, headers in layouts:
        sheet = book.add_worksheet(name)
        sheet.write_row(0, 0, headers, heading)
        month_col = headers.index("Month")
        for col, text in enumerate(headers):
            width = 90 if text == "Commentary" else 40 if text == "Area" else 12
            sheet.set_column(col, col, width, month if col == month_col else wrap if width == 90 else None)
        check(sheet.data_validation(1, month_col, 5000, month_col, {
            "validate": "date", "criteria": "between",
            "minimum": dt.datetime(year, 4, 1), "maximum": dt.datetime(year + 1, 3, 31),
            "input_title": "Month", "input_message": f"A date in the month, e.g. 1/4/{year} for April.",
            "error_message": f"Enter a date in {label} (April {year} to March {year + 1})."}), "month check")
        sheet.freeze_panes(1, 0)
    _instructions(book, [
        f"Commentary for {label}",
        "Measures: one row per measure per month: its Ref (as in the catalogue), the Month (any date "
        "in the month) and the Commentary.",
        "Areas: one row per section per month: the Scorecard and Area exactly as in the catalogue, the "
        "Month and the Commentary.",
        "Commentary is always shown as text, as you typed it.",
    ])
    book.close()


def write_business_plan_template(path: Path, year: int) -> None:
    """business_plan.xlsx: the Actions sheet, with the four statuses offered as a list."""
    import xlsxwriter


    label = financial_year_label(year)
    book = xlsxwriter.Workbook(str(path), SAFE_OPTIONS)
    heading = book.add_format({"bold": True, "bg_color": theme.AREA_FILL, "border": 1})
    date = book.add_format({"num_format": "dd/mm/yyyy", "align": "left"})
    wrap = book.add_format({"text_wrap": True, "valign": "top"})
    headers = ["Ref", "Business plan", "Action", "Owner", "Due date", "Status", "Revised date", "Commentary"]
    widths = [10, 30, 60, 30, 12, 12, 12, 70]
    sheet = book.add_worksheet("Actions")
    sheet.write_row(0, 0, headers, heading)
    for col, width in enumerate(widths):
        fmt = date if headers[col].endswith("date") else wrap if width >= 60 else None
        sheet.set_column(col, col, width, fmt)
    check(sheet.data_validation(1, 5, 5000, 5, {
        "validate": "list", "source": list(STATUSES),
        "input_title": "Status", "input_message": "Choose from the list."}), "status list")
    for col in (4, 6):
        check(sheet.data_validation(1, col, 5000, col, {
            "validate": "date", "criteria": ">", "value": dt.datetime(2000, 1, 1),
            "error_message": "Enter a date, e.g. 31/03/" + str(year + 1)}), "date check")
    sheet.freeze_panes(1, 0)
    _instructions(book, [
        f"Business plan monitoring for {label}",
        "One row per action: Ref, Business plan, Action, Owner, Due date, Status (Complete, On track, "
        "Delayed or Cancelled), Revised date (where the due date has moved) and Commentary.",
        "Appendix A of the scorecard is made from this sheet.",
    ])
    book.close()
