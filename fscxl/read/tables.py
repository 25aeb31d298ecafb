"""Header-matched tables on a sheet: the catalogue, commentary and business plan all use them.

Headers are matched by text, case-insensitive, ignoring surrounding spaces; column
order is free and extra columns are ignored.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from fscxl.model.problems import ProblemLog
from fscxl.read.xlsx import FORMULA_WITHOUT_RESULT, CellError, Grid, cell_ref

HEADER_SEARCH_ROWS = 20


def normalise_header(value) -> str:
    return re.sub(r"\s+", " ", str(value).strip()).lower() if isinstance(value, str) else ""


@dataclass(frozen=True)
class TableRow:
    """One data row: values by canonical column name, and where each came from."""

    sheet: str
    row: int  # zero-based
    values: dict
    columns: dict  # canonical name -> zero-based column

    def get(self, name: str):
        return self.values.get(name)

    def ref(self, name: str) -> str:
        col = self.columns.get(name)
        return cell_ref(self.row, col) if col is not None else f"row {self.row + 1}"


def find_header(sheet: Grid, required: list[str]) -> tuple[int, dict[str, int]] | None:
    """The first row (of the first 20) holding every required header, and its columns."""
    wanted = {name.lower(): name for name in required}
    for r, row in enumerate(sheet.rows[:HEADER_SEARCH_ROWS]):
        found = {normalise_header(v): c for c, v in enumerate(row) if normalise_header(v)}
        if all(key in found for key in wanted):
            return r, found
    return None


def read_table(sheet: Grid, workbook: str, required: list[str], optional: list[str],
               problems: ProblemLog) -> list[TableRow] | None:
    """Rows of a header-matched table; None (with an error) when a required column is missing."""
    located = find_header(sheet, required[:1])
    if located is None:
        problems.error(workbook, sheet.name, "",
                       f"no header row with a '{required[0]}' column in the first {HEADER_SEARCH_ROWS} rows",
                       f"Put the column headings ({', '.join(required)}) in one row near the top of the sheet.",
                       code="TAB01")
        return None
    header_row, found = located
    missing = [name for name in required if name.lower() not in found]
    if missing:
        names = ", ".join(f"'{m}'" for m in missing)
        problems.error(workbook, sheet.name, cell_ref(header_row, 0),
                       f"the header row has no {names} column",
                       f"Add a column headed {names} to row {header_row + 1} (headings can be in any order).",
                       code="TAB02")
        return None
    columns = {name: found[name.lower()] for name in required + optional if name.lower() in found}
    rows = []
    for r in range(header_row + 1, len(sheet.rows)):
        values = {name: sheet.value(r, c) for name, c in columns.items()}
        if all(v is None for v in values.values()):
            continue
        rows.append(TableRow(sheet.name, r, values, columns))
    return rows


_NUMBER_TEXT = re.compile(r"^[+-]?(\d{1,3}([, ]\d{3})+|\d+)(\.\d+)?$")


def to_decimal(value) -> Decimal | None:
    """A number as the officer typed it, exactly; None if it is not a number.

    Floats go through their shortest repr, so 0.1 is 0.1 and not 0.1000000000000000055.
    Text is accepted only when it is plainly a number (spaces and thousands commas allowed).
    """
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, int):
        return Decimal(value)
    if isinstance(value, float):
        if value != value or value in (float("inf"), float("-inf")):
            return None
        return Decimal(repr(value))
    if isinstance(value, str):
        text = value.replace("\u00a0", " ").strip()
        if _NUMBER_TEXT.match(text):
            try:
                return Decimal(text.replace(",", "").replace(" ", ""))
            except InvalidOperation:
                return None
    return None


def describe(value) -> str:
    """A cell's content as an officer would recognise it in a message."""
    if value is None:
        return "a blank cell"
    if value is FORMULA_WITHOUT_RESULT:
        return "a formula with no saved result"
    if isinstance(value, CellError):
        return f"the error value {value.code}"
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, dt.datetime | dt.date):
        return f"the date {value:%d/%m/%Y}"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return f"'{value}'" if isinstance(value, str) else str(value)


def is_unreadable(value) -> bool:
    """An Excel error value or a formula never calculated: there is no text to show."""
    return value is FORMULA_WITHOUT_RESULT or isinstance(value, CellError)


def text_of(value) -> str:
    """A cell as plain text (numbers without a trailing .0)."""
    if value is None:
        return ""
    if value is FORMULA_WITHOUT_RESULT:  # never the marker's own name in a message
        return describe(value)
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, str):
        return value.strip()
    return str(value)
