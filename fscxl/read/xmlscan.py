"""fscxl's own reading of workbook XML without a parser: every scan, with its reason.

The parsers behind fscxl (python-calamine, defusedxml) see a workbook only after the
scans here: the preflight uses them to judge each part as it streams it (declarations,
the shared-strings claim), and the reader to measure each sheet before calamine lays it
out, to find what calamine hides (error values, formulas never calculated), and to
repair forms that real programs save but calamine refuses. Keeping them in one module
means one place says which forms of XML fscxl accepts, and why.

The scans use regular expressions on bytes, not a parser: they must be quick on 100 MB
sheets, must not expand anything, and must not care which namespace prefix (or which
namespace: transitional or Strict Open XML) a producer chose.
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass, field

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


def column_index(letters: str) -> int:
    """'A' -> 0, 'AA' -> 26."""
    index = 0
    for ch in letters.upper():
        index = index * 26 + (ord(ch) - 64)
    return index - 1


_CELL_REF = re.compile(rb'\sr="([A-Za-z]{1,3})([0-9]{1,7})"')
_ERROR_CELL = re.compile(
    rb'<(?:\w+:)?c\b([^>]*\bt="e"[^>]*)>(?:<(?:\w+:)?f\b[^>]*/>|<(?:\w+:)?f\b[^>]*>[^<]*</(?:\w+:)?f>)?'
    rb'<(?:\w+:)?v>([^<]*)</(?:\w+:)?v>'
)
# A formula cell with no value, or an empty one (group 2 holds the empty <v> if present).
# Without <v> the formula was never calculated: an error, since the figure is unknown.
# An empty <v> is a calculated empty text, as Excel and LibreOffice save =IF(X="","",X)
# (t="str", <v></v> or <v/>) and xlsxwriter writes value="" (<v></v>): a blank cell, as
# the officer sees it. But openpyxl writes every formula it never calculated as <v />
# with no type, so an untyped self-closing <v/> still counts as no result.
_FORMULA_NO_VALUE = re.compile(
    rb'<(?:\w+:)?c\b([^>]*)>(?:<(?:\w+:)?f\b[^>]*/>|<(?:\w+:)?f\b[^>]*>[^<]*</(?:\w+:)?f>)'
    rb'(<(?:\w+:)?v\s*/>|<(?:\w+:)?v>\s*</(?:\w+:)?v>)?</(?:\w+:)?c>'
)
_TEXT_TYPE = re.compile(rb'\bt="str"')


def _empty_text(attributes: bytes, value: bytes | None) -> bool:
    """True if a formula's saved value is empty text (see _FORMULA_NO_VALUE)."""
    if not value:
        return False
    return bool(_TEXT_TYPE.search(attributes)) or not value.rstrip().endswith(b"/>")

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


def single_quoted_cells(xml: bytes) -> bool:
    """True if a cell or row quotes its attributes with ' (only a crafted file does)."""
    return bool(_SINGLE_QUOTE_VALUE.search(xml) and _SINGLE_QUOTED_TAG.search(xml))
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
        scan.max_row = len(_ROW_TAG.findall(xml)) + max(row_refs, default=0)
    elif _clearly_small(xml):
        return scan  # small enough whatever the exact extent: calamine may lay it out
    refs = _CONTENT_CELL.findall(xml)
    for letters in {c for c, _ in refs}:
        col = column_index(letters.decode()) + 1 if len(letters) <= 4 else MAX_COLUMNS + 1
        scan.max_col = max(scan.max_col, col)
    if scan.unreferenced:
        # a cell without a reference takes the column after the one before it, so no row
        # reaches beyond the farthest reference plus the number of cells in that row
        scan.max_col += _most_cells_in_a_row(xml)
    rows = {r for _, r in refs}
    scan.max_row = max(scan.max_row, max((int(r) if len(r) <= 8 else MAX_ROWS + 1 for r in rows), default=0))
    if scan.oversized and not scan.unreferenced:
        for letters, digits in refs:
            col = column_index(letters.decode()) + 1 if len(letters) <= 4 else MAX_COLUMNS + 1
            row = int(digits) if len(digits) <= 8 else MAX_ROWS + 1
            if scan.rows_by_col.get(col, 0) < row:
                scan.rows_by_col[col] = row
    return scan


