"""Reading any input workbook into plain rows of cell values: the one place that parses .xlsx.

Everything else sees a grid from A1 of Python values: None (blank), float, str,
datetime.date/datetime, bool, or one of the two markers below. The grid comes from
python-calamine (fast, no formatting); what calamine cannot tell apart (an error value
and a blank, a formula never calculated and a zero) is read from the sheet's XML.

Every file is judged by the preflight first, and each sheet's XML is measured before
calamine sees it: calamine builds a dense grid as large as the farthest cell, so one
stray cell at XFD1048576 would ask for hundreds of gigabytes. Such a sheet is handed
over with the far cells cut away (and a warning naming them). The reading itself runs
in a worker process (see workers.py).
"""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass, field, replace
from pathlib import Path

from fscxl.model.errors import FscxlError
from fscxl.model.problems import ERROR, WARNING, Problem
from fscxl.read.preflight import check_file

MAX_ROWS = 1_048_576  # Excel's own limits: a reference beyond them is not a real cell
MAX_COLUMNS = 16_384
CELL_BUDGET = 2_000_000  # cells calamine may lay out for one sheet (about 64 MB)
KEPT_COLUMNS = 1_024  # when a sheet is cut down, columns beyond AMJ are dropped first


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

    def __reduce__(self):
        return "FORMULA_WITHOUT_RESULT"  # one marker in every process


FORMULA_WITHOUT_RESULT = _FormulaWithoutResult()


class UnreadableWorkbook(FscxlError):
    """The file cannot be read as a workbook; `found` says what it is instead, `fix` what to do.

    `code` names the check that failed (fscxl.check.codes), for the Problem made from it;
    `detail` is technical (the parser's own error), for --verbose and support only.
    """

    def __init__(self, found: str, fix: str = "", detail: str = "", code: str = "") -> None:
        super().__init__(found, fix, detail, code)
        self.found = found
        self.fix = fix
        self.detail = detail
        self.code = code

    def __str__(self) -> str:
        # reads after "the catalogue ..." / "this file ...", so it starts with a verb
        text = self.found.removeprefix("the file ").removeprefix("the workbook ")
        return f"{text.rstrip('.')}. {self.fix}".strip()


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
    for ch in letters.upper():
        index = index * 26 + (ord(ch) - 64)
    return index - 1


_CELL_REF = re.compile(rb'\sr="([A-Za-z]{1,3})([0-9]{1,7})"')
_ERROR_CELL = re.compile(
    rb'<(?:\w+:)?c\b([^>]*\bt="e"[^>]*)>(?:<(?:\w+:)?f\b[^>]*/>|<(?:\w+:)?f\b[^>]*>[^<]*</(?:\w+:)?f>)?'
    rb'<(?:\w+:)?v>([^<]*)</(?:\w+:)?v>'
)
_FORMULA_NO_VALUE = re.compile(
    rb'<(?:\w+:)?c\b([^>]*)>(?:<(?:\w+:)?f\b[^>]*/>|<(?:\w+:)?f\b[^>]*>[^<]*</(?:\w+:)?f>)'
    rb'(?:<(?:\w+:)?v\s*/>|<(?:\w+:)?v>\s*</(?:\w+:)?v>)?</(?:\w+:)?c>'
)
# A cell with content (not self-closing), and the reference it claims: any letters and
# digits, so that nonsense such as ZZZZ1 or A99999999999 is caught rather than trusted.
_CONTENT_CELL = re.compile(rb'<(?:\w+:)?c\b[^>]*?\sr="([A-Za-z]+)([0-9]+)"[^>]*?(?<!/)>')
_CELL_TAG = re.compile(rb'<(?:\w+:)?c(?=[\s/>])([^>]*?)(/?)>')
_ANY_REF = re.compile(rb'\sr="([A-Za-z]+)([0-9]+)"')
_ROW_REF = re.compile(rb'<(?:\w+:)?row\b[^>]*?\sr="([0-9]+)"')
_ROW_TAG = re.compile(rb'<(?:\w+:)?row\b')
_WHOLE_CELL = re.compile(rb'<(?:\w+:)?c\b[^>]*?(?:/>|>.*?</(?:\w+:)?c>)', re.S)
# Excel, LibreOffice, openpyxl and xlsxwriter all quote attributes with "; a cell or row
# quoted with ' would slip past the scans below, which read only the usual form.
_SINGLE_QUOTED_TAG = re.compile(rb"<(?:\w+:)?(?:c|row)\s[^>]*?=\s*'")
_SINGLE_QUOTE_VALUE = re.compile(rb"=\s*'")  # a quick first look: almost every sheet has none
_DIMENSION = re.compile(rb'<(?:\w+:)?dimension\b[^>]*/>')


