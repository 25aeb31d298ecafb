"""Damaged, disguised and crafted workbooks, made byte by byte in tests (no binary fixtures).

Each maker writes one file at `path`; HOSTILE lists them with the verdict fscxl must
give and a phrase its message must contain.
"""

from __future__ import annotations

import struct
import zipfile
from pathlib import Path

from builders import write_return

MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
STRICT_NS = "http://purl.oclc.org/ooxml/spreadsheetml/main"
REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"


def _content_types(extra: str = "", main_type: str = "sheet.main+xml") -> str:
    return ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-'
            f'officedocument.spreadsheetml.{main_type}"/>'
            '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-'
            f'officedocument.spreadsheetml.worksheet+xml"/>{extra}</Types>')


def sheet_xml(cells: str, ns: str = MAIN_NS, prolog: str = "", extra: str = "") -> str:
    return (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>{prolog}'
            f'<worksheet xmlns="{ns}">{extra}<sheetData>{cells}</sheetData></worksheet>')


RETURN_CELLS = ('<row r="1"><c r="A1" t="inlineStr"><is><t>Code</t></is></c>'
                '<c r="B1" t="inlineStr"><is><t>Apr-12</t></is></c></row>'
                '<row r="2"><c r="A2" t="inlineStr"><is><t>LOOKED_AFTER</t></is></c><c r="B2"><v>8</v></c></row>'
                '<row r="3"><c r="A3" t="inlineStr"><is><t>CARE_LEAVERS</t></is></c><c r="B3"><v>10</v></c></row>')


def raw_workbook(path: Path, sheet: str, *, ns: str = MAIN_NS, extra_parts: dict | None = None,
                 content_types_extra: str = "", main_type: str = "sheet.main+xml",
                 rel_ns: str = REL_NS) -> Path:
    """A minimal one-sheet workbook from raw sheet XML."""
    workbook = (f'<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="{ns}" xmlns:r="{rel_ns}">'
                '<sheets><sheet name="Return" sheetId="1" r:id="rId1"/></sheets></workbook>')
    rels = (f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{PKG_REL}">'
            f'<Relationship Id="rId1" Type="{rel_ns}/worksheet" Target="worksheets/sheet1.xml"/>'
            '</Relationships>')
    package_rels = (f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{PKG_REL}">'
                    f'<Relationship Id="rId1" Type="{rel_ns}/officeDocument" Target="xl/workbook.xml"/>'
                    '</Relationships>')
    path.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", _content_types(content_types_extra, main_type))
        archive.writestr("_rels/.rels", package_rels)
        archive.writestr("xl/workbook.xml", workbook)
        archive.writestr("xl/_rels/workbook.xml.rels", rels)
        archive.writestr("xl/worksheets/sheet1.xml", sheet)
        for name, data in (extra_parts or {}).items():
            archive.writestr(name, data)
    return path


def good_return(path: Path) -> Path:
    return write_return(path, {"NUM": [8] * 14, "DEN": [10] * 14})


def empty(path: Path) -> Path:
    path.write_bytes(b"")
    return path


def csv_renamed(path: Path) -> Path:
    path.write_text("Code,Apr-12,May-12\nNUM,8,9\nDEN,10,10\n")
    return path


def html_renamed(path: Path) -> Path:
    path.write_text("<html><head><title>Export</title></head><body><table><tr><td>Code</td>"
                    "<td>Apr-12</td></tr><tr><td>NUM</td><td>8</td></tr></table></body></html>")
    return path


def _ole2(path: Path, stream_names: list[str]) -> Path:
    """An OLE2 (compound file) header and a directory sector naming the given streams."""
    header = bytearray(512)
    header[:8] = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
    struct.pack_into("<HHH", header, 24, 0x3E, 3, 0xFFFE)
    directory = bytearray()
    for name in ["Root Entry", *stream_names]:
        entry = bytearray(128)
        encoded = name.encode("utf-16-le")
        entry[:len(encoded)] = encoded
        struct.pack_into("<H", entry, 64, len(encoded) + 2)
        directory += entry
    path.write_bytes(bytes(header) + bytes(directory) + b"\x00" * 1024)
    return path


def old_xls_renamed(path: Path) -> Path:
    return _ole2(path, ["Workbook", "\x05SummaryInformation"])


def encrypted(path: Path) -> Path:
    return _ole2(path, ["EncryptionInfo", "EncryptedPackage", "\x06DataSpaces"])


def truncated_zip(path: Path) -> Path:
    good_return(path)
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])
    return path


def corrupt_deflate(path: Path) -> Path:
    """A sound zip directory over a damaged compressed stream (the sheet's bytes scrambled)."""
    good_return(path)
    data = bytearray(path.read_bytes())
    with zipfile.ZipFile(path) as archive:
        info = archive.getinfo("xl/worksheets/sheet1.xml")
    start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
    for i in range(start + 2, start + min(info.compress_size, 200) - 2):
        data[i] ^= 0x5A
    path.write_bytes(bytes(data))
    return path


def strict_ooxml(path: Path) -> Path:
    return raw_workbook(path, sheet_xml(RETURN_CELLS, ns=STRICT_NS), ns=STRICT_NS,
                        rel_ns="http://purl.oclc.org/ooxml/officeDocument/relationships")


