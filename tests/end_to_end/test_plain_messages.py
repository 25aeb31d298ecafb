"""Officers' messages in plain words, with the technical detail kept apart for --verbose."""

from __future__ import annotations

import re
import zipfile

import pytest
from builders import simple_inputs, write_return
from hostile_files import corrupt_deflate, truncated_zip

from fscxl.app import outputs
from fscxl.app.workers import Crashed, Failed, lost_file_problem
from fscxl.cli import report_problems
from fscxl.model.errors import OutputError
from fscxl.model.problems import ProblemLog
from fscxl.read import returns as return_file
from fscxl.read.preflight import check_file
from fscxl.read.returns import read_return_file
from fscxl.read.xlsx import OpenWorkbook, UnreadableWorkbook

# a Python class name or its trappings: "KeyError", "Error:", "Exception", "zlib.error", "(error)"
TECHNICAL = re.compile(r"\w(Error|Exception)\b|Error:|Exception|\.error\b|\(error\)")


def plain(text: str) -> bool:
    return not TECHNICAL.search(text)


def without_sheet_list(tmp_path):
    """A return whose list of sheets (xl/_rels/workbook.xml.rels) is missing."""
    good = write_return(tmp_path / "good.xlsx", {"NUM": [1]})
    damaged = tmp_path / "damaged.xlsx"
    with zipfile.ZipFile(good) as source, zipfile.ZipFile(damaged, "w") as target:
        for info in source.infolist():
            if info.filename != "xl/_rels/workbook.xml.rels":
                target.writestr(info, source.read(info))
    return damaged


def test_a_damaged_return_is_described_in_plain_words(tmp_path):
    outcome = read_return_file((without_sheet_list(tmp_path), "returns/damaged.xlsx"))
    [error] = outcome.problems
    assert (error.code, error.workbook) == ("FILE06", "returns/damaged.xlsx")
    assert plain(error.text()), error.text()


def test_a_sheet_the_reader_cannot_lay_out_keeps_its_detail_for_verbose(tmp_path, monkeypatch):
    path = write_return(tmp_path / "r.xlsx", {"NUM": [1]})

    def broken_grid(_self, _name):
        raise KeyError("row 7")

    monkeypatch.setattr(OpenWorkbook, "grid", broken_grid)
    outcome = return_file.read_return_file((path, "returns/r.xlsx"))
    [error] = outcome.problems
    assert error.code == "FILE07" and plain(error.text())
    assert error.detail == "KeyError: 'row 7'"


def test_a_workbook_the_parser_rejects_is_named_plainly(tmp_path, monkeypatch):
    import python_calamine

    path = write_return(tmp_path / "r.xlsx", {"NUM": [1]})

    def refuse(*_args, **_kwargs):
        raise python_calamine.CalamineError("Xlsx error: bad things")

    monkeypatch.setattr(python_calamine.CalamineWorkbook, "from_filelike", refuse, raising=False)
    monkeypatch.setattr(python_calamine.CalamineWorkbook, "from_path", refuse)
    monkeypatch.setattr(python_calamine, "load_workbook", refuse)
    with pytest.raises(UnreadableWorkbook) as caught:
        OpenWorkbook(path)
    assert caught.value.code == "FILE07"
    assert plain(caught.value.found) and plain(str(caught.value))
    assert "CalamineError" in caught.value.detail


@pytest.mark.parametrize("maker", [truncated_zip, corrupt_deflate])
def test_a_damaged_zip_is_named_without_the_exception(tmp_path, maker):
    verdict = check_file(maker(tmp_path / "r.xlsx"))
    [finding] = verdict.findings
    assert finding.code == "FILE06" and plain(finding.found), finding.found


def test_a_return_whose_reading_raised_is_reported_plainly_with_the_detail_apart(tmp_path):
    error = lost_file_problem("returns/r.xlsx", Failed((tmp_path / "r.xlsx", "returns/r.xlsx"), "KeyError: 'x'"))
    assert error.is_error and error.code == "FILE07"
    assert plain(error.text()) and error.detail == "KeyError: 'x'"


def test_a_return_whose_reader_died_is_its_own_check():
    error = lost_file_problem("returns/r.xlsx", Crashed(("r.xlsx", "returns/r.xlsx")))
    assert (error.severity, error.code, error.workbook) == ("error", "FILE15", "returns/r.xlsx")
    assert plain(error.text()) and error.fix


def test_an_output_that_does_not_reopen_is_reported_plainly(tmp_path):
    path = tmp_path / "a.xlsx"
    with zipfile.ZipFile(path, "w") as archive:  # a sound zip the workbook reader cannot open
        archive.writestr("xl/workbook.xml", "not a workbook")
    with pytest.raises(OutputError) as caught:
        outputs.write_all(tmp_path / "out", {"a.xlsx": lambda target: target.write_bytes(path.read_bytes())})
    assert plain(str(caught.value)), str(caught.value)


def test_a_damaged_return_reads_plainly_on_the_command_line(tmp_path, cli):
    inputs = simple_inputs(tmp_path / "in")
    without_sheet_list(tmp_path).replace(inputs / "returns" / "damaged.xlsx")
    result = cli("validate", "--inputs", inputs, "--outputs", tmp_path / "o")
    lines = [line for line in result.output.splitlines() if line.startswith("    - ")]
    assert "  returns/damaged.xlsx" in result.output and lines
    assert all(plain(line) for line in lines), result.output


def test_verbose_shows_a_problems_detail_on_its_own_line(capsys):
    problems = ProblemLog()
    problems.error("returns/r.xlsx", "", "", "this file could not be read", "Save it again.",
                   detail="KeyError: 'x'")
    report_problems(problems.problems)
    assert "KeyError" not in capsys.readouterr().err
    report_problems(problems.problems, verbose=True)
    err = capsys.readouterr().err
    assert "    - this file could not be read. Save it again.\n      detail: KeyError: 'x'\n" in err