@dataclass
class SheetScan:
    """What a sheet's XML says before any parser lays it out."""

    max_row: int = 0  # 1-based, of cells with content
    max_col: int = 0
    specials: dict[tuple[int, int], object] = field(default_factory=dict)
    rows_by_col: dict[int, int] = field(default_factory=dict)  # column -> farthest row using it
    unreferenced: bool = False  # some content cells carry no reference

    @property
    def cells(self) -> int:
        return self.max_row * self.max_col

    @property
    def oversized(self) -> bool:
        return self.max_row > MAX_ROWS or self.max_col > MAX_COLUMNS or self.cells > CELL_BUDGET


_LONG_REF = re.compile(rb' r="(?:[A-Za-z]{3,}|[A-Za-z]+[0-9]{4,})')
_OTHER_SPACES = (b"\n", b"\r", b"\t")
# With no reference of three letters or four digits a sheet spans at most 999 rows by
# 702 columns (ZZ), which is within CELL_BUDGET: calamine may always lay it out.
QUICK_LIMIT = 999 * 702


def _reference_after_other_space(xml: bytes) -> bool:
    """True if some attribute r="..." follows a newline or tab rather than a space."""
    for space in _OTHER_SPACES:
        at = xml.find(space)
        looked = 0
        while at != -1:
            if xml.startswith(b'r="', at + 1):
                return True
            looked += 1
            if looked > 64:  # laid out over many lines: one search is quicker than looking at each
                return space + b'r="' in xml
            at = xml.find(space, at + 1)
    return False


def _clearly_small(xml: bytes) -> bool:
    """True when a few fast scans show the sheet is within QUICK_LIMIT cells.

    Most sheets have under 1,000 rows and under 702 columns (two letters), which needs
    no work per cell to see: no reference has three letters or four digits.
    """
    return not (_LONG_REF.search(xml) or _reference_after_other_space(xml))


# A cell tag that does not open with a reference of at most two letters and three digits.
_ODD_CELL = re.compile(rb'<c(?! r="[A-Za-z]{1,2}[0-9]{1,3}"[\s/>])[\s/>]')
_PREFIXED_TAG = re.compile(rb':[cf]')  # a cell or formula tag with a namespace prefix (or more)


def _every_cell_short(xml: bytes, prefixed: bool) -> bool:
    """True when every cell tag opens with a reference within ZZ999 (one quick scan, for a
    sheet without prefixed tags: `prefixed` comes from the caller's own search).

    Then no cell is unreferenced and the sheet spans at most 999 rows by 702 columns,
    within QUICK_LIMIT. (Calamine places a cell by its reference, and by its row only
    when it has none.) Anything else, prefixed tags included, gets the full scan.
    """
    return not prefixed and not _ODD_CELL.search(xml)


