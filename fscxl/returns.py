"""Officers' monthly returns -> county figures per field and month, with every problem logged.

A data sheet is any visible sheet with a `Code` cell in its first 20 rows; that row is
its header. Month columns are headers that read as a month; other columns are ignored.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from fscxl.checks import ProblemLog
from fscxl.periods import Month, parse_month
from fscxl.tables import HEADER_SEARCH_ROWS, describe, normalise_header, to_decimal
from fscxl.workbooks import Sheet, UnreadableWorkbook, cell_ref, read_workbook

COUNTY = ""  # the district of a figure from a return without a District column

FIX_NOT_A_NUMBER = "Enter the figure, or leave the cell blank if it is not yet known."


@dataclass(frozen=True)
class Place:
    workbook: str
    sheet: str
    cell: str

    def __str__(self) -> str:
        return f"{self.workbook}, sheet '{self.sheet}', cell {self.cell}"


@dataclass
class ReturnsData:
    """Every figure the returns hold, by field code, district and month.

    `county` holds the county figure (the sum over districts) for each month in which
    every district of that field reported; `missing_districts` names the districts that
    had not reported in months where others had.
    """

    county: dict[str, dict[Month, float]] = field(default_factory=dict)
    missing_districts: dict[str, dict[Month, list[str]]] = field(default_factory=dict)
    latest_month: Month | None = None
    workbooks_read: int = 0

    @property
    def fields(self) -> set[str]:
        return set(self.county) | set(self.missing_districts)


@dataclass
class _Collector:
    """Values as they are read, before districts are added up."""

    values: dict[tuple[str, str, Month], float] = field(default_factory=dict)
    places: dict[tuple[str, str, Month], Place] = field(default_factory=dict)
    districts: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))


def data_sheet_header(sheet: Sheet) -> tuple[int, int] | None:
    """(row, column) of the `Code` header cell, if this is a data sheet."""
    for r, row in enumerate(sheet.rows[:HEADER_SEARCH_ROWS]):
        for c, value in enumerate(row):
            if normalise_header(value) == "code":
                return r, c
    return None


def find_return_files(folder: Path) -> list[Path]:
    """Every .xlsx under returns/ (subfolders too), skipping Excel owner files and dot files."""
    if not folder.is_dir():
        return []
    found = []
    for path in sorted(folder.rglob("*")):
        relative = path.relative_to(folder)
        if any(part.startswith((".", "~$")) for part in relative.parts):
            continue
        if path.is_file() and path.suffix.lower() == ".xlsx":
            found.append(path)
    return found


def read_returns(files: list[tuple[Path, str]], problems: ProblemLog,
                 progress=None) -> ReturnsData:
    """Read every return workbook; `files` pairs each path with the label messages use."""
    collector = _Collector()
    read = 0
    for path, label in files:
        try:
            sheets = read_workbook(path, include_hidden=False)
        except UnreadableWorkbook as exc:
            problems.error(label, "", "", f"this file {exc}")
            continue
        except Exception as exc:  # one damaged file must never stop the batch
            problems.error(label, "", "", f"this file could not be read ({type(exc).__name__}: {exc})",
                           "Open it in Excel, check it, and save it again as an Excel Workbook (.xlsx).")
            continue
        read += 1
        found_data = False
        for sheet in sheets:
            if not sheet.visible:
                continue
            header = data_sheet_header(sheet)
            if header is None:
                continue
            found_data = True
            _read_data_sheet(sheet, header, label, collector, problems)
        if not found_data:
            problems.warning(label, "", "", "no sheet has a 'Code' heading in its first 20 rows, "
                             "so nothing was read from this workbook",
                             "If it is a return, put the heading 'Code' above the column of field codes.")
        if progress:
            progress()
    data = _add_up_districts(collector, problems)
    data.workbooks_read = read
    return data


def _read_data_sheet(sheet: Sheet, header: tuple[int, int], label: str,
                     collector: _Collector, problems: ProblemLog) -> None:
    header_row, code_col = header
    district_col = None
    months: list[tuple[int, Month]] = []
    seen_months: dict[Month, int] = {}
    for c, value in enumerate(sheet.rows[header_row]):
        if c == code_col:
            continue
        if normalise_header(value) == "district":
            district_col = c
            continue
        month = parse_month(value)
        if month is None:
            continue
        if month in seen_months:
            problems.error(label, sheet.name, cell_ref(header_row, c),
                           f"{month.label} heads two columns (also {cell_ref(header_row, seen_months[month])})",
                           "Each month should head one column; correct or remove the second.")
            continue
        seen_months[month] = c
        months.append((c, month))
    if not months:
        problems.warning(label, sheet.name, cell_ref(header_row, code_col),
                         "the header row has a 'Code' heading but no month headings, so nothing was read",
                         "Head each month's column with its month, e.g. Apr-12 or a date.")
        return

    for r in range(header_row + 1, len(sheet.rows)):
        row = sheet.rows[r]
        raw_code = row[code_col] if code_col < len(row) else None
        code = raw_code.strip().upper() if isinstance(raw_code, str) else (
            describe(raw_code) if raw_code is not None else "")
        if not code:
            if any(c < len(row) and row[c] is not None for c, _ in months):
                problems.warning(label, sheet.name, cell_ref(r, code_col),
                                 "this row has figures but no code, so they were not read",
                                 "Enter the field code in the Code column, or clear the row.")
            continue
        district = ""
        if district_col is not None and district_col < len(row) and row[district_col] is not None:
            district = str(row[district_col]).strip()
        collector.districts[code].add(district)
        for c, month in months:
            value = row[c] if c < len(row) else None
            if value is None:
                continue
            number = _read_value(value, label, sheet.name, r, c, problems)
            if number is None:
                continue
            key = (code, district, month)
            place = Place(label, sheet.name, cell_ref(r, c))
            if key in collector.places:
                where = f" ({district})" if district else ""
                problems.error(label, sheet.name, place.cell,
                               f"{code}{where} for {month.label} is given twice: here and at "
                               f"{collector.places[key]}",
                               "Keep the figure in one place and clear the other.")
                continue
            collector.places[key] = place
            collector.values[key] = number


def _read_value(value, label: str, sheet: str, r: int, c: int, problems: ProblemLog) -> float | None:
    """One value cell -> a number, or None with an error or warning logged."""
    where = cell_ref(r, c)
    if isinstance(value, bool):
        problems.error(label, sheet, where, f"expected a number, found {describe(value)}",
                       FIX_NOT_A_NUMBER)
        return None
    if isinstance(value, (int, float)):
        if value < 0:
            problems.error(label, sheet, where, f"expected a count of zero or more, found {describe(value)}",
                           "Enter the figure as a positive number.")
            return None
        return float(value)
    if isinstance(value, str):
        number = to_decimal(value)
        if number is None:
            problems.error(label, sheet, where, f"expected a number, found {describe(value)}",
                           FIX_NOT_A_NUMBER)
            return None
        if number < 0:
            problems.error(label, sheet, where, f"expected a count of zero or more, found {describe(value)}",
                           "Enter the figure as a positive number.")
            return None
        problems.warning(label, sheet, where, f"the number {describe(value)} is typed as text; "
                         f"it was read as {number}",
                         "Re-enter it as a number so Excel can add it up.")
        return float(number)
    if isinstance(value, dt.date | dt.datetime):
        problems.error(label, sheet, where, f"expected a number, found {describe(value)}",
                       "The cell is formatted as a date: format it as a number and re-enter the figure.")
        return None
    # an Excel error value or a formula that was never calculated
    fix = ("Open the workbook in Excel so the formula is calculated, then save it; "
           "or type the figure in." if "formula" in describe(value)
           else "Correct the formula or type the figure in; leave the cell blank if it is not yet known.")
    problems.error(label, sheet, where, f"expected a number, found {describe(value)}", fix)
    return None


def _add_up_districts(collector: _Collector, problems: ProblemLog) -> ReturnsData:
    """County figure = sum of the districts, only for months every district reported."""
    reported: dict[tuple[str, Month], dict[str, float]] = defaultdict(dict)
    for (code, district, month), number in collector.values.items():
        reported[(code, month)][district] = number
    data = ReturnsData()
    for (code, month), by_district in reported.items():
        expected = collector.districts[code]
        missing = sorted(expected - set(by_district))
        if missing:
            data.missing_districts.setdefault(code, {})[month] = missing
        else:
            data.county.setdefault(code, {})[month] = sum(by_district.values())
        if data.latest_month is None or month > data.latest_month:
            data.latest_month = month
    return data
