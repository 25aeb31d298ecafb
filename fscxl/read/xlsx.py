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
import posixpath
import zipfile
from dataclasses import dataclass, field, replace
from pathlib import Path

from fscxl.model.errors import FscxlError
from fscxl.model.problems import ERROR, WARNING, Problem
from fscxl.read.preflight import check_file
from fscxl.read.xmlscan import (  # the two markers are re-exported for the readers
    FORMULA_WITHOUT_RESULT as FORMULA_WITHOUT_RESULT,
)
from fscxl.read.xmlscan import (
    MAX_COLUMNS,
    MAX_ROWS,
    SheetScan,
    as_utf8,
    bounds,
    cut_down,
    part_name,
    relationships_part,
    repair_sheet,
    repair_workbook,
    scan_sheet,
    single_quoted_cells,
)
from fscxl.read.xmlscan import CellError as CellError


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
class Grid:
    """A sheet as read: its name, whether officers can see it, and its cell values row by row."""

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


def _repaired_copy(archive: zipfile.ZipFile, replaced: dict[str, bytes]) -> io.BytesIO:
    """The package again, in memory: names with forward slashes, XML in UTF-8, parts replaced."""
    copy = io.BytesIO()
    with zipfile.ZipFile(copy, "w", zipfile.ZIP_STORED) as out:
        for info in archive.infolist():
            name = part_name(info.filename)
            data = replaced.get(name)
            if data is None:
                data = archive.read(info)
                if name.lower().endswith((".xml", ".rels")):
                    data = as_utf8(data)
            out.writestr(name, data)
    copy.seek(0)
    return copy


def _sheet_parts(workbook_xml: bytes, rels_xml: bytes, workbook_part: str) -> dict[str, str]:
    """Sheet name -> the XML part holding its cells (targets are relative to the workbook's folder)."""
    from defusedxml import ElementTree

    workbook = ElementTree.fromstring(workbook_xml)
    rels = ElementTree.fromstring(rels_xml)
    targets = {}
    for rel in rels:
        target = rel.get("Target", "")
        folder = posixpath.dirname(workbook_part)
        target = part_name(target)
        target = target.lstrip("/") if target.startswith("/") else posixpath.normpath(
            posixpath.join(folder, target))
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
        self._rewrite = verdict.rewrite  # parts named or encoded in a form calamine refuses
        self._workbook_part = verdict.workbook_part
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
        """Measure every sheet from the parts the preflight kept; open the zip again only if needed.

        Calamine is handed the file itself, or, when a sheet had to be cut down or the
        package holds forms it refuses (see xmlscan: backslash names, UTF-16 parts,
        whole-row merges, module sheets without a part), a repaired copy made in memory.
        """
        import python_calamine

        archive: zipfile.ZipFile | None = None
        entries: dict[str, zipfile.ZipInfo] = {}

        def open_archive() -> zipfile.ZipFile:
            nonlocal archive
            if archive is None:
                archive = zipfile.ZipFile(path)
                entries.update((part_name(info.filename), info) for info in archive.infolist())
            return archive

        def part_bytes(part: str) -> bytes | None:
            kept = self._parts.pop(part, None)
            if kept is not None:
                return kept
            open_archive()
            return as_utf8(archive.read(entries[part])) if part in entries else None

        replaced: dict[str, bytes] = {}
        try:
            workbook_xml = part_bytes(self._workbook_part)
            rels_xml = part_bytes(relationships_part(self._workbook_part))
            if workbook_xml is None or rels_xml is None:
                raise UnreadableWorkbook(
                    "the workbook has no list of its sheets, so it is damaged or incomplete",
                    RESAVE_FIX, code="FILE06")
            repaired = repair_workbook(workbook_xml)
            if repaired is not workbook_xml:
                replaced[self._workbook_part] = repaired
            for name, part in _sheet_parts(workbook_xml, rels_xml, self._workbook_part).items():
                xml = part_bytes(part)
                if xml is None:
                    continue
                if single_quoted_cells(xml):
                    raise UnreadableWorkbook(
                        f"sheet '{name}' is stored in a form Excel never writes (its cells' "
                        "attributes are in single quotes), so it cannot be checked safely",
                        "Open the workbook in Excel and save it again as an 'Excel Workbook (.xlsx)'.",
                        code="FILE10")
                repaired = repair_sheet(xml)
                if repaired is not xml:
                    xml = replaced[part] = repaired
                scan = scan_sheet(xml)
                if scan.oversized:
                    replaced[part] = self._bound(name, part, scan, xml)
                self.scans[name] = scan
            if replaced or self._rewrite:
                self.book = python_calamine.CalamineWorkbook.from_filelike(
                    _repaired_copy(open_archive(), replaced))
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
        rows, columns = bounds(scan)
        far = cell_ref(min(scan.max_row, MAX_ROWS) - 1, min(scan.max_col, MAX_COLUMNS) - 1)
        self.findings.append(Problem(
            WARNING, found=f"sheet '{name}' has cells as far out as {far}, far beyond its table, so only "
            f"A1:{cell_ref(rows - 1, columns - 1)} was read",
            fix="If those far cells hold nothing you need, select the empty rows and columns beyond "
            "the table, delete them, and save.", code="FILE12"))
        scan.specials = {k: v for k, v in scan.specials.items() if k[0] < rows and k[1] < columns}
        scan.max_row, scan.max_col = rows, columns
        return cut_down(xml, rows, columns)

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


def _clean_row(row: list) -> list:
    """Blank or whitespace-only text as None, every other value as calamine gives it.

    One comprehension per row rather than a function call per cell: a district return
    holds thousands of cells, and reading the benchmark's 120 district returns took 5.3 ms
    a workbook with the call per cell, 4.8 ms this way.
    """
    return [None if value.__class__ is str and not value.strip() else value for value in row]


@dataclass
class SheetsRead:
    """A workbook's sheets as read (None when it could not be read) and the problems found."""

    sheets: list[Grid] | None
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
                sheets.append(Grid(name, visible))
                continue
            sheets.append(Grid(name, visible, [_clean_row(row) for row in book.grid(name)]))
    except Exception as exc:  # a sheet calamine cannot lay out: the file, not the run, fails
        return SheetsRead(None, [Problem(ERROR, label, found=f"{noun} could not be read",
                                         fix=RESAVE_FIX, detail=f"{type(exc).__name__}: {exc}",
                                         code="FILE07")])
    finally:
        book.close()
    return SheetsRead(sheets, book.problems(label))


RESAVE_FIX = "Open it in Excel, check it, and save it again as an 'Excel Workbook (.xlsx)'."
