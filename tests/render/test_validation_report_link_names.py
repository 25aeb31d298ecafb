"""A return's link in the validation report keeps every character of its file name."""

from __future__ import annotations

import zipfile

import pytest

from fscxl.model.problems import ERROR, Problem
from fscxl.render.validation import write_validation_report


@pytest.mark.parametrize(("name", "target"), [
    ("A&E #2.xlsx", "A&amp;E%20%232.xlsx"),
    ("plain.xlsx", "plain.xlsx"),
    ("two words.xlsx", "two%20words.xlsx"),
])
def test_a_hash_or_space_in_a_returns_name_stays_in_its_link(tmp_path, name, target):
    returns = tmp_path / "inputs" / "returns"
    returns.mkdir(parents=True)
    (returns / name).write_bytes(b"x")
    report = tmp_path / "outputs" / "validation_report.xlsx"
    report.parent.mkdir()
    problem = Problem(ERROR, f"returns/{name}", "Return", "F14", "expected a number, found 'n/a'", "Enter it.")
    write_validation_report([problem], report, tmp_path / "inputs", report.parent)
    with zipfile.ZipFile(report) as book:
        relations = book.read("xl/worksheets/_rels/sheet1.xml.rels").decode()
        sheet = book.read("xl/worksheets/sheet1.xml").decode()
    assert f'Target="..\\inputs\\returns\\{target}"' in relations
    assert "location=\"'Return'!F14\"" in sheet