def zip_bomb_ratio(path: Path) -> Path:
    """A sheet that expands about 1,000-fold: 48 MB of XML in under 100 KB."""
    padding = b" " * (48 * 1024 * 1024)
    sheet = sheet_xml(RETURN_CELLS).encode().replace(b"<sheetData>", b"<sheetData>" + padding)
    return raw_workbook(path, sheet.decode())


def zip_bomb_size(path: Path) -> Path:
    """A zip directory that declares a 3 GB sheet (the stored stream is small)."""
    raw_workbook(path, sheet_xml(RETURN_CELLS))
    data = bytearray(path.read_bytes())
    with zipfile.ZipFile(path) as archive:
        info = archive.getinfo("xl/worksheets/sheet1.xml")
    local = info.header_offset
    struct.pack_into("<I", data, local + 22, 3_000_000_000)
    name = b"xl/worksheets/sheet1.xml"
    central = data.find(b"PK\x01\x02")
    while central != -1:
        name_length = struct.unpack_from("<H", data, central + 28)[0]
        if data[central + 46:central + 46 + name_length] == name:
            struct.pack_into("<I", data, central + 24, 3_000_000_000)
        central = data.find(b"PK\x01\x02", central + 4)
    path.write_bytes(bytes(data))
    return path


def doctype_entities(path: Path) -> Path:
    prolog = ('<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;'
              '&lol;&lol;&lol;&lol;"><!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;'
              '&lol1;&lol1;">]>')
    cells = RETURN_CELLS.replace("<t>LOOKED_AFTER</t>", "<t>&lol2;</t>")
    return raw_workbook(path, sheet_xml(cells, prolog=prolog))


def stray_cell(path: Path) -> Path:
    """A good return plus one value in the very last cell of the sheet."""
    cells = RETURN_CELLS + '<row r="1048576"><c r="XFD1048576"><v>1</v></c></row>'
    return raw_workbook(path, sheet_xml(cells, extra='<dimension ref="A1:XFD1048576"/>'))


def single_quoted_far_cell(path: Path) -> Path:
    """The stray far cell again, its reference in single quotes that only a crafted file has."""
    cells = RETURN_CELLS + "<row r='1048576'><c r='XFD1048576'><v>1</v></c></row>"
    return raw_workbook(path, sheet_xml(cells))


def huge_shared_strings_claim(path: Path) -> Path:
    sst = (f'<?xml version="1.0"?><sst xmlns="{MAIN_NS}" count="1" uniqueCount="4000000000">'
           '<si><t>Code</t></si></sst>')
    return raw_workbook(path, sheet_xml(RETURN_CELLS), extra_parts={"xl/sharedStrings.xml": sst})


def macro_workbook(path: Path) -> Path:
    return raw_workbook(path, sheet_xml(RETURN_CELLS), main_type="sheet.macroEnabled.main+xml",
                        extra_parts={"xl/vbaProject.bin": b"\xd0\xcf\x11\xe0 not really a macro"})


def external_link(path: Path) -> Path:
    link = (f'<?xml version="1.0"?><externalLink xmlns="{MAIN_NS}"><externalBook xmlns:r="{REL_NS}" '
            'r:id="rId1"/></externalLink>')
    cells = RETURN_CELLS.replace('<c r="B2"><v>8</v></c>', '<c r="B2"><f>[1]Sheet1!A1</f><v>8</v></c>')
    return raw_workbook(path, sheet_xml(cells), extra_parts={"xl/externalLinks/externalLink1.xml": link})


def upper_case_extension(path: Path) -> Path:
    return write_return(path.with_suffix(".XLSX"), {"ADOPTIONS": [3] * 14})


def owner_file(path: Path) -> Path:
    target = path.with_name("~$" + path.name)
    target.write_bytes(b"\x0bSomeone   " + b"\x00" * 150)
    return target


# name -> (maker, verdict, code of the check that judges it, phrase the console message contains)
HOSTILE = {
    "empty": (empty, "reject", "FILE02", "empty"),
    "csv": (csv_renamed, "reject", "FILE03", "text"),
    "html": (html_renamed, "reject", "FILE03", "web page"),
    "xls": (old_xls_renamed, "reject", "FILE05", "97-2003"),
    "encrypted": (encrypted, "reject", "FILE04", "password"),
    "truncated": (truncated_zip, "reject", "FILE06", "damaged or incomplete"),
    "corrupt_deflate": (corrupt_deflate, "reject", "FILE06", "damaged"),
    "strict": (strict_ooxml, "accept", "", ""),  # Excel 2013+ saves it on request: read like any other
    "bomb_ratio": (zip_bomb_ratio, "reject", "FILE08", "exhaust memory"),
    "bomb_size": (zip_bomb_size, "reject", "FILE08", "exhaust memory"),
    "doctype": (doctype_entities, "reject", "FILE09", "document type declaration"),
    "shared_strings": (huge_shared_strings_claim, "reject", "FILE06", "damaged"),
    "stray_cell": (stray_cell, "warn", "FILE12", "XFD1048576"),
    "single_quoted": (single_quoted_far_cell, "reject", "FILE10", "single quotes"),
    "macro": (macro_workbook, "warn", "FILE13", "macros"),
    "external_link": (external_link, "warn", "FILE14", "links to other workbooks"),
    "upper_case": (upper_case_extension, "accept", "", ""),
    "owner_file": (owner_file, "skip", "", ""),
}
