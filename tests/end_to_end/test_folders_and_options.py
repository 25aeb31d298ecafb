"""Contract sections 1 and 8: the folders fscxl reads, and the command line's options and exit statuses."""

from __future__ import annotations

import shutil

import openpyxl
import pytest
from builders import write_return
from contract_helpers import inputs_with, measure, read_csv, reported_problems, target

EXIT_OK, EXIT_INPUT_ERRORS, EXIT_USAGE = 0, 1, 2


def good_inputs(root):
    return inputs_with(root, [measure("P1")], [target("P1", target=80, floor=70)],
                       {"NUM": [8] * 14, "DEN": [10] * 14})


def assert_clean(result):
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)


# --- section 1: folders -----------------------------------------------------------------------

def test_owner_files_dot_files_and_subfolders_in_returns(tmp_path, cli):
    inputs = inputs_with(tmp_path, [measure("P1")], [], {"NUM": [8] * 14})
    write_return(inputs / "returns" / "Adults" / "Deeper" / "DENOMINATORS.XLSX", {"DEN": [10] * 14})
    (inputs / "returns" / "~$return.xlsx").write_bytes(b"\x00owner file")
    (inputs / "returns" / ".~lock.return.xlsx#").write_bytes(b"lock")
    (inputs / "returns" / ".hidden.xlsx").write_bytes(b"not a workbook")
    (inputs / "returns" / ".git").mkdir()
    (inputs / "returns" / ".git" / "x.xlsx").write_bytes(b"junk")
    (inputs / "~$measures.xlsx").write_bytes(b"owner")
    (inputs / "~$commentary.xlsx").write_bytes(b"owner")
    (inputs / ".business_plan.xlsx").write_bytes(b"junk")
    result = cli("run", "--inputs", inputs, "--outputs", tmp_path / "out")
    assert result.exit_code == EXIT_OK, result.output
    assert "~$" not in result.output and ".hidden" not in result.output
    [row] = read_csv(tmp_path / "out" / "2012-05" / "results.csv")
    assert row["value"] == "80.0"
    # no Appendix A without a business plan
    assert not any(p.name.startswith("Appendix A") for p in (tmp_path / "out" / "2012-05").iterdir())


def test_upper_case_input_names(tmp_path, cli):
    inputs = good_inputs(tmp_path)
    (inputs / "measures.xlsx").rename(inputs / "MEASURES.XLSX")
    (inputs / "returns").rename(inputs / "Returns")
    result = cli("run", "--inputs", inputs, "--outputs", tmp_path / "out")
    assert result.exit_code == EXIT_OK, result.output


# --- section 8: the command line --------------------------------------------------------------

def test_defaults_are_the_inputs_and_outputs_folders_of_the_working_directory(tmp_path, monkeypatch, cli):
    good_inputs(tmp_path)
    monkeypatch.chdir(tmp_path)
    result = cli("run")
    assert result.exit_code == EXIT_OK, result.output
    assert (tmp_path / "outputs" / "2012-05" / "results.csv").exists()
    assert cli("validate").exit_code == EXIT_OK


def test_defaults_elsewhere_say_where_the_inputs_should_be(tmp_path, monkeypatch, cli):
    monkeypatch.chdir(tmp_path)
    result = cli("run")
    assert result.exit_code == EXIT_USAGE
    assert "inputs" in result.output
    assert_clean(result)


def test_month_option(tmp_path, cli):
    inputs = good_inputs(tmp_path)
    result = cli("run", "--inputs", inputs, "--outputs", tmp_path / "out", "--month", "2011-12")
    assert result.exit_code == EXIT_OK, result.output
    assert read_csv(tmp_path / "out" / "2011-12" / "results.csv")[0]["month"] == "2011-12"


@pytest.mark.parametrize("month", ["2012-13", "May 2012", "2012-5", "201205", "12-05", "2012/05", "", "2012-00"])
def test_a_malformed_month_is_a_usage_error(tmp_path, month, cli):
    inputs = good_inputs(tmp_path)
    result = cli("run", "--inputs", inputs, "--outputs", tmp_path / "out", "--month", month)
    assert result.exit_code == EXIT_USAGE
    assert_clean(result)
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("month", ["2012-06", "2030-01", "2005-01", "2011-03"])
def test_a_month_without_any_data_is_a_usage_error_and_writes_nothing(tmp_path, month, cli):
    # Data run from April 2011 to May 2012. A month after that, or before it, has no figure
    # in any return: a scorecard of blanks is not what an officer asked for.
    inputs = good_inputs(tmp_path)
    result = cli("run", "--inputs", inputs, "--outputs", tmp_path / "out", "--month", month)
    assert result.exit_code == EXIT_USAGE, result.output
    assert "2012-05" in result.output or "May 2012" in result.output
    assert_clean(result)
    assert not (tmp_path / "out" / month).exists()


