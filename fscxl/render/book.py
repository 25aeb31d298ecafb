"""A careful wrapper around xlsxwriter: text stays text, and no failure passes silently.

xlsxwriter reports many failures (a row out of range, a string too long, a bad range)
as negative return codes rather than exceptions; every call here checks the code and
raises OutputError, so a half-drawn workbook is never taken for a good one.
"""

from __future__ import annotations

import math
import re
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

import xlsxwriter
from xlsxwriter.utility import xl_rowcol_to_cell

from fscxl.model.errors import ContentRefused, OutputError
from fscxl.model.records import ReportSettings
from fscxl.render import theme

SAFE_OPTIONS = {"strings_to_formulas": False, "strings_to_urls": False, "strings_to_numbers": False,
                "nan_inf_to_errors": False}
SHEET_NAME_LIMIT = 31
_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")


def safe_sheet_name(text: str, taken: Iterable[str] = ()) -> str:
    """A sheet name Excel accepts: no []:*?/\\, at most 31 characters, unique (ignoring case)."""
    name = _FORBIDDEN.sub("-", text).strip().strip("'") or "Sheet"
    name = name[:SHEET_NAME_LIMIT].strip()
    used = {t.lower() for t in taken}
    candidate, number = name, 2
    while candidate.lower() in used:
        suffix = f" ({number})"
        candidate = name[:SHEET_NAME_LIMIT - len(suffix)].rstrip() + suffix
        number += 1
    return candidate


_REFUSALS = {-1: "it falls outside the sheet (more rows or columns than Excel allows)",
             -2: "the text is longer than the 32,767 characters an Excel cell holds; shorten it "
                 "in the input it comes from",
             -3: "a link is longer than Excel allows", -4: "the sheet has more links than Excel allows"}


def check(code, what: str) -> None:
    """Raise on xlsxwriter's negative return codes (-1 range, -2 string too long, ...)."""
    if isinstance(code, int) and code < 0:
        raise ContentRefused(f"could not write {what}: {_REFUSALS.get(code, 'the workbook writer refused it')}")


def print_pages(ws, *, paper: str, footer: str, header_rows: tuple[int, int] | None,
                freeze: tuple[int, int] | None = None, fit_width: bool = True) -> None:
    """The print set-up every printed sheet shares: landscape, narrow margins, one page
    wide, headings repeated on each page, no gridlines, and the given footer."""
    name = ws.get_name()
    ws.set_landscape()
    ws.set_paper(PAPERS.get(paper, PAPERS["A4"])[1])
    ws.set_margins(left=theme.SIDE_MARGIN, right=theme.SIDE_MARGIN, top=0.5, bottom=0.6)
    if fit_width:
        ws.fit_to_pages(1, 0)
    if header_rows is not None:
        check(ws.repeat_rows(*header_rows), f"print titles of {name}")
    ws.set_footer(footer, {"margin": 0.3})
    ws.hide_gridlines(2)
    if freeze is not None:
        ws.freeze_panes(*freeze)


def footer_text(text: str) -> str:
    """Text for a header/footer: '&' is a control character there, so it is doubled."""
    return text.replace("&", "&&")


def wrapped_lines(text: str, chars_per_line: int) -> int:
    """How many lines a cell's text takes when wrapped at word boundaries."""
    lines = 0
    for paragraph in text.split("\n"):
        lines += 1
        used = 0
        for word in paragraph.split():
            length = len(word)
            if used and used + 1 + length > chars_per_line:
                lines += 1
                used = 0
            while length > chars_per_line:  # a word longer than the line breaks anywhere
                lines += 1
                length -= chars_per_line
            used += length + (1 if used else 0)
    return lines