def scan_sheet(xml: bytes) -> SheetScan:
    """Extent of the cells with content, and the cells calamine would misreport."""
    scan = SheetScan()
    prefixed = bool(_PREFIXED_TAG.search(xml))
    scan.specials = _special_cells(xml, prefixed)
    if _every_cell_short(xml, prefixed):
        return scan  # the usual sheet: small enough whatever its exact extent
    if _has_unreferenced_cells(xml):  # positions follow from order: bound them from counts
        scan.unreferenced = True
        row_refs = [int(r) for r in _ROW_REF.findall(xml) if len(r) <= 8]
        content = sum(1 for _, slash in _CELL_TAG.findall(xml) if not slash)
        scan.max_row = len(_ROW_TAG.findall(xml)) + max(row_refs, default=0)
        scan.max_col = content
    elif _clearly_small(xml):
        return scan  # small enough whatever the exact extent: calamine may lay it out
    refs = _CONTENT_CELL.findall(xml)
    for letters in {c for c, _ in refs}:
        col = _column_index(letters.decode()) + 1 if len(letters) <= 4 else MAX_COLUMNS + 1
        scan.max_col = max(scan.max_col, col)
    rows = {r for _, r in refs}
    scan.max_row = max(scan.max_row, max((int(r) if len(r) <= 8 else MAX_ROWS + 1 for r in rows), default=0))
    if scan.oversized and not scan.unreferenced:
        for letters, digits in refs:
            col = _column_index(letters.decode()) + 1 if len(letters) <= 4 else MAX_COLUMNS + 1
            row = int(digits) if len(digits) <= 8 else MAX_ROWS + 1
            if scan.rows_by_col.get(col, 0) < row:
                scan.rows_by_col[col] = row
    return scan


_UNREFERENCED = re.compile(rb'<c(?:>|\s(?!r="))')
_PREFIXED_CELL = re.compile(rb':c[\s/>]')
_ERROR_TYPE = re.compile(rb'"e"')
_FORMULA_TAG = re.compile(rb'<f')
_PREFIXED_FORMULA_TAG = re.compile(rb':f')


def _has_unreferenced_cells(xml: bytes) -> bool:
    """True if some cell has no r="A1" reference (allowed, but rare: then order gives its place)."""
    if _UNREFERENCED.search(xml):
        return any(b'r="' not in attrs for attrs, _ in _CELL_TAG.findall(xml))
    if _PREFIXED_CELL.search(xml):  # cells with a namespace prefix: look at each
        return any(b'r="' not in attrs for attrs, _ in _CELL_TAG.findall(xml))
    return False


def _special_cells(xml: bytes, prefixed: bool) -> dict[tuple[int, int], object]:
    """Cells whose cached value calamine hides: error values and formulas with no result."""
    found: dict[tuple[int, int], object] = {}
    if _ERROR_TYPE.search(xml):  # (a compiled search is quicker than `in` for these)
        for match in _ERROR_CELL.finditer(xml):
            ref = _CELL_REF.search(match.group(1))
            if ref:
                key = (int(ref.group(2)) - 1, _column_index(ref.group(1).decode()))
                found[key] = CellError(match.group(2).decode("utf-8", "replace"))
    if _FORMULA_TAG.search(xml) or (prefixed and _PREFIXED_FORMULA_TAG.search(xml)):
        for match in _FORMULA_NO_VALUE.finditer(xml):
            ref = _CELL_REF.search(match.group(1))
            if ref:
                key = (int(ref.group(2)) - 1, _column_index(ref.group(1).decode()))
                found[key] = FORMULA_WITHOUT_RESULT
    return found


