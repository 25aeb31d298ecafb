"""The command line: the month it reports, exit codes, plain messages, the validation report it leaves."""

from builders import simple_inputs, write_return
from contract_helpers import read_csv


def test_default_month_is_the_latest_with_data_and_month_option_overrides(tmp_path, cli):
    inputs = simple_inputs(tmp_path, series={"NUM": [8] * 13 + [None], "DEN": [10] * 13 + [None]})
    assert cli("run", "--inputs", inputs, "--outputs", tmp_path / "out").exit_code == 0
    assert (tmp_path / "out" / "2012-04" / "results.csv").exists()
    assert cli("run", "--inputs", inputs, "--outputs", tmp_path / "out", "--month", "2012-03").exit_code == 0
    assert read_csv(tmp_path / "out" / "2012-03" / "results.csv")[0]["month"] == "2012-03"


def test_input_errors_exit_1_with_workbook_sheet_cell_and_no_traceback(tmp_path, cli):
    inputs = simple_inputs(tmp_path, series={"NUM": [8] * 13 + ["n/a"], "DEN": [10] * 14})
    result = cli("run", "--inputs", inputs, "--outputs", tmp_path / "out")
    assert result.exit_code == 1
    assert "returns/return.xlsx" in result.output
    assert "sheet 'Return', cell P4: expected a number, found 'n/a'" in result.output
    assert "Traceback" not in result.output
    assert not (tmp_path / "out" / "2012-05").exists()
    assert (tmp_path / "out" / "validation_report.xlsx").exists()


def test_verbose_shows_a_traceback_for_support(tmp_path, monkeypatch, cli):
    import fscxl.pipeline

    def broken(*_args, **_kwargs):
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(fscxl.pipeline, "run", broken)
    quiet = cli("run", "--inputs", tmp_path)
    assert quiet.exit_code == 1 and "something unexpected went wrong" in quiet.output
    # the exception's own text and class are technical detail, for --verbose only
    assert "disk on fire" not in quiet.output and "RuntimeError" not in quiet.output
    assert "Traceback" not in quiet.output
    loud = cli("--verbose", "run", "--inputs", tmp_path)
    assert "Traceback" in loud.output and "RuntimeError: disk on fire" in loud.output
    assert "Traceback" in cli("run", "--verbose", "--inputs", tmp_path).output


def test_district_returns_add_up_to_the_county(tmp_path, inputs, cli):
    (inputs / "returns" / "return.xlsx").unlink()
    write_return(inputs / "returns" / "area" / "districts.xlsx",
                 {"NUM": {"Dover": [3] * 14, "Thanet": [5] * 14},
                  "DEN": {"Dover": [4] * 14, "Thanet": [6] * 14}}, districts=True)
    result = cli("run", "--inputs", inputs, "--outputs", tmp_path / "out")
    assert result.exit_code == 0, result.output
    assert read_csv(tmp_path / "out" / "2012-05" / "results.csv")[0]["value"] == "80.0"


def test_input_errors_are_shown_even_when_the_report_cannot_be_written(tmp_path, cli):
    inputs = simple_inputs(tmp_path, series={"NUM": [8] * 13 + ["n/a"], "DEN": [10] * 14})
    blocker = tmp_path / "not a folder"
    blocker.write_text("an officer's file")
    for command in ("run", "validate"):
        result = cli(command, "--inputs", inputs, "--outputs", blocker / "out")
        assert result.exit_code == 1, result.output
        assert "cell P4: expected a number, found 'n/a'" in result.output
        assert "is a file, not a folder" in result.output
        assert "Traceback" not in result.output
    assert blocker.read_text() == "an officer's file"


def test_a_good_run_replaces_a_stale_top_level_validation_report(tmp_path, cli):
    import openpyxl

    bad = simple_inputs(tmp_path / "bad", series={"NUM": [8] * 13 + ["n/a"], "DEN": [10] * 14})
    out = tmp_path / "out"
    assert cli("run", "--inputs", bad, "--outputs", out).exit_code == 1

    def texts():
        book = openpyxl.load_workbook(out / "validation_report.xlsx")
        return " ".join(str(c.value) for row in book.worksheets[0].iter_rows() for c in row if c.value)

    assert "n/a" in texts()
    good = simple_inputs(tmp_path / "good")
    assert cli("run", "--inputs", good, "--outputs", out).exit_code == 0
    assert "n/a" not in texts()