def text_height(text: str, width_chars: float, minimum_lines: int = 1,
                chars_per_unit: float = 1.3) -> float:
    """Row height (points) for wrapped text: LibreOffice does not grow rows by itself.

    A column width counts Calibri 11 digits; 10 pt prose fits about 1.3 characters each
    (a safe figure for wide letters).
    """
    lines = wrapped_lines(text or "", max(int(width_chars * chars_per_unit), 10))
    return min(409.0, max(lines, minimum_lines) * theme.LINE_HEIGHT + 4)


# Landscape pages (width, height in points) and xlsxwriter's paper codes.
PAPERS = {"A4": ((841.9, 595.3), 9), "A3": ((1190.6, 841.9), 8)}
READABLE_SCALE = 0.90  # below this, 10 pt figures print smaller than 9 pt


def printable(paper: str = "A4") -> tuple[float, float]:
    """(points high, pixels wide) of a landscape page less the margins."""
    (width, height), _ = PAPERS.get(paper, PAPERS["A4"])
    return height - (0.5 + 0.6) * 72, (width - 2 * theme.SIDE_MARGIN * 72) * 96 / 72


def sheet_pixels(widths: list[float]) -> float:
    """The on-screen width of columns: Calibri 11 digits of about 7.5 pixels, plus 5 of padding."""
    return sum(width * 7.5 + 5 for width in widths)


def print_scale(widths: list[float], paper: str = "A4") -> float:
    """The scale a sheet prints at when fitted to one page wide (whole per cent, as printed)."""
    return min(100, int(printable(paper)[1] / sheet_pixels(widths) * 100)) / 100


def page_points(widths: list[float], spare: float = 0.97, paper: str = "A4") -> float:
    """How many points of rows fit on one printed page of a sheet fitted to its width."""
    return printable(paper)[0] / print_scale(widths, paper) * spare


def page_breaks(heights: list[tuple[int, float]], first_page_used: float, repeated: float,
                capacity: float, headings: set[int] = frozenset(), keep: int = 2) -> list[int]:
    """Rows to start new pages at, so no page overflows and no heading is left at a page's foot.

    `heights` is (row, points) in order; a row in `headings` starts a new page unless
    the `keep` rows after it fit below it. Every page after the first starts with
    `repeated` points of print titles.
    """
    breaks: list[int] = []
    used = first_page_used
    for index, (row, height) in enumerate(heights):
        needed = height
        if row in headings:
            needed += sum(h for _, h in heights[index + 1:index + 1 + keep])
        if used + needed > capacity and used > repeated:
            breaks.append(row)
            used = repeated
        used += height
    return breaks


@dataclass(frozen=True)
class PackPages:
    """Where a workbook sits in a committee pack: the number of its first page and the pack's pages.

    Given to a renderer, its pages are numbered through the pack ("Page 12 of 31") by the
    print set-up itself, so a converted PDF needs no stamping over its footers.
    """

    first: int
    total: int


