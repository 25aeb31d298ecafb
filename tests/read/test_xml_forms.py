"""fscxl's own XML scans on the forms real programs write (fscxl.read.xmlscan)."""

from __future__ import annotations

import zipfile

import pytest
from hostile_files import HOSTILE, raw_workbook, sheet_xml

from fscxl.read.preflight import check_file
from fscxl.read.xmlscan import (
    FORMULA_WITHOUT_RESULT,
    as_utf8,
    relationships_part,
    repair_sheet,
    repair_workbook,
    scan_sheet,
    workbook_part,
)


@pytest.mark.parametrize("cell, marked", [
    ('<c r="B2" t="str"><f>IF(A2="","",A2)</f><v></v></c>', False),  # Excel, LibreOffice: empty text
    ('<c r="B2" t="str"><f>IF(A2="","",A2)</f><v/></c>', False),
    ('<c r="B2" s="3" t="str"><f>IF(A2="","",A2)</f><v /></c>', False),
    ('<c r="B2"><f>IF(A2="","",A2)</f><v></v></c>', False),  # xlsxwriter, value=""
    ('<c r="B2"><f>SUM(A1:A2)</f></c>', True),  # never calculated
    ('<c r="B2"><f>SUM(A1:A2)</f><v /></c>', True),  # openpyxl: never calculated
    ('<x:c r="B2"><x:f>SUM(A1:A2)</x:f></x:c>', True),
    ('<c r="B2"><f>SUM(A1:A2)</f><v>3</v></c>', False),
])
def test_a_formula_is_marked_only_when_it_has_no_saved_result(cell, marked):
    specials = scan_sheet(sheet_xml(f'<row r="2">{cell}</row>').encode()).specials
    assert (specials.get((1, 1)) is FORMULA_WITHOUT_RESULT) is marked


@pytest.mark.parametrize("merge, repaired", [
    ("1:1", "A1:XFD1"), ("3:4", "A3:XFD4"), ("A:A", "A1:A1048576"), ("B:D", "B1:D1048576"),
    ("A1:C1", "A1:C1"),
])
def test_whole_row_and_column_merges_are_spelt_as_ranges(merge, repaired):
    xml = sheet_xml("", extra="").replace("</sheetData>", f'</sheetData><mergeCells><mergeCell ref="{merge}"/>'
                                          '</mergeCells>').encode()
    assert f'ref="{repaired}"'.encode() in repair_sheet(xml)


def test_a_sheet_with_nothing_to_repair_is_the_same_object():
    xml = sheet_xml('<row r="1"><c r="A1"><v>1</v></c></row>', extra='<dimension ref="A1"/>').encode()
    assert repair_sheet(xml) is xml
    assert b"dimension" not in repair_sheet(xml.replace(b'ref="A1"', b'ref="1:4"'))


def test_a_module_sheet_without_a_part_is_left_out_of_the_workbook():
    xml = (b'<workbook xmlns:r="r"><sheets><sheet name="Return" sheetId="1" r:id="rId1"/>'
           b'<sheet name="Module1" sheetId="2" r:id=""/></sheets></workbook>')
    assert repair_workbook(xml) == xml.replace(b'<sheet name="Module1" sheetId="2" r:id=""/>', b"")


@pytest.mark.parametrize("codec", ["utf-16", "utf-16-le", "utf-16-be"])
def test_utf16_parts_are_recoded(codec):
    text = '<?xml version="1.0" encoding="UTF-16"?><sst><si><t>Référence</t></si></sst>'
    assert as_utf8(text.encode(codec)) == text.replace("UTF-16", "UTF-8").encode("utf-8")


def _long_texts(path, rows: int, text: str):
    cells = "".join(f'<row r="{r}"><c r="A{r}" t="inlineStr"><is><t>{text}</t></is></c></row>'
                    for r in range(1, rows))
    return raw_workbook(path, sheet_xml(cells))


def test_a_sheet_of_long_texts_packed_over_100_to_1_is_read(tmp_path):
    path = _long_texts(tmp_path / "texts.xlsx", 3000, "Not yet reported by the service. " * 30)
    info = zipfile.ZipFile(path).getinfo("xl/worksheets/sheet1.xml")
    assert info.file_size > 1024 * 1024 and info.file_size / info.compress_size > 100
    assert check_file(path).readable


@pytest.mark.parametrize("name", ["bomb_ratio", "bomb_size", "doctype", "encrypted", "truncated",
                                  "corrupt_deflate", "shared_strings"])
def test_hostile_files_keep_their_verdicts(tmp_path, name):
    maker, verdict, code, _phrase = HOSTILE[name]
    findings = check_file(maker(tmp_path / f"{name}.xlsx")).findings
    assert verdict == "reject" and any(f.is_error and f.code == code for f in findings)


@pytest.mark.parametrize("target, part", [
    ("xl/workbook.xml", "xl/workbook.xml"), ("/xl/workbook.xml", "xl/workbook.xml"),
    ("./wtf/workbook.xml", "wtf/workbook.xml"), ("workbook.xml", "workbook.xml"),
    ("xl\\workbook.xml", "xl/workbook.xml"),
])
def test_the_workbook_part_is_where_the_package_relationship_points(target, part):
    rels = (f'<Relationships><Relationship Id="rId1" Type="http://purl.oclc.org/ooxml/officeDocument/'
            f'relationships/officeDocument" Target="{target}"/></Relationships>').encode()
    assert workbook_part(rels) == part
    assert workbook_part(None) == "xl/workbook.xml"
    assert relationships_part("workbook.xml") == "_rels/workbook.xml.rels"
    assert relationships_part("xl/workbook.xml") == "xl/_rels/workbook.xml.rels"
