"""The command line: exit codes, plain messages, results.csv as the contract writes it."""

import csv

from builders import measure, simple_inputs, target, write_return
from click.testing import CliRunner

from fscxl.cli import main
from fscxl.render.results_csv import COLUMNS


def invoke(*args):
    return CliRunner().invoke(main, [str(a) for a in args])


def read_csv(path):
    with open(path, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_run_writes_results_csv_with_the_contract_columns(tmp_path):
    inputs = simple_inputs(tmp_path, measures=[
        measure("M1", basis="YTD"), measure("M2", unit="Number", denominator=None, basis="Snapshot",
                                            polarity="None")],
        targets=[target("M1", target=80, floor=70)])
    result = invoke("run", "--inputs", inputs, "--outputs", tmp_path / "out")
    assert result.exit_code == 0, result.output
    path = tmp_path / "out" / "2012-05" / "results.csv"
    with open(path, encoding="utf-8") as handle:
        assert handle.readline().strip() == ",".join(COLUMNS)
    rows = read_csv(path)
    assert [r["ref"] for r in rows] == ["M1", "M2"]
    m1, m2 = rows
    assert m1["month"] == "2012-05"
    assert (m1["value"], m1["month_value"], m1["ytd_value"], m1["rolling12_value"]) == (
        "80.0", "80.0", "80.0", "80.0")
    assert (m1["target"], m1["floor"], m1["rag"]) == ("80.0", "70.0", "Green")
    assert (m1["comparison_value"], m1["direction"]) == ("80.0", "No change")
    assert (m2["value"], m2["ytd_value"], m2["rolling12_value"], m2["rag"]) == ("8", "", "", "")


def test_default_month_is_the_latest_with_data_and_month_option_overrides(tmp_path):
    inputs = simple_inputs(tmp_path, series={"NUM": [8] * 13 + [None], "DEN": [10] * 13 + [None]})
    assert invoke("run", "--inputs", inputs, "--outputs", tmp_path / "out").exit_code == 0
    assert (tmp_path / "out" / "2012-04" / "results.csv").exists()
    assert invoke("run", "--inputs", inputs, "--outputs", tmp_path / "out", "--month", "2012-03").exit_code == 0
    assert read_csv(tmp_path / "out" / "2012-03" / "results.csv")[0]["month"] == "2012-03"


def test_input_errors_exit_1_with_workbook_sheet_cell_and_no_traceback(tmp_path):
    inputs = simple_inputs(tmp_path, series={"NUM": [8] * 13 + ["n/a"], "DEN": [10] * 14})
    result = invoke("run", "--inputs", inputs, "--outputs", tmp_path / "out")
    assert result.exit_code == 1
    assert "returns/return.xlsx" in result.output
    assert "sheet 'Return', cell P4: expected a number, found 'n/a'" in result.output
    assert "Traceback" not in result.output
    assert not (tmp_path / "out" / "2012-05").exists()
    assert (tmp_path / "out" / "validation_report.xlsx").exists()


def test_validate_exit_codes(tmp_path):
    good = simple_inputs(tmp_path / "good")
    assert invoke("validate", "--inputs", good, "--outputs", tmp_path / "out").exit_code == 0
    bad = simple_inputs(tmp_path / "bad", series={"NUM": [8] * 13 + [-1], "DEN": [10] * 14})
    result = invoke("validate", "--inputs", bad, "--outputs", tmp_path / "out")
    assert result.exit_code == 1
    assert "found -1" in result.output


def test_usage_errors_exit_2(tmp_path):
    assert invoke("run", "--month", "May 2012").exit_code == 2
    assert invoke("run", "--inputs", tmp_path / "nowhere").exit_code == 2
    assert invoke("frobnicate").exit_code == 2
    inputs = simple_inputs(tmp_path)
    result = invoke("run", "--inputs", inputs, "--outputs", tmp_path / "o", "--month", "2013-01")
    assert result.exit_code == 2
    assert "latest month with data is May 2012" in result.output


def test_missing_field_names_the_measure(tmp_path):
    inputs = simple_inputs(tmp_path, measures=[measure("M7", numerator="NOT_THERE")])
    result = invoke("validate", "--inputs", inputs, "--outputs", tmp_path / "out")
    assert result.exit_code == 1
    assert "M7" in result.output and "NOT_THERE" in result.output


def test_verbose_shows_a_traceback_for_support(tmp_path, monkeypatch):
    import fscxl.pipeline

    def broken(*_args, **_kwargs):
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(fscxl.pipeline, "run", broken)
    quiet = invoke("run", "--inputs", tmp_path)
    assert quiet.exit_code == 1 and "something unexpected went wrong" in quiet.output
    # the exception's own text and class are technical detail, for --verbose only
    assert "disk on fire" not in quiet.output and "RuntimeError" not in quiet.output
    assert "Traceback" not in quiet.output
    loud = invoke("--verbose", "run", "--inputs", tmp_path)
    assert "Traceback" in loud.output and "RuntimeError: disk on fire" in loud.output
    assert "Traceback" in invoke("run", "--verbose", "--inputs", tmp_path).output


def test_district_returns_add_up_to_the_county(tmp_path):
    inputs = simple_inputs(tmp_path)
    (inputs / "returns" / "return.xlsx").unlink()
    write_return(inputs / "returns" / "area" / "districts.xlsx",
                 {"NUM": {"Dover": [3] * 14, "Thanet": [5] * 14},
                  "DEN": {"Dover": [4] * 14, "Thanet": [6] * 14}}, districts=True)
    result = invoke("run", "--inputs", inputs, "--outputs", tmp_path / "out")
    assert result.exit_code == 0, result.output
    assert read_csv(tmp_path / "out" / "2012-05" / "results.csv")[0]["value"] == "80.0"


def test_owner_and_dot_files_are_skipped_silently(tmp_path):
    inputs = simple_inputs(tmp_path)
    (inputs / "returns" / "~$return.xlsx").write_bytes(b"owner file")
    (inputs / "returns" / ".hidden.xlsx").write_bytes(b"junk")
    result = invoke("validate", "--inputs", inputs, "--outputs", tmp_path / "out")
    assert result.exit_code == 0, result.output
    assert "~$" not in result.output and "hidden" not in result.output


def test_missing_fields_name_their_catalogue_cells(tmp_path):
    inputs = simple_inputs(tmp_path, measures=[measure("M1", numerator="NOPE", denominator="GONE")])
    result = invoke("validate", "--inputs", inputs, "--outputs", tmp_path / "out")
    assert result.exit_code == 1
    assert "sheet 'Measures', cell I2: measure M1 (A measure) needs the field NOPE" in result.output
    assert "sheet 'Measures', cell J2: measure M1 (A measure) needs the field GONE" in result.output


def test_input_errors_are_shown_even_when_the_report_cannot_be_written(tmp_path):
    inputs = simple_inputs(tmp_path, series={"NUM": [8] * 13 + ["n/a"], "DEN": [10] * 14})
    blocker = tmp_path / "not a folder"
    blocker.write_text("an officer's file")
    for command in ("run", "validate"):
        result = invoke(command, "--inputs", inputs, "--outputs", blocker / "out")
        assert result.exit_code == 1, result.output
        assert "cell P4: expected a number, found 'n/a'" in result.output
        assert "is a file, not a folder" in result.output
        assert "Traceback" not in result.output
    assert blocker.read_text() == "an officer's file"


def test_a_good_run_replaces_a_stale_top_level_validation_report(tmp_path):
    import openpyxl

    bad = simple_inputs(tmp_path / "bad", series={"NUM": [8] * 13 + ["n/a"], "DEN": [10] * 14})
    out = tmp_path / "out"
    assert invoke("run", "--inputs", bad, "--outputs", out).exit_code == 1

    def texts():
        book = openpyxl.load_workbook(out / "validation_report.xlsx")
        return " ".join(str(c.value) for row in book.worksheets[0].iter_rows() for c in row if c.value)

    assert "n/a" in texts()
    good = simple_inputs(tmp_path / "good")
    assert invoke("run", "--inputs", good, "--outputs", out).exit_code == 0
    assert "n/a" not in texts()
