"""Small input workbooks built in tests, in the contract's formats (no binary fixtures)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl

MEASURE_HEADERS = ["Ref", "Scorecard", "Area", "Title", "Definition", "Unit", "Polarity", "Basis",
                   "Numerator", "Denominator", "Multiplier", "Decimals", "Compare with", "Corporate"]
TARGET_HEADERS = ["Ref", "Year", "Target", "Floor", "Target upper", "Floor upper", "Benchmark",
                  "Benchmark source", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
                  "Jan", "Feb", "Mar"]


def write_sheet(book, title: str, rows: list[list], first: bool = False):
    sheet = book.active if first else book.create_sheet()
    sheet.title = title
    for row in rows:
        sheet.append(row)
    return sheet


def measure(ref="M1", scorecard="Children", area="Outcomes", title="A measure", unit="%",
            polarity="High", basis="Month", numerator="NUM", denominator="DEN", multiplier=None,
            decimals=None, compare_with=None, corporate=None, definition="") -> list:
    return [ref, scorecard, area, title, definition, unit, polarity, basis, numerator, denominator,
            multiplier, decimals, compare_with, corporate]


def target(ref="M1", year="2012/13", target=None, floor=None, target_upper=None, floor_upper=None,
           benchmark=None, source=None, phased=None) -> list:
    return [ref, year, target, floor, target_upper, floor_upper, benchmark, source,
            *(phased or [None] * 12)]


def write_catalogue(path: Path, measures: list[list], targets: list[list],
                    scorecards: list[list] | None = None) -> Path:
    book = openpyxl.Workbook()
    write_sheet(book, "Measures", [MEASURE_HEADERS, *measures], first=True)
    write_sheet(book, "Targets", [TARGET_HEADERS, *targets])
    if scorecards is not None:
        write_sheet(book, "Scorecards", [["Scorecard", "Title", "Layout", "Appendix"], *scorecards])
    path.parent.mkdir(parents=True, exist_ok=True)
    book.save(path)
    return path


def month_dates(first: tuple[int, int], count: int) -> list[dt.datetime]:
    year, month = first
    out = []
    for _ in range(count):
        out.append(dt.datetime(year, month, 1))
        month += 1
        if month > 12:
            year, month = year + 1, 1
    return out


def write_return(path: Path, series: dict, first: tuple[int, int] = (2011, 4), count: int = 14,
                 headers: list | None = None, districts: bool = False, title_rows: int = 2,
                 sheet: str = "Return") -> Path:
    """series: code -> list of monthly values (or code -> {district: list} with districts=True)."""
    book = openpyxl.Workbook()
    rows: list[list] = [[f"Title row {i + 1}"] for i in range(title_rows)]
    months = headers if headers is not None else month_dates(first, count)
    if districts:
        rows.append(["Code", "Description", "District", *months])
        for code, by_district in series.items():
            for district, values in by_district.items():
                rows.append([code, f"{code} description", district, *values])
    else:
        rows.append(["Code", "Description", *months])
        for code, values in series.items():
            rows.append([code, f"{code} description", *values])
    write_sheet(book, sheet, rows, first=True)
    path.parent.mkdir(parents=True, exist_ok=True)
    book.save(path)
    return path


def simple_inputs(root: Path, measures=None, targets=None, series=None, first=(2011, 4),
                  count=14) -> Path:
    """An inputs folder with a one-measure catalogue and one return (NUM/DEN)."""
    inputs = root / "inputs"
    write_catalogue(inputs / "measures.xlsx", measures or [measure()],
                    targets if targets is not None else [target(target=80, floor=70)])
    write_return(inputs / "returns" / "return.xlsx",
                 series or {"NUM": [8] * count, "DEN": [10] * count}, first=first, count=count)
    return inputs


def read_catalogue(path: Path, label: str, problems):
    """The catalogue at `path` as a run reads it (in this process), problems logged."""
    from fscxl.read.catalogue import catalogue_from_sheets
    from fscxl.read.xlsx import read_sheets

    read = read_sheets((path, label, "the catalogue", True))
    problems.extend(read.problems)
    return None if read.sheets is None else catalogue_from_sheets(read.sheets, label, problems)


def read_catalogue_sheets(folder: Path, sheets: dict[str, list[list]]):
    """(catalogue, problems) for a catalogue whose sheets are given row by row, headers first."""
    from fscxl.model.problems import ProblemLog

    book = openpyxl.Workbook()
    for i, (name, rows) in enumerate(sheets.items()):
        write_sheet(book, name, rows, first=i == 0)
    path = folder / "measures.xlsx"
    book.save(path)
    problems = ProblemLog()
    return read_catalogue(path, "measures.xlsx", problems), problems


def read_commentary(path: Path, label: str, known_refs: set[str], problems, area=("Children", "Outcomes")):
    """Commentary as a run reads it, checked against a catalogue of `known_refs` in one area."""
    from fscxl.check.cross import commentary_matches_catalogue
    from fscxl.model.records import Catalogue, Commentary, Measure
    from fscxl.read.commentary import commentary_from_sheets
    from fscxl.read.xlsx import read_sheets

    read = read_sheets((path, label, "the commentary workbook", True))
    problems.extend(read.problems)
    if read.sheets is None:
        return Commentary(label=label)
    commentary = commentary_from_sheets(read.sheets, label, problems)
    catalogue = Catalogue([Measure(ref, area[0], area[1], ref, "%", "High", "Month", "N") for ref in known_refs])
    commentary_matches_catalogue(commentary, catalogue, problems)
    return commentary


def read_business_plan(path: Path, label: str, problems):
    from fscxl.read.business_plan import actions_from_sheets
    from fscxl.read.xlsx import read_sheets

    read = read_sheets((path, label, "the business plan workbook", True))
    problems.extend(read.problems)
    return None if read.sheets is None else actions_from_sheets(read.sheets, label, problems)


def sheet_book(path: Path, sheets: dict[str, list[list]], hidden=()) -> Path:
    """A workbook of the given sheets, rows as lists; `hidden` names sheets (or maps them to a state)."""
    book = openpyxl.Workbook()
    book.remove(book.active)
    for name, rows in sheets.items():
        sheet = book.create_sheet(name)
        for row in rows:
            sheet.append(row)
        if name in hidden:
            sheet.sheet_state = hidden[name] if isinstance(hidden, dict) else "hidden"
    path.parent.mkdir(parents=True, exist_ok=True)
    book.save(path)
    return path


def add_report_sheet(catalogue: Path, settings: list[list]) -> Path:
    """Give a catalogue written by `write_catalogue` a Report sheet of (Setting, Value) rows."""
    book = openpyxl.load_workbook(catalogue)
    write_sheet(book, "Report", [["Setting", "Value"], *settings])
    book.save(catalogue)
    return catalogue


DISTRICTS = ("North", "South", "East", "West")


def district_series(numerators: tuple, denominators: tuple, months: int = 14) -> tuple[dict, dict]:
    """(numerator by district, denominator by district), the same figure every month."""
    return ({d: [n] * months for d, n in zip(DISTRICTS, numerators, strict=True)},
            {d: [n] * months for d, n in zip(DISTRICTS, denominators, strict=True)})
