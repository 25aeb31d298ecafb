"""Workbooks saved by real programs (tests/read/corpus, sources in its README) are read, not rejected."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from saved_forms import FORMS, plain_return

from fscxl.read.xlsx import read_sheets

CORPUS = Path(__file__).parent / "corpus"

# file -> (sheet names, the first row's first cells as read)
EXPECTED = {
    "calamine-strict_iso_paths.xlsx": (["ml_out"], ["Item", "Thickness"]),
    "calamine-minimal_package.xlsx": (["Sheet1"], ["ARREST BOOKINGS for 01/30/17", None]),
    "calamine-date_1904.xlsx": (["Sheet1"], [dt.date(2021, 1, 1), 15.0]),
    "calamine-nonstandard-xml-ns-prefix.xlsx": (["Sheet1"], ["a", "b"]),
    "calamine-empty_shared_string.xlsx": (["Sheet1"], ["abc"]),
    "sheetjs-sheet_visibility_strict.xlsx": (["Visible", "Hidden", "VeryHidden"], ["v", "i"]),
    "sheetjs-wtf_path.xlsx": (["SheetJS", "Hidden"], [1.0, 2.0, 3.0]),
    "sheetjs-LONumbers-2011.xlsx": (["Sheet1"], ["General", 1.0, -1.2]),
    "sheetjs-wps-fn.xlsx": (["Sheet1"], ["Name", "Example", "Result"]),
    "sheetjs-1904-1904.xlsx": (["Sheet1"], [1.0, dt.date(1904, 1, 2)]),
}


def test_the_corpus_holds_the_files_its_readme_names():
    assert sorted(p.name for p in CORPUS.glob("*.xlsx")) == sorted(EXPECTED)
    readme = (CORPUS / "README.md").read_text(encoding="utf-8")
    assert all(name in readme for name in EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_a_real_workbook_is_read(name):
    read = read_sheets((CORPUS / name, name, "the workbook", True))
    assert not [p for p in read.problems if p.is_error]
    names, first_cells = EXPECTED[name]
    assert [sheet.name for sheet in read.sheets] == names
    assert read.sheets[0].rows[0][:len(first_cells)] == first_cells


@pytest.mark.parametrize("form", sorted(FORMS))
def test_a_return_saved_in_each_form_is_read_like_the_plain_one(tmp_path, form):
    plain = read_sheets((plain_return(tmp_path / "plain.xlsx"), "plain.xlsx", "the workbook", True))
    saved = read_sheets((FORMS[form](tmp_path / f"{form}.xlsx"), f"{form}.xlsx", "the workbook", True))
    assert not saved.problems
    if form not in ("1_empty_text_formulas", "2_uk_text_dates", "7_table_total_row"):  # other cells
        assert [s.name for s in saved.sheets] == ["Return"]
        assert [row[:6] for row in saved.sheets[0].rows[:5]] == [row[:6] for row in plain.sheets[0].rows[:5]]
