"""One return workbook -> a block of numbers per data sheet, plus its problems (run in a worker).

A data sheet is any visible sheet with a `Code` cell in its first 20 rows; that row is
its header. Month columns are headings that read as a month; other columns are ignored.

A block is what the county sums need and no more: the codes and districts down the
side, the months across, the figures as a float array (NaN where there is no usable
figure), and the sheet rows and columns so any message can name the cell. Cells are
classified by type in bulk; only cells that are neither a number nor blank (text,
errors, dates, negatives) are looked at one by one, to say what is wrong with them.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from fscxl.model.periods import Month, parse_month
from fscxl.model.problems import Problem, ProblemLog
from fscxl.model.records import SheetWithoutMonths
from fscxl.read.tables import HEADER_SEARCH_ROWS, describe, normalise_header, text_of, to_decimal
from fscxl.read.xlsx import (
    FORMULA_WITHOUT_RESULT,
    RESAVE_FIX,
    CellError,
    Grid,
    OpenWorkbook,
    UnreadableWorkbook,
    cell_ref,
)

FIX_NOT_A_NUMBER = "Enter the figure, or leave the cell blank if it is not yet known."
FIX_NEGATIVE = "Enter the figure as a positive number."
FIX_FORMULA = ("Open the workbook in Excel so the formula is calculated, then save it; "
               "or type the figure in.")
FIX_ERROR_VALUE = "Correct the formula or type the figure in; leave the cell blank if it is not yet known."
# The code an Excel table's total row carries in its first column ("Total", as Excel's
# Total Row writes it): the sum of the rows above, not a field.
TABLE_TOTALS = frozenset({"TOTAL", "TOTALS", "GRAND TOTAL"})


def code_header(rows: list[list]) -> tuple[int, int] | None:
    """(row, column) of the `Code` header cell in a sheet's first 20 rows, if it is a data sheet."""
    for r, row in enumerate(rows[:HEADER_SEARCH_ROWS]):
        for c, value in enumerate(row):
            if value.__class__ is str and value and normalise_header(value) == "code":
                return r, c
    return None


def data_sheet_header(sheet: Grid) -> tuple[int, int] | None:
    return code_header(sheet.rows)


@dataclass
class Block:
    """The figures of one data sheet."""

    workbook: str
    sheet: str
    codes: list[str]  # one per data row
    districts: list[str]  # one per data row ('' without a District column)
    rows: np.ndarray  # int32: the sheet row (zero-based) of each data row
    columns: np.ndarray  # int32: the sheet column of each month
    months: np.ndarray  # int32: Month.index of each month column
    values: np.ndarray  # float64, data rows x months; NaN = no usable figure


@dataclass
class FileOutcome:
    read: bool
    problems: list[Problem] = field(default_factory=list)
    blocks: list[Block] = field(default_factory=list)
    without_months: list[SheetWithoutMonths] = field(default_factory=list)


def read_return_file(item: tuple[Path, str]) -> FileOutcome:
    """Read one return workbook; never raises for anything the file contains."""
    path, label = item
    problems = ProblemLog()
    try:
        book = OpenWorkbook(path)
    except UnreadableWorkbook as exc:
        problems.error(label, "", "", exc.found, exc.fix, detail=exc.detail, code=exc.code)
        return FileOutcome(False, problems.problems)
    blocks = []
    without_months = []
    try:
        problems.extend(book.problems(label))
        found_data = False
        for name, visible in book.sheets():
            if not visible:
                continue
            grid = book.grid(name)
            header = code_header(grid)
            if header is None:
                continue
            found_data = True
            block = _read_data_sheet(grid, header, label, name, problems)
            if isinstance(block, SheetWithoutMonths):
                without_months.append(block)
            elif block is not None:
                blocks.append(block)
    except Exception as exc:  # a sheet calamine cannot lay out: the file, not the run, fails
        problems.error(label, "", "", "the workbook could not be read", RESAVE_FIX,
                       detail=f"{type(exc).__name__}: {exc}", code="FILE07")
        return FileOutcome(False, problems.problems)
    finally:
        book.close()
    if not found_data:
        problems.warning(label, "", "", "no sheet has a 'Code' heading in its first 20 rows, "
                         "so nothing was read from this workbook",
                         "If it is a return, put the heading 'Code' above the column of field codes.",
                         code="RET02")
    return FileOutcome(True, problems.problems, blocks, without_months)


def _month_columns(head: list, header_row: int, code_col: int, label: str, sheet: str,
                   problems: ProblemLog) -> tuple[int | None, list[tuple[int, Month]]]:
    district_col = None
    months: list[tuple[int, Month]] = []
    seen: dict[Month, int] = {}
    for c, value in enumerate(head):
        if c == code_col or value == "":
            continue
        if normalise_header(value) == "district":
            district_col = c
            continue
        month = parse_month(value)
        if month is None:
            continue
        if month in seen:
            problems.error(label, sheet, cell_ref(header_row, c),
                           f"{month.label} heads two columns (also {cell_ref(header_row, seen[month])})",
                           "Each month should head one column; correct or remove the second.", code="RET01")
            continue
        seen[month] = c
        months.append((c, month))
    return district_col, months


def _object_block(body: list[list], columns: list[int]) -> np.ndarray:
    """The month cells of every body row as a 2-D object array."""
    try:
        whole = np.array(body, dtype=object)
        if whole.ndim == 2:
            return whole[:, columns]
    except ValueError:  # rows of unequal length
        pass
    return np.array([[row[c] if c < len(row) else "" for c in columns] for row in body], dtype=object)


_type_of = np.frompyfunc(type, 1, 1)


