"""The preflight's verdict on each kind of damaged, disguised or crafted file."""

from __future__ import annotations

import pytest
from hostile_files import HOSTILE, good_return

from fscxl.read.preflight import ERROR, WARNING, check_file

JUDGED_WHEN_READ = {"stray_cell", "single_quoted"}  # sheet contents: judged by the reader (test_hostile_workbooks)


@pytest.mark.parametrize("name", [n for n, (_, verdict, _, _) in HOSTILE.items()
                                  if verdict != "skip" and n not in JUDGED_WHEN_READ])
def test_verdict_for_each_kind_of_file(tmp_path, name):
    maker, verdict, code, _phrase = HOSTILE[name]
    path = maker(tmp_path / f"{name}.xlsx")
    findings = check_file(path).findings
    if verdict == "reject":
        assert [(f.severity, f.code) for f in findings] == [(ERROR, code)]
        assert all(f.fix for f in findings)
    elif verdict == "warn":
        assert [(f.severity, f.code) for f in findings] == [(WARNING, code)]
    else:
        assert findings == []


def test_a_good_workbook_passes_without_findings(tmp_path):
    assert check_file(good_return(tmp_path / "good.xlsx")).findings == []


def test_an_unopenable_path_is_rejected_not_raised(tmp_path):
    verdict = check_file(tmp_path / "missing.xlsx")
    assert not verdict.readable
    assert [f.code for f in verdict.findings] == ["FILE01"]


def test_a_docx_renamed_is_named_as_such(tmp_path):
    import zipfile

    path = tmp_path / "report.xlsx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("word/document.xml", "<w:document/>")
    [finding] = check_file(path).findings
    assert finding.code == "FILE03"
    assert "Word document" in finding.found  # says what the file is


def test_openpyxl_parses_with_defusedxml():
    import openpyxl

    assert openpyxl.DEFUSEDXML