def test_a_month_in_a_gap_with_no_data_is_a_usage_error(tmp_path, cli):
    inputs = inputs_with(tmp_path, [measure("P1")], [],
                         {"NUM": [8] * 6 + [None] + [8] * 7, "DEN": [10] * 6 + [None] + [10] * 7})
    result = cli("run", "--inputs", inputs, "--outputs", tmp_path / "out", "--month", "2011-10")
    assert result.exit_code == EXIT_USAGE, result.output
    assert_clean(result)


def test_inputs_that_is_a_file_is_a_usage_error(tmp_path, cli):
    inputs = good_inputs(tmp_path)
    result = cli("run", "--inputs", inputs / "measures.xlsx", "--outputs", tmp_path / "out")
    assert result.exit_code == EXIT_USAGE
    assert "measures.xlsx" in result.output and "not a folder" in result.output
    assert_clean(result)


def test_missing_measures_workbook_is_an_input_error(tmp_path, cli):
    inputs = good_inputs(tmp_path)
    (inputs / "measures.xlsx").unlink()
    result = cli("run", "--inputs", inputs, "--outputs", tmp_path / "out")
    assert result.exit_code == EXIT_INPUT_ERRORS
    assert "measures.xlsx" in result.output
    assert_clean(result)


def test_measures_that_is_not_a_workbook_is_an_input_error(tmp_path, cli):
    inputs = good_inputs(tmp_path)
    (inputs / "measures.xlsx").write_text("Ref,Scorecard\nM1,Children\n")
    result = cli("run", "--inputs", inputs, "--outputs", tmp_path / "out")
    assert result.exit_code == EXIT_INPUT_ERRORS
    assert "measures.xlsx" in result.output
    assert_clean(result)


@pytest.mark.parametrize("command", ["run", "validate"])
def test_an_empty_returns_folder_is_an_input_error(tmp_path, command, cli):
    inputs = good_inputs(tmp_path)
    shutil.rmtree(inputs / "returns")
    (inputs / "returns").mkdir()
    result = cli(command, "--inputs", inputs, "--outputs", tmp_path / "out")
    assert result.exit_code == EXIT_INPUT_ERRORS
    assert "returns" in result.output
    assert_clean(result)


def test_outputs_that_cannot_be_written_exit_nonzero_with_a_message(tmp_path, cli):
    # Not an input error and not a wrong command; fscxl says 1 (nothing was written).
    inputs = good_inputs(tmp_path)
    blocker = tmp_path / "blocker"
    blocker.write_text("a file where the outputs folder should be")
    result = cli("run", "--inputs", inputs, "--outputs", blocker)
    assert result.exit_code == 3  # contract v2: outputs that cannot be written
    assert str(blocker) in result.output
    assert_clean(result)


def test_validate_exit_statuses(tmp_path, cli):
    inputs = good_inputs(tmp_path)
    assert cli("validate", "--inputs", inputs, "--outputs", tmp_path / "out").exit_code == EXIT_OK
    book = openpyxl.load_workbook(inputs / "returns" / "return.xlsx")
    book.active["D4"] = "n/a"
    book.save(inputs / "returns" / "return.xlsx")
    result = cli("validate", "--inputs", inputs, "--outputs", tmp_path / "out")
    assert result.exit_code == EXIT_INPUT_ERRORS
    assert "cell D4" in result.output
    assert reported_problems(tmp_path / "out") == [("RET05", "returns/return.xlsx", "Return", "D4")]
    assert not (tmp_path / "out" / "2012-05").exists()


def test_verbose_shows_a_traceback_and_plain_runs_do_not(tmp_path, cli):
    inputs = good_inputs(tmp_path)
    (inputs / "measures.xlsx").write_text("not a workbook")
    plain = cli("run", "--inputs", inputs, "--outputs", tmp_path / "out")
    verbose = cli("run", "--verbose", "--inputs", inputs, "--outputs", tmp_path / "out")
    assert plain.exit_code == verbose.exit_code == EXIT_INPUT_ERRORS
    assert "Traceback" not in plain.output
    assert "Traceback" in verbose.output


@pytest.mark.parametrize("args", [["run", "--bogus"], ["nonsense"], ["templates", "--year", "2013/15"],
                                  ["run", "--month"], ["run", "--inputs", "nowhere"]])
def test_usage_errors_exit_2(tmp_path, monkeypatch, args, cli):
    monkeypatch.chdir(tmp_path)  # nothing is written in the working directory, whatever happens
    result = cli(*args)
    assert result.exit_code == EXIT_USAGE
    assert_clean(result)


def test_templates_for_a_year(tmp_path, cli):
    inputs = good_inputs(tmp_path)
    result = cli("templates", "--year", "2013/14", "--inputs", inputs, "--out", tmp_path / "blank")
    assert result.exit_code == EXIT_OK, result.output
    names = {p.name.lower() for p in (tmp_path / "blank").rglob("*.xlsx")}
    assert "measures.xlsx" in names
    book = openpyxl.load_workbook(tmp_path / "blank" / "measures.xlsx")
    years = [c.value for sheet in book.worksheets if sheet.title == "Targets" for c in sheet["B"]]
    assert "2013/14" in years