def _bounds(scan: SheetScan) -> tuple[int, int]:
    """(rows, columns) of the block kept from an oversized sheet: near columns first."""
    kept = {col: row for col, row in scan.rows_by_col.items() if col <= KEPT_COLUMNS}
    columns = max(kept, default=1)
    rows = min(max(kept.values(), default=1), MAX_ROWS, CELL_BUDGET // columns)
    return rows, columns


def _cut_down(xml: bytes, rows: int, columns: int) -> bytes:
    """The sheet's XML with every cell beyond the block removed."""
    def keep(match: re.Match) -> bytes:
        ref = _ANY_REF.search(match.group(0), 0, match.group(0).find(b">"))
        if ref is None:
            return match.group(0)
        letters, digits = ref.group(1), ref.group(2)
        if len(letters) > 3 or len(digits) > 7:
            return b""
        inside = _column_index(letters.decode()) < columns and int(digits) <= rows
        return match.group(0) if inside else b""

    return _WHOLE_CELL.sub(keep, _DIMENSION.sub(b"", xml))


def _sheet_parts(workbook_xml: bytes, rels_xml: bytes) -> dict[str, str]:
    """Sheet name -> the XML part holding its cells."""
    from defusedxml import ElementTree

    workbook = ElementTree.fromstring(workbook_xml)
    rels = ElementTree.fromstring(rels_xml)
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


class OpenWorkbook:
    """A preflighted workbook open in calamine, each sheet measured and bounded.

    Only for use inside a worker process: calamine may abort on what no check foresaw.
    """

    def __init__(self, path: Path) -> None:
        verdict = check_file(path, keep_sheets=True)
        errors = [f for f in verdict.findings if f.is_error]
        if errors:
            raise UnreadableWorkbook(errors[0].found, errors[0].fix, code=errors[0].code)
        self.findings: list[Problem] = list(verdict.findings)  # no workbook named yet
        self._parts = verdict.parts
        self.scans: dict[str, SheetScan] = {}
        try:
            self._open(path)
        except UnreadableWorkbook:
            raise
        except Exception as exc:  # calamine and zip errors come in many types
            raise UnreadableWorkbook(
                "the workbook could not be read",
                RESAVE_FIX, f"{type(exc).__name__}: {exc}", code="FILE07") from exc

    def _open(self, path: Path) -> None:
        """Measure every sheet from the parts the preflight kept; open the zip again only if needed."""
        import python_calamine

        archive: zipfile.ZipFile | None = None

        def part_bytes(part: str) -> bytes | None:
            nonlocal archive
            kept = self._parts.pop(part, None)
            if kept is not None:
                return kept
            if archive is None:
                archive = zipfile.ZipFile(path)
            return archive.read(part) if part in archive.NameToInfo else None

        cut: dict[str, bytes] = {}
        try:
            workbook_xml = part_bytes("xl/workbook.xml")
            rels_xml = part_bytes("xl/_rels/workbook.xml.rels")
            if workbook_xml is None or rels_xml is None:
                raise UnreadableWorkbook(
                    "the workbook has no list of its sheets, so it is damaged or incomplete",
                    RESAVE_FIX, code="FILE06")
            for name, part in _sheet_parts(workbook_xml, rels_xml).items():
                xml = part_bytes(part)
                if xml is None:
                    continue
                if _SINGLE_QUOTE_VALUE.search(xml) and _SINGLE_QUOTED_TAG.search(xml):
                    raise UnreadableWorkbook(
                        f"sheet '{name}' is stored in a form Excel never writes (its cells' "
                        "attributes are in single quotes), so it cannot be checked safely",
                        "Open the workbook in Excel and save it again as an 'Excel Workbook (.xlsx)'.",
                        code="FILE10")
                scan = scan_sheet(xml)
                if scan.oversized:
                    if archive is None:
                        archive = zipfile.ZipFile(path)
                    cut[part] = self._bound(name, part, scan, xml)
                self.scans[name] = scan
            if cut:
                copy = io.BytesIO()
                with zipfile.ZipFile(copy, "w", zipfile.ZIP_STORED) as out:
                    for info in archive.infolist():
                        out.writestr(info.filename, cut.get(info.filename) or archive.read(info))
                copy.seek(0)
                self.book = python_calamine.CalamineWorkbook.from_filelike(copy)
                return
        finally:
            self._parts.clear()
            if archive is not None:
                archive.close()
        self.book = python_calamine.CalamineWorkbook.from_path(str(path))

    def _bound(self, name: str, part: str, scan: SheetScan, xml: bytes) -> bytes:
        if scan.unreferenced:
            raise UnreadableWorkbook(
                f"sheet '{name}' is laid out too large to read safely (about {scan.max_row:,} rows "
                f"by {scan.max_col:,} columns)",
                "Delete the unused rows and columns below and to the right of the table, and save it.",
                code="FILE11")
        rows, columns = _bounds(scan)
        far = cell_ref(min(scan.max_row, MAX_ROWS) - 1, min(scan.max_col, MAX_COLUMNS) - 1)
        self.findings.append(Problem(
            WARNING, found=f"sheet '{name}' has cells as far out as {far}, far beyond its table, so only "
            f"A1:{cell_ref(rows - 1, columns - 1)} was read",
            fix="If those far cells hold nothing you need, select the empty rows and columns beyond "
            "the table, delete them, and save.", code="FILE12"))
        scan.specials = {k: v for k, v in scan.specials.items() if k[0] < rows and k[1] < columns}
        scan.max_row, scan.max_col = rows, columns
        return _cut_down(xml, rows, columns)

    def sheets(self) -> list[tuple[str, bool]]:
        """(name, visible) of every worksheet, in workbook order (chart sheets are skipped)."""
        from python_calamine import SheetTypeEnum, SheetVisibleEnum

        return [(meta.name, meta.visible == SheetVisibleEnum.Visible)
                for meta in self.book.sheets_metadata
                if meta.typ == SheetTypeEnum.WorkSheet]

    def grid(self, name: str) -> list[list]:
        """The sheet's cells from A1, as calamine gives them ('' for blank), markers applied.

        The rows all have the same length.
        """
        grid = self.book.get_sheet_by_name(name).to_python(skip_empty_area=False)
        specials = self.scans.get(name, SheetScan()).specials
        if specials:
            height = max(len(grid), max(r for r, _ in specials) + 1)
            width = max(len(grid[0]) if grid else 0, max(c for _, c in specials) + 1)
            if width > (len(grid[0]) if grid else 0):
                grid = [row + [""] * (width - len(row)) for row in grid]
            grid.extend([""] * width for _ in range(height - len(grid)))
            for (r, c), marker in specials.items():
                grid[r][c] = marker
        return grid

    def problems(self, label: str) -> list[Problem]:
        """What the preflight and the bounds found, naming this workbook."""
        return [replace(problem, workbook=label) for problem in self.findings]

    def close(self) -> None:
        self.book.close()


def _clean(value):
    if isinstance(value, str):
        return value if value.strip() else None
    return value


@dataclass
class SheetsRead:
    """A workbook's sheets as read (None when it could not be read) and the problems found."""

    sheets: list[Sheet] | None
    problems: list[Problem] = field(default_factory=list)


def read_sheets(item: tuple[Path, str, str, bool]) -> SheetsRead:
    """Every worksheet of one workbook as a grid of clean values; never raises for its content.

    `item` is (path, label, noun, include_hidden): the label names the workbook in messages
    and the noun ("the catalogue") starts the sentence when it cannot be read at all. Run it
    in a worker process (fscxl.app.workers): the parser is native code and may abort.
    """
    path, label, noun, include_hidden = item
    try:
        book = OpenWorkbook(path)
    except UnreadableWorkbook as exc:
        return SheetsRead(None, [Problem(ERROR, label, found=f"{noun} {exc}", detail=exc.detail,
                                         code=exc.code)])
    try:
        sheets = []
        for name, visible in book.sheets():
            if not visible and not include_hidden:
                sheets.append(Sheet(name, visible))
                continue
            sheets.append(Sheet(name, visible, [[_clean(v) for v in row] for row in book.grid(name)]))
    except Exception as exc:  # a sheet calamine cannot lay out: the file, not the run, fails
        return SheetsRead(None, [Problem(ERROR, label, found=f"{noun} could not be read",
                                         fix=RESAVE_FIX, detail=f"{type(exc).__name__}: {exc}",
                                         code="FILE07")])
    finally:
        book.close()
    return SheetsRead(sheets, book.problems(label))


RESAVE_FIX = "Open it in Excel, check it, and save it again as an 'Excel Workbook (.xlsx)'."
