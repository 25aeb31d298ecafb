"""Reading any input workbook into plain rows of cell values: the one place that parses .xlsx.

Everything else sees a grid from A1 of Python values: None (blank), float, str,
datetime.date/datetime, bool, or one of the two markers below. The grid comes from
python-calamine (fast, no formatting); what calamine cannot tell apart (an error value
and a blank, a formula never calculated and a zero) is read from the sheet's XML.
"""

from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from fscxl.errors import FscxlError


@dataclass(frozen=True)
class CellError:
    """An Excel error value such as #DIV/0! or #N/A."""

    code: str

    def __str__(self) -> str:
        return self.code


class _FormulaWithoutResult:
    """A formula saved without a calculated value (e.g. written by a script, never opened)."""

    _instance = None

    def __new__(cls):
        if cls._instance is None:
            cls._instance = super().__new__(cls)
        return cls._instance

    def __repr__(self) -> str:
        return "FORMULA_WITHOUT_RESULT"


FORMULA_WITHOUT_RESULT = _FormulaWithoutResult()


class UnreadableWorkbook(FscxlError):
    """The file cannot be read as a workbook; the message says what it looks like instead."""


@dataclass
class Sheet:
    name: str
    visible: bool
    rows: list[list] = field(default_factory=list)

    def value(self, row: int, col: int):
        if row < len(self.rows) and col < len(self.rows[row]):
            return self.rows[row][col]
        return None


def column_letter(col: int) -> str:
    """0 -> 'A', 25 -> 'Z', 26 -> 'AA'."""
    letters = ""
    col += 1
    while col:
        col, rem = divmod(col - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


def cell_ref(row: int, col: int) -> str:
    """Zero-based row and column -> 'D14'."""
    return f"{column_letter(col)}{row + 1}"


def _column_index(letters: str) -> int:
    index = 0
    for ch in letters:
        index = index * 26 + (ord(ch) - 64)
    return index - 1


_CELL_REF = re.compile(rb'\br="([A-Z]{1,3})([0-9]{1,7})"')
_ERROR_CELL = re.compile(
    rb'<c\b([^>]*\bt="e"[^>]*)>(?:<f\b[^>]*/>|<f\b[^>]*>[^<]*</f>)?<v>([^<]*)</v>'
)
_FORMULA_NO_VALUE = re.compile(
    rb'<c\b([^>]*)>(?:<f\b[^>]*/>|<f\b[^>]*>[^<]*</f>)(?:<v\s*/>|<v>\s*</v>)?</c>'
)


def _sheet_parts(archive: zipfile.ZipFile) -> dict[str, str]:
    """Sheet name -> the XML part holding its cells."""
    from defusedxml import ElementTree

    workbook = ElementTree.fromstring(archive.read("xl/workbook.xml"))
    rels = ElementTree.fromstring(archive.read("xl/_rels/workbook.xml.rels"))
    targets = {}
    for rel in rels:
        target = rel.get("Target", "")
        target = target.lstrip("/") if target.startswith("/") else "xl/" + target
        targets[rel.get("Id")] = target
    parts = {}
    for element in workbook.iter():
        if element.tag.endswith("}sheet"):
            rid = next((v for k, v in element.attrib.items() if k.endswith("}id")), None)
            if rid in targets:
                parts[element.get("name")] = targets[rid]
    return parts


def _special_cells(xml: bytes) -> dict[tuple[int, int], object]:
    """Cells whose cached value calamine hides: error values and formulas with no result."""
    found: dict[tuple[int, int], object] = {}
    if b'"e"' in xml:
        for match in _ERROR_CELL.finditer(xml):
            ref = _CELL_REF.search(match.group(1))
            if ref:
                key = (int(ref.group(2)) - 1, _column_index(ref.group(1).decode()))
                found[key] = CellError(match.group(2).decode("utf-8", "replace"))
    if b"<f" in xml:
        for match in _FORMULA_NO_VALUE.finditer(xml):
            ref = _CELL_REF.search(match.group(1))
            if ref:
                key = (int(ref.group(2)) - 1, _column_index(ref.group(1).decode()))
                found[key] = FORMULA_WITHOUT_RESULT
    return found


def _clean(value):
    if isinstance(value, str):
        return value if value.strip() else None
    return value


def read_workbook(path: Path, *, include_hidden: bool = True) -> list[Sheet]:
    """Every worksheet of the workbook at `path`, as grids of values from A1."""
    import python_calamine

    try:
        book = python_calamine.CalamineWorkbook.from_path(str(path))
    except Exception as exc:  # calamine raises its own error types for each format fault
        raise UnreadableWorkbook(
            f"cannot be opened as an Excel workbook ({exc}). "
            "Open it in Excel and save it again as an Excel Workbook (.xlsx)."
        ) from exc
    try:
        with zipfile.ZipFile(path) as archive:
            parts = _sheet_parts(archive)
            raw = {name: archive.read(part) for name, part in parts.items()
                   if part in archive.namelist()}
    except (zipfile.BadZipFile, KeyError, OSError) as exc:
        raise UnreadableWorkbook(
            f"is not a complete Excel workbook ({exc}). Save it again from Excel."
        ) from exc

    sheets = []
    for meta in book.sheets_metadata:
        if str(meta.typ) not in ("SheetTypeEnum.WorkSheet",):
            continue
        visible = str(meta.visible) == "SheetVisibleEnum.Visible"
        if not visible and not include_hidden:
            sheets.append(Sheet(meta.name, visible))
            continue
        grid = book.get_sheet_by_name(meta.name).to_python(skip_empty_area=False)
        rows = [[_clean(v) for v in row] for row in grid]
        for (r, c), marker in _special_cells(raw.get(meta.name, b"")).items():
            while len(rows) <= r:
                rows.append([])
            if len(rows[r]) <= c:
                rows[r].extend([None] * (c + 1 - len(rows[r])))
            rows[r][c] = marker
        sheets.append(Sheet(meta.name, visible, rows))
    book.close()
    return sheets
