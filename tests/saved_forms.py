"""Returns saved the ways real programs save them, made by the tests (no binary fixtures).

Each maker writes at `path` the same return as `plain_return`, saved in one form that
officers' programs produce (issue 15); fscxl must read it to the same figures.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import xlsxwriter
from builders import month_dates, write_return

SERIES = {"NUM": [8, 9, 7, None], "DEN": [10, 10, 10, None]}  # the last month not yet reported
FIRST = (2011, 4)
COUNT = 4
TRANSITIONAL = {
    b"http://schemas.openxmlformats.org/spreadsheetml/2006/main": b"http://purl.oclc.org/ooxml/spreadsheetml/main",
    b"http://schemas.openxmlformats.org/officeDocument/2006/relationships":
        b"http://purl.oclc.org/ooxml/officeDocument/relationships",
}


def plain_return(path: Path) -> Path:
    return write_return(path, SERIES, first=FIRST, count=COUNT)


def rewrite(path: Path, name=lambda n: n, data=lambda n, b: b) -> Path:
    """The return at `path` rewritten part by part (names and contents changed by the callables)."""
    plain = plain_return(path.with_name("plain-" + path.name))
    with zipfile.ZipFile(plain) as source, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for info in source.infolist():
            out.writestr(name(info.filename), data(info.filename, source.read(info)))
    plain.unlink()
    return path


def _in_sheet(change):
    return lambda n, b: change(b) if n.startswith("xl/worksheets/") else b


def empty_text_formulas(path: Path) -> Path:
    """Form 1: =IF(...,"",...) for the month not yet reported, saved with an empty text result."""
    path.parent.mkdir(parents=True, exist_ok=True)
    book = xlsxwriter.Workbook(str(path))
    sheet = book.add_worksheet("Return")
    date = book.add_format({"num_format": "mmm-yy"})
    sheet.write_row(0, 0, ["Title row 1"])
    sheet.write_row(1, 0, ["Title row 2"])
    sheet.write_row(2, 0, ["Code", "Description"])
    for c, month in enumerate(month_dates(FIRST, COUNT)):
        sheet.write_datetime(2, 2 + c, month, date)
    for r, (code, values) in enumerate(SERIES.items(), start=3):
        sheet.write_row(r, 0, [code, f"{code} description"])
        for c, value in enumerate(values):
            if value is None:
                sheet.write_formula(r, 2 + c, '=IF(TRUE,"",0)', None, "")
            else:
                sheet.write_formula(r, 2 + c, f"={value}", None, value)
    book.close()
    return path


def uk_text_dates(path: Path) -> Path:
    """Form 2: month headings typed as UK day-first dates (month ends and month starts)."""
    headers = ["30/04/2011", "31/05/2011", "01/06/2011", "1/7/2011"]
    return write_return(path, SERIES, headers=headers)


def whole_row_merge(path: Path) -> Path:
    """Form 3: a title merged across the whole of row 1, and a whole column merged."""
    merges = b'<mergeCells count="2"><mergeCell ref="1:1"/><mergeCell ref="H:H"/></mergeCells>'
    return rewrite(path, data=_in_sheet(lambda b: b.replace(b"</sheetData>", b"</sheetData>" + merges)))


def backslash_names(path: Path) -> Path:
    """Form 4: zip entry names written with backslashes, as some exporters do."""
    return rewrite(path, name=lambda n: n.replace("/", "\\"))


def _strict(name: str, data: bytes) -> bytes:
    for old, new in TRANSITIONAL.items():
        data = data.replace(old, new)
    return data


def strict_open_xml(path: Path) -> Path:
    """Form 5: Strict Open XML namespaces throughout (the cells are the same)."""
    return rewrite(path, data=_strict)


def rows_only_dimension(path: Path) -> Path:
    """Form 6: a dimension naming rows only, as LibreOffice 5 wrote it."""
    return rewrite(path, data=_in_sheet(lambda b: re.sub(rb'<dimension ref="[^"]*"\s*/>',
                                                          b'<dimension ref="1:7"/>', b)))


def module_sheet_without_part(path: Path) -> Path:
    """Form 6: a legacy Excel 5 module sheet listed with an empty relationship id."""
    module = b'<sheet name="Module1" sheetId="9" state="hidden" r:id=""/></sheets>'
    return rewrite(path, data=lambda n, b: b.replace(b"</sheets>", module) if n == "xl/workbook.xml" else b)


def utf16_parts(path: Path) -> Path:
    """Form 6: every XML part in UTF-16 with a byte-order mark, as Excel Mobile saves."""
    def wide(name: str, data: bytes) -> bytes:
        if not name.endswith((".xml", ".rels")):
            return data
        text = data.decode("utf-8")
        text = re.sub(r"encoding=([\"'])UTF-8\1", 'encoding="UTF-16"', text, count=1, flags=re.I)
        return text.encode("utf-16")
    return rewrite(path, data=wide)


def tightly_compressed(path: Path) -> Path:
    """Form 6: long repeated texts beside the table pack the sheet more than 100:1."""
    text = "Not yet reported by the service; see the notes sheet for the reason. " * 15
    cells = "".join(f'<row r="{r}"><c r="Z{r}" t="inlineStr"><is><t>{text}</t></is></c></row>'
                    for r in range(100, 2600)).encode()
    return rewrite(path, data=_in_sheet(lambda b: b.replace(b"</sheetData>", cells + b"</sheetData>")))


def table_total_row(path: Path) -> Path:
    """Form 7: an Excel table's total row under the fields, coded 'Total'."""
    totals = [a + b if a is not None else None for a, b in zip(SERIES["NUM"], SERIES["DEN"], strict=True)]
    return write_return(path, {**SERIES, "Total": totals}, first=FIRST, count=COUNT)


# name -> maker, one per numbered form of issue 15 (6 has several)
FORMS = {
    "1_empty_text_formulas": empty_text_formulas,
    "2_uk_text_dates": uk_text_dates,
    "3_whole_row_merge": whole_row_merge,
    "4_backslash_names": backslash_names,
    "5_strict_open_xml": strict_open_xml,
    "6_rows_only_dimension": rows_only_dimension,
    "6_module_sheet_without_part": module_sheet_without_part,
    "6_utf16_parts": utf16_parts,
    "6_tightly_compressed": tightly_compressed,
    "7_table_total_row": table_total_row,
}