class Sheet:
    """One worksheet; every write is checked and officers' words are written as text."""

    def __init__(self, book: Book, worksheet) -> None:
        self.book = book
        self.ws = worksheet
        self.name = worksheet.get_name()
        self.is_key = False  # the Key's own symbols explain the others, they do not count as used

    def cell_name(self, row: int, col: int, absolute: bool = False) -> str:
        return xl_rowcol_to_cell(row, col, row_abs=absolute, col_abs=absolute)

    def ref(self, first_row: int, first_col: int, last_row: int, last_col: int) -> str:
        """An absolute reference to a range of this sheet, for charts and sparklines."""
        start = xl_rowcol_to_cell(first_row, first_col, True, True)
        end = xl_rowcol_to_cell(last_row, last_col, True, True)
        quoted = self.name.replace("'", "''")
        return f"'{quoted}'!{start}:{end}"

    def text(self, row: int, col: int, value: str, style: str = "text") -> None:
        if value in theme.KEY_SYMBOLS and not self.is_key:
            self.book.symbols_used.add(value)
        check(self.ws.write_string(row, col, value or "", self.book.format(style)),
              f"text in {self.name}!{self.cell_name(row, col)}")

    def number(self, row: int, col: int, value: Decimal | float | int, style: str = "text",
               num_format: str | None = None) -> None:
        number = float(value)
        if math.isnan(number) or math.isinf(number):
            raise OutputError(f"not a number in {self.name}!{self.cell_name(row, col)}")
        check(self.ws.write_number(row, col, number, self.book.format(style, num_format)),
              f"a number in {self.name}!{self.cell_name(row, col)}")

    def figure(self, row: int, col: int, value: Decimal | None, num_format: str,
               missing: str = theme.NOT_AVAILABLE, style: str = "text") -> None:
        """A figure as a number in its unit's format, or the GSS shorthand as text."""
        if value is None:
            self.text(row, col, missing, theme.MISSING_STYLE.get(style, "missing"))
        else:
            self.number(row, col, value, style, num_format)

    def date(self, row: int, col: int, value) -> None:
        check(self.ws.write_datetime(row, col, value, self.book.format("date")),
              f"a date in {self.name}!{self.cell_name(row, col)}")

    def blank(self, row: int, col: int, style: str = "text") -> None:
        check(self.ws.write_blank(row, col, None, self.book.format(style)),
              f"a cell in {self.name}!{self.cell_name(row, col)}")

    def link_to_sheet(self, row: int, col: int, sheet: Sheet, label: str) -> None:
        """An internal link to another sheet of this workbook (never built from officers' text)."""
        target = sheet.name.replace("'", "''")
        check(self.ws.write_url(row, col, f"internal:'{target}'!A1", self.book.format("link"),
                                string=label), f"a link in {self.name}")

    def sparkline(self, row: int, col: int, options: dict) -> None:
        check(self.ws.add_sparkline(row, col, options), f"a sparkline in {self.name}")

    def chart(self, row: int, col: int, chart, options: dict | None = None) -> None:
        check(self.ws.insert_chart(row, col, chart, options or {}), f"a chart in {self.name}")

    def row_height(self, row: int, height: float) -> None:
        check(self.ws.set_row(row, height), f"row {row + 1} of {self.name}")

    def page_breaks(self, rows: list[int]) -> None:
        if rows:
            check(self.ws.set_h_pagebreaks(rows), f"page breaks of {self.name}")

    def widths(self, widths: list[float], first_col: int = 0) -> None:
        for offset, width in enumerate(widths):
            col = first_col + offset
            check(self.ws.set_column(col, col, width), f"column widths of {self.name}")

    def conditional(self, first_row: int, first_col: int, last_row: int, last_col: int,
                    options: dict) -> None:
        check(self.ws.conditional_format(first_row, first_col, last_row, last_col, options),
              f"conditional formatting on {self.name}")

    def colour_words(self, first_row: int, col: int, last_row: int, rule_formats: dict[str, dict],
                     prefix: dict[str, str] | None = None) -> None:
        """Colour cells by the word they hold, with rules on the cell value (not static fills).

        Cell-value rules ('=' "Green") are the ones both Excel and LibreOffice apply.
        """
        if last_row < first_row:
            return
        for word, properties in rule_formats.items():
            shown = (prefix or {}).get(word, "") + word
            self.conditional(first_row, col, last_row, col, {
                "type": "cell", "criteria": "==", "value": '"' + shown.replace('"', '""') + '"',
                "format": self.book.rule_format(properties)})

    def table(self, first_row: int, first_col: int, last_row: int, headings: list[str],
              name: str, heading_style: str = "heading") -> None:
        """Mark written cells as a named Excel table (its heading row is `first_row`).

        The cells keep the formats they were written with; the table adds the name, the
        filter buttons and the header row that screen readers announce.
        """
        if last_row <= first_row:
            last_row = first_row + 1  # Excel needs a data row; an empty one reads as a blank
        check(self.ws.add_table(first_row, first_col, last_row, first_col + len(headings) - 1, {
            "name": name, "style": None, "autofilter": True,
            "columns": [{"header": heading, "header_format": self.book.format(heading_style)}
                        for heading in headings]}),
            f"table {name} on {self.name}")

    def print_setup(self, *, month_label: str, header_rows: tuple[int, int] | None,
                    freeze: tuple[int, int] | None = None, fit_width: bool = True) -> None:
        """Landscape on the Report sheet's paper, one page wide, repeated headings, and a
        footer with classification, period and a page number that can run through a pack."""
        settings = self.book.settings
        centre = self.book.footer or f"Data to end of {month_label}"
        # &N counts the workbook's own pages: in a pack, the pack's count is given instead
        total = "&N" if self.book.pack_pages is None else str(self.book.pack_pages.total)
        print_pages(self.ws, paper=settings.paper, header_rows=header_rows, freeze=freeze, fit_width=fit_width,
                    footer="&L" + footer_text(settings.classification or theme.CLASSIFICATION)
                    + "&C" + footer_text(centre) + f"&RPage &P of {total}")