_UNREFERENCED = re.compile(rb'<c(?:>|\s(?!r="))')
_PREFIXED_CELL = re.compile(rb':c[\s/>]')
_ERROR_TYPE = re.compile(rb'"e"')
_FORMULA_TAG = re.compile(rb'<f')
_PREFIXED_FORMULA_TAG = re.compile(rb':f')


def _most_cells_in_a_row(xml: bytes) -> int:
    return max((sum(1 for _, slash in _CELL_TAG.findall(row) if not slash) for row in _ROW_TAG.split(xml)),
               default=0)


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
                key = (int(ref.group(2)) - 1, column_index(ref.group(1).decode()))
                found[key] = CellError(match.group(2).decode("utf-8", "replace"))
    if _FORMULA_TAG.search(xml) or (prefixed and _PREFIXED_FORMULA_TAG.search(xml)):
        for match in _FORMULA_NO_VALUE.finditer(xml):
            if _empty_text(match.group(1), match.group(2)):
                continue  # a blank, as calamine already reports it
            ref = _CELL_REF.search(match.group(1))
            if ref:
                key = (int(ref.group(2)) - 1, column_index(ref.group(1).decode()))
                found[key] = FORMULA_WITHOUT_RESULT
    return found


def bounds(scan: SheetScan) -> tuple[int, int]:
    """(rows, columns) of the block kept from an oversized sheet: near columns first."""
    kept = {col: row for col, row in scan.rows_by_col.items() if col <= KEPT_COLUMNS}
    columns = max(kept, default=1)
    rows = min(max(kept.values(), default=1), MAX_ROWS, CELL_BUDGET // columns)
    return rows, columns


def cut_down(xml: bytes, rows: int, columns: int) -> bytes:
    """The sheet's XML with every cell beyond the block removed."""
    def keep(match: re.Match) -> bytes:
        ref = _ANY_REF.search(match.group(0), 0, match.group(0).find(b">"))
        if ref is None:
            return match.group(0)
        letters, digits = ref.group(1), ref.group(2)
        if len(letters) > 3 or len(digits) > 7:
            return b""
        inside = column_index(letters.decode()) < columns and int(digits) <= rows
        return match.group(0) if inside else b""

    return _WHOLE_CELL.sub(keep, _DIMENSION.sub(b"", xml))




# -- the parts of the package --------------------------------------------------------------

def part_name(name: str) -> str:
    """A zip entry's name as the package means it: some exporters write `xl\\workbook.xml`.

    Excel opens such files and calamine reads them, so the preflight and the reader look
    parts up by this form.
    """
    return name.replace("\\", "/")


# -- declarations and claims the preflight looks for as it streams each part ---------------

_DECLARATIONS = (b"<!DOCTYPE", b"<!ENTITY")
_DECLARATION = re.compile(rb"<!(?:DOCTYPE|ENTITY)")  # a compiled search: quicker than `in` on big parts
_DECLARATIONS_UTF16 = tuple(d.decode().encode(codec) for d in _DECLARATIONS
                            for codec in ("utf-16-le", "utf-16-be"))
DECLARATION_OVERLAP = 24  # bytes kept between chunks, so a declaration split across two is seen


def is_wide(head: bytes) -> bool:
    """True if an XML part starts as UTF-16 (a byte-order mark, or NULs among its first bytes).

    Excel Mobile saves parts so; calamine refuses them, so the reader recodes them.
    """
    return head[:2] in (b"\xff\xfe", b"\xfe\xff") or b"\x00" in head[:64]


def declares_doctype(window: bytes, wide: bool) -> bool:
    """True if the text declares a document type or entity, in UTF-8 or (when `wide`) UTF-16.

    Excel never writes one; in a workbook it can only be there to make an XML parser
    expand entities (the "billion laughs") or fetch files.
    """
    return bool(_DECLARATION.search(window)) or (wide and any(m in window for m in _DECLARATIONS_UTF16))


_SST_UNIQUE = re.compile(rb'<(?:\w+:)?sst\b[^>]*?\buniqueCount="(\d+)"')


def shared_strings_claim(xml_head: bytes, part_size: int) -> bool:
    """True if the shared-strings part claims more strings than it could hold.

    A reader sizes its table from that claim, so a false one can exhaust memory.
    """
    match = _SST_UNIQUE.search(xml_head)
    return bool(match) and int(match.group(1)) > part_size // 5 + 1


# -- forms real programs save that calamine refuses: repaired before it sees them ----------

_ENCODING = re.compile(rb'(<\?xml[^>]*?encoding=)(["\'])[^"\']*\2')


def as_utf8(xml: bytes) -> bytes:
    """A UTF-16 part recoded as UTF-8 (its declaration too); any other part as it is."""
    if not is_wide(xml):
        return xml
    if xml[:2] in (b"\xff\xfe", b"\xfe\xff"):
        text = xml.decode("utf-16")
    else:  # no byte-order mark: '<' then NUL is little-endian
        text = xml.decode("utf-16-le" if xml[:1] != b"\x00" else "utf-16-be")
    return _ENCODING.sub(rb'\1"UTF-8"', text.encode("utf-8"), count=1)


# A merge of whole rows (1:1) or whole columns (A:A): Excel writes them for a title merged
# across a row; calamine wants both a column and a row on each side.
_LINE_MERGE = re.compile(rb'(<(?:\w+:)?mergeCell\b[^>]*?\bref=")([A-Za-z]*)([0-9]*):([A-Za-z]*)([0-9]*)"')
# A dimension that names rows only (LibreOffice 5 wrote `1:4`): only a hint, so dropped.
_LINE_DIMENSION = re.compile(rb'<(?:\w+:)?dimension\b[^>]*?\bref="(?:[0-9]+:[0-9]+|[A-Za-z]+:[A-Za-z]+)"[^>]*/>')
_LAST_COLUMN = b"XFD"
_LAST_ROW = b"1048576"


def _whole_line(match: re.Match) -> bytes:
    start, c1, r1, c2, r2 = match.groups()
    if c1 and r1 and c2 and r2:
        return match.group(0)
    first = (c1 or b"A") + (r1 or b"1")
    last = (c2 or _LAST_COLUMN) + (r2 or _LAST_ROW)
    return start + first + b":" + last + b'"'


def repair_sheet(xml: bytes) -> bytes:
    """The sheet with whole-row and whole-column merges spelt as cell ranges and a rows-only
    dimension dropped; the same object when there was nothing to repair."""
    # Merges follow the cells and the dimension precedes them: only those stretches are
    # searched, so a 30 MB sheet costs milliseconds, not a regular-expression pass.
    fixed = xml
    merges = fixed.find(b"mergeCell", max(0, fixed.rfind(b"sheetData>")))
    if merges != -1:
        merges = fixed.rfind(b"<", 0, merges)
        tail = _LINE_MERGE.sub(_whole_line, fixed[merges:])
        if tail != fixed[merges:]:
            fixed = fixed[:merges] + tail
    head = fixed[:4096]
    if b"dimension" in head:
        repaired = _LINE_DIMENSION.sub(b"", head, count=1)
        if repaired != head:
            fixed = repaired + fixed[4096:]
    return fixed


# A sheet entry with an empty relationship id: an Excel 5 module sheet (old macros) that
# has no part of its own. Calamine stops at it; it holds no cells, so it is left out.
_EMPTY_ID_SHEET = re.compile(rb'<(?:\w+:)?sheet\b[^>]*?\s\w+:id=""[^>]*?/>')


def repair_workbook(xml: bytes) -> bytes:
    """The workbook part without sheets that have no part; the same object when none."""
    fixed = _EMPTY_ID_SHEET.sub(b"", xml) if b':id=""' in xml else xml
    return xml if fixed == xml else fixed


# -- where the workbook part is ---------------------------------------------------------------

DEFAULT_WORKBOOK_PART = "xl/workbook.xml"
_MAIN_DOCUMENT = re.compile(
    rb'<(?:\w+:)?Relationship\b(?=[^>]*\bType="[^"]*/officeDocument")[^>]*?\bTarget="([^"]+)"')


def workbook_part(package_rels: bytes | None) -> str:
    """The workbook part the package's own relationships name (`_rels/.rels`).

    Excel always puts it at xl/workbook.xml, but the package format lets a writer put it
    anywhere (e.g. workbook.xml at the top, or wtf/workbook.xml), and Excel and calamine
    follow the relationship; so does fscxl.
    """
    match = _MAIN_DOCUMENT.search(package_rels or b"")
    if not match:
        return DEFAULT_WORKBOOK_PART
    return posixpath.normpath(part_name(match.group(1).decode("utf-8", "replace")).lstrip("/"))


def relationships_part(part: str) -> str:
    """'xl/workbook.xml' -> 'xl/_rels/workbook.xml.rels' (where a part's relationships are)."""
    folder, _, name = part.rpartition("/")
    return f"{folder}/_rels/{name}.rels" if folder else f"_rels/{name}.rels"