def _read_data_sheet(grid: list[list], header: tuple[int, int], label: str, sheet: str,
                     problems: ProblemLog) -> Block | SheetWithoutMonths:
    """The sheet's figures, or, when no heading reads as a month, what the sheet held.

    Whether a sheet without months is an error depends on the catalogue, so it is left
    to the checks across inputs.
    """
    header_row, code_col = header
    district_col, months = _month_columns(grid[header_row], header_row, code_col, label, sheet, problems)
    body = grid[header_row + 1:]
    codes = [_code(row[code_col] if code_col < len(row) else "") for row in body]
    if not months:
        headings = tuple(text_of(v) for v in grid[header_row] if v.__class__ is not str or v.strip())
        return SheetWithoutMonths(label, sheet, cell_ref(header_row, code_col), headings,
                                  frozenset(code for code in codes if code))
    columns = [c for c, _ in months]
    warned_rows: set[int] = set()
    for i, code in enumerate(codes):
        if code in TABLE_TOTALS:
            problems.warning(label, sheet, cell_ref(header_row + 1 + i, code_col),
                             f"this row's code is '{code.title()}', as an Excel table's total row has, so "
                             "it was taken as a total of the rows above and not read",
                             "Nothing to do if it is a total. If it is a field, give it its field code.",
                             code="RET52")
            codes[i] = ""
            warned_rows.add(i)  # no second warning that it has figures but no code
    has_code = np.fromiter((bool(code) for code in codes), dtype=bool, count=len(codes))

    cells = _object_block(body, columns) if body else np.empty((0, len(columns)), dtype=object)
    kinds = _type_of(cells) if cells.size else np.empty(cells.shape, dtype=object)
    numeric = np.equal(kinds, float)
    values = np.full(cells.shape, np.nan)
    values[numeric] = cells[numeric].astype(np.float64)
    with np.errstate(invalid="ignore"):
        negative = values < 0
    blank = np.equal(kinds, str) & np.equal(cells, "")
    unusual = ~(numeric | blank) | negative | (numeric & ~has_code[:, None])
    values[negative] = np.nan

    for i, j in zip(*np.nonzero(unusual), strict=True):
        value = cells[i, j]
        if value.__class__ is str and not value.strip():
            continue
        r = header_row + 1 + int(i)
        if not has_code[i]:
            if i not in warned_rows:
                warned_rows.add(i)
                problems.warning(label, sheet, cell_ref(r, code_col),
                                 "this row has figures but no code, so they were not read",
                                 "Enter the field code in the Code column, or clear the row.", code="RET04")
            continue
        number = read_value(value, label, sheet, r, columns[j], problems)
        if number is not None:
            values[i, j] = number

    kept = np.nonzero(has_code)[0]
    if district_col is None:
        districts = [""] * len(kept)
    else:
        districts = [_district(body[i][district_col] if district_col < len(body[i]) else "") for i in kept]
    return Block(
        workbook=label,
        sheet=sheet,
        codes=[codes[i] for i in kept],
        districts=districts,
        rows=(kept + header_row + 1).astype(np.int32),
        columns=np.array(columns, dtype=np.int32),
        months=np.array([month.index for _, month in months], dtype=np.int32),
        values=values[kept],
    )


def _code(raw) -> str:
    if raw.__class__ is str:
        return raw.strip().upper()
    return describe(raw) if raw is not None else ""


def _district(raw) -> str:
    """District 2 typed as a number reads '2', as it does typed as text."""
    return text_of(raw)


def read_value(value, label: str, sheet: str, r: int, c: int, problems: ProblemLog) -> float | None:
    """One value cell that is not a plain count -> a number, or None with an error or warning logged."""
    where = cell_ref(r, c)
    if isinstance(value, bool):
        problems.error(label, sheet, where, f"expected a number, found {describe(value)}", FIX_NOT_A_NUMBER,
                       code="RET05")
        return None
    if isinstance(value, int | float):
        if value != value:
            problems.error(label, sheet, where, "expected a number, found a value that is not a number",
                           FIX_NOT_A_NUMBER, code="RET05")
            return None
        if value < 0:
            problems.error(label, sheet, where, f"expected a count of zero or more, found {describe(value)}",
                           FIX_NEGATIVE, code="RET06")
            return None
        return float(value)
    if isinstance(value, str):
        number = to_decimal(value)
        if number is None:
            problems.error(label, sheet, where, f"expected a number, found {describe(value)}", FIX_NOT_A_NUMBER,
                           code="RET05")
            return None
        if number < 0:
            problems.error(label, sheet, where, f"expected a count of zero or more, found {describe(value)}",
                           FIX_NEGATIVE, code="RET06")
            return None
        problems.warning(label, sheet, where, f"the number {describe(value)} is typed as text; "
                         f"it was read as {number}",
                         "Re-enter it as a number so Excel can add it up.", code="RET07")
        return float(number)
    if isinstance(value, dt.date | dt.datetime):
        problems.error(label, sheet, where, f"expected a number, found {describe(value)}",
                       "The cell is formatted as a date: format it as a number and re-enter the figure.",
                       code="RET08")
        return None
    if isinstance(value, CellError):
        problems.error(label, sheet, where, f"expected a number, found {describe(value)}", FIX_ERROR_VALUE,
                       code="RET09")
        return None
    if value is FORMULA_WITHOUT_RESULT:
        problems.error(label, sheet, where, f"expected a number, found {describe(value)}", FIX_FORMULA,
                       code="RET10")
        return None
    problems.error(label, sheet, where, f"expected a number, found {describe(value)}", FIX_NOT_A_NUMBER,
                   code="RET05")
    return None
