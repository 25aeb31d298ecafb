"""Officers' monthly returns -> county figures per field and month, with every problem logged.

A data sheet is any visible sheet with a `Code` cell in its first 20 rows; that row is
its header. Month columns are headers that read as a month; other columns are ignored.

Workbooks are read in worker processes (returns_reader.py), each giving back one small
block of numbers per data sheet; the blocks are stacked here once, and duplicates and
district sums are found on the whole stack with numpy rather than cell by cell.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from fscxl.model.periods import Month
from fscxl.model.problems import ProblemLog
from fscxl.read.tables import HEADER_SEARCH_ROWS, normalise_header
from fscxl.read.xlsx import Sheet

COUNTY = ""  # the district of a figure from a return without a District column


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
    codes: set[str] = field(default_factory=set)  # every code with a row, figures or not

    @property
    def fields(self) -> set[str]:
        """The codes the returns supply: a row still blank ("not yet reported") supplies its code."""
        return set(self.county) | set(self.missing_districts) | self.codes


def code_header(rows: list[list]) -> tuple[int, int] | None:
    """(row, column) of the `Code` header cell in a sheet's first 20 rows, if it is a data sheet."""
    for r, row in enumerate(rows[:HEADER_SEARCH_ROWS]):
        for c, value in enumerate(row):
            if value.__class__ is str and value and normalise_header(value) == "code":
                return r, c
    return None


def data_sheet_header(sheet: Sheet) -> tuple[int, int] | None:
    return code_header(sheet.rows)


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


class ReturnsReading:
    """Return workbooks being read in the worker processes, started before they are needed.

    The run hands the returns to the workers first and reads the catalogue and the other
    workbooks while they work; `collect` then waits for the returns and adds them up.
    """

    def __init__(self, files: list[tuple[Path, str]], progress=None) -> None:
        from fscxl.app.workers import submit_isolated
        from fscxl.read.return_file import read_return_file

        def advance(count: int) -> None:
            for _ in range(count):
                progress()

        self.files = files
        # absolute paths: a worker started earlier may have another working directory
        absolute = [(Path(path).absolute(), label) for path, label in files]
        self._pending = submit_isolated(read_return_file, absolute, on_result=advance if progress else None)

    def collect(self, problems: ProblemLog) -> ReturnsData:
        from fscxl.app.workers import Crashed, Failed
        from fscxl.read.stack import add_up
        from fscxl.read.xlsx import CRASHED_FIX, CRASHED_FOUND

        blocks = []
        read = 0
        for (_path, label), outcome in zip(self.files, self._pending.results(), strict=True):
            if isinstance(outcome, Crashed):
                problems.error(label, "", "", f"this file: {CRASHED_FOUND}", CRASHED_FIX)
                continue
            if isinstance(outcome, Failed):
                problems.error(label, "", "", "this file could not be read",
                               "Open it in Excel, check it, and save it again as an Excel Workbook (.xlsx).",
                               detail=outcome.detail)
                continue
            problems.extend(outcome.problems)
            if outcome.read:
                read += 1
                blocks.extend(outcome.blocks)
        data = add_up(blocks, problems)
        data.workbooks_read = read
        return data


def read_returns(files: list[tuple[Path, str]], problems: ProblemLog,
                 progress=None) -> ReturnsData:
    """Read every return workbook; `files` pairs each path with the label messages use."""
    return ReturnsReading(files, progress).collect(problems)
