"""The fast scans that bound a sheet before calamine lays it out: a shortcut, never a way round."""

import pytest

from fscxl.read.xmlscan import CELL_BUDGET, QUICK_LIMIT, scan_sheet


def _sheet(cells: str) -> bytes:
    return ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
            f'<sheetData>{cells}</sheetData></worksheet>').encode()


SMALL = '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="ZZ999"><v>1</v></c></row>'


def test_the_shortcut_stays_within_the_budget():
    assert QUICK_LIMIT <= CELL_BUDGET


def test_a_small_sheet_takes_the_shortcut():
    scan = scan_sheet(_sheet(SMALL))
    assert not scan.oversized and scan.max_row == 0  # not measured: no need


@pytest.mark.parametrize("far", [
    '<c r="XFD1048576"><v>1</v></c>',  # three letters and seven digits
    '<c r="A1048576"><v>1</v></c>',  # four digits or more
    '<c r="AAA1"><v>1</v></c><c r="A3000"><v>1</v></c>',  # three letters, far enough down
    '<c s="1"\nr="XFD1048576"><v>1</v></c>',  # the reference after a newline, not a space
    '<c s="1"\tr="XFD1048576"><v>1</v></c>',
    '<c s="1"\rr="XFD1048576"><v>1</v></c>',
    '<c s="1" r="XFD1048576"><v>1</v></c>',  # the reference after another attribute
    '<c  r="XFD1048576"><v>1</v></c>',  # two spaces before it
    '<c\tr="XFD1048576"><v>1</v></c>',
    '<x:c r="XFD1048576" xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
    '<x:v>1</x:v></x:c>',  # a namespace prefix
])
def test_a_far_cell_is_always_measured(far):
    scan = scan_sheet(_sheet(SMALL + f'<row r="2">{far}</row>'))
    assert scan.oversized


def test_a_far_cell_after_many_lines_is_measured():
    lines = "".join(f'<row r="{r}">\n<c r="A{r}"><v>1</v></c>\n</row>\n' for r in range(1, 200))
    scan = scan_sheet(_sheet(lines + '<row r="900">\n<c s="1"\nr="XFD1048576"><v>1</v></c></row>'))
    assert scan.oversized


def test_error_values_and_formulas_without_results_are_found():
    cells = ('<row r="1"><c r="A1" t="e"><v>#N/A</v></c><c r="B1"><f>1+1</f></c>'
             '<c r="C1"><f>1+1</f><v>2</v></c></row>')
    specials = scan_sheet(_sheet(cells)).specials
    assert str(specials[(0, 0)]) == "#N/A"
    assert repr(specials[(0, 1)]) == "FORMULA_WITHOUT_RESULT"
    assert (0, 2) not in specials


@pytest.mark.parametrize("row", [
    '<row r="1048576"><c><v>1</v></c></row>',  # no reference: placed by its row
    '<row r="1048576"><c t="n"><v>1</v></c></row>',
    '<row r="1048576"><c/><c\t><v>1</v></c></row>',
])
def test_a_cell_without_a_reference_is_bounded_from_its_row(row):
    scan = scan_sheet(_sheet(SMALL + row))
    assert scan.unreferenced and scan.max_row >= 1_048_576


def test_a_far_row_of_cells_with_near_references_takes_the_shortcut():
    # calamine places a cell by its own reference; the row's matters only without one
    scan = scan_sheet(_sheet(SMALL + '<row r="5000"><c r="B2"><v>1</v></c></row>'))
    assert not scan.oversized and not scan.unreferenced