class Book:
    """A workbook written safely; formats are made once per name and reused."""

    def __init__(self, path: Path, settings: ReportSettings | None = None, footer: str = "",
                 pack_pages: PackPages | None = None) -> None:
        self.pack_pages = pack_pages
        # in memory, not through temporary files: quicker, and a scorecard is small (its
        # size follows the catalogue, never the returns)
        self.path = path
        self.wb = xlsxwriter.Workbook(str(path), {**SAFE_OPTIONS, "in_memory": True})
        self.settings = settings or ReportSettings()
        self.footer = footer  # the footer's centre, where it is not 'Data to end of <month>'
        self.wb.set_properties({"title": "", "company": theme.COUNCIL})
        self._formats: dict = {}
        self._rule_formats: dict = {}
        self.sheets: list[Sheet] = []
        self.symbols_used: set[str] = set()  # so the Key lists exactly the symbols the workbook shows

    def add_sheet(self, name: str) -> Sheet:
        safe = safe_sheet_name(name, [s.name for s in self.sheets])
        sheet = Sheet(self, self.wb.add_worksheet(safe))
        self.sheets.append(sheet)
        return sheet

    def format(self, style: str, num_format: str | None = None):
        key = (style, num_format)
        if key not in self._formats:
            extra = {"num_format": num_format} if num_format else {}
            self._formats[key] = self.wb.add_format(theme.cell_format(style, **extra))
        return self._formats[key]

    def rule_format(self, properties: dict):
        key = tuple(sorted(properties.items()))
        if key not in self._rule_formats:
            self._rule_formats[key] = self.wb.add_format(properties)
        return self._rule_formats[key]

    def set_title(self, title: str, subject: str = "") -> None:
        """Document properties a screen reader and a file search read (GSS guidance)."""
        author = self.settings.contacts[0].name if self.settings.contacts else theme.DIRECTORATE
        self.wb.set_properties({"title": title, "subject": subject or title, "author": author,
                                "company": theme.COUNCIL, "keywords": "performance, scorecard",
                                "comments": self.settings.source_note or ""})

    def close(self) -> None:
        if self.pack_pages is not None and self.sheets:
            # later sheets carry on from the first, in Excel and in LibreOffice alike
            self.sheets[0].ws.set_start_page(self.pack_pages.first)
        self.wb.close()
        set_language(self.path, theme.LANGUAGE)


def set_language(path: Path, language: str) -> None:
    """Add dc:language to a closed workbook's core properties, which xlsxwriter cannot set."""
    with zipfile.ZipFile(path) as source:
        parts = [(info, source.read(info.filename)) for info in source.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for info, data in parts:
            if info.filename == "docProps/core.xml" and b"<dc:language>" not in data:
                data = data.replace(b"</cp:coreProperties>",
                                    f"<dc:language>{language}</dc:language></cp:coreProperties>".encode())
            target.writestr(info, data)
