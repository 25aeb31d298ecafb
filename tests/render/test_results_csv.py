"""Contract sections 5 and 7: results.csv column by column, and one workbook per scorecard."""

from __future__ import annotations

import openpyxl
import pytest
from builders import simple_inputs
from contract_helpers import inputs_with, measure, read_csv, run_rows, target, two_measure_inputs

from fscxl.pipeline import run

# openpyxl, reading the written workbooks back, does not know xlsxwriter's sparklines
pytestmark = pytest.mark.filterwarnings("ignore:Sparkline Group extension:UserWarning")

COLUMNS = ("scorecard,area,ref,title,unit,polarity,basis,month,value,month_value,ytd_value,"
           "rolling12_value,target,floor,rag,comparison_value,direction,benchmark,"
           "frequency,period,numerator,denominator,previous_rag,exception")


def test_one_workbook_per_scorecard_named_with_letter_and_month_and_rag_as_words(tmp_path):
    inputs = inputs_with(tmp_path, [
        measure("A1", scorecard="Adults"), measure("C1", scorecard="Children"),
        measure("X1", scorecard="Extra", polarity="Low")],
        [target("A1", target=90, floor=85), target("C1", target=80, floor=70), target("X1", target=70)],
        {"NUM": [8] * 14, "DEN": [10] * 14},
        scorecards=[["Adults", "Adult Social Care", "Dashboard", "B"], ["Children", "Children", "Scorecard", "C"]])
    summary = run(inputs, tmp_path / "out")
    folder = tmp_path / "out" / "2012-05"
    assert summary.folder == folder
    names = sorted(p.name for p in folder.iterdir())
    assert names == ["Appendix B - Adult Social Care - 2012-05.xlsx", "Appendix C - Children - 2012-05.xlsx",
                     "Appendix D - Extra - 2012-05.xlsx", "Email to members - 2012-05.eml", "districts.csv", "results.csv",
                     "validation_report.xlsx"]
    for name, word in (("Appendix B", "Red"), ("Appendix C", "Green"), ("Appendix D", "Amber")):
        [path] = [p for p in folder.iterdir() if p.name.startswith(name)]
        book = openpyxl.load_workbook(path)
        words = [cell.value for sheet in book.worksheets for row in sheet.iter_rows() for cell in row]
        assert any(isinstance(v, str) and v.strip().endswith(word) for v in words), name
        rules = [rule for sheet in book.worksheets for cf in sheet.conditional_formatting for rule in cf.rules]
        assert any(word in " ".join(rule.formula or []) for rule in rules), name


def test_results_csv_is_utf8_with_the_contract_header_and_one_row_per_measure(tmp_path):
    summary = run(two_measure_inputs(tmp_path), tmp_path / "out")
    raw = (summary.folder / "results.csv").read_bytes()
    assert not raw.startswith(b"\xef\xbb\xbf")
    text = raw.decode("utf-8")
    assert text.splitlines()[0] == COLUMNS
    rows = read_csv(summary.folder / "results.csv")
    assert [r["ref"] for r in rows] == ["P1", "N1"]
    p1, n1 = rows
    assert p1["title"] == "Children’s measure"
    assert (p1["scorecard"], p1["area"], p1["unit"], p1["polarity"], p1["basis"], p1["month"]) == (
        "Children", "Outcomes", "%", "High", "Month", "2012-05")
    assert (p1["target"], p1["floor"], p1["benchmark"], p1["rag"]) == ("80.0", "70.0", "75.3", "Green")
    assert (n1["target"], n1["floor"], n1["rag"], n1["benchmark"]) == ("", "", "", "")
    assert (n1["ytd_value"], n1["rolling12_value"], n1["value"], n1["month_value"]) == ("", "", "8", "8")


@pytest.mark.parametrize("num, decimals, expected", [
    (1234567, 0, "1234567"),               # no thousands separator
    (1000, 0, "1000"),                     # never 1E+3
    (10 ** 15, 0, "1000000000000000"),
    (0, 2, "0.00"),
    (1, 6, "1.000000"),
    (100000000, 1, "100000000.0"),
])
def test_numbers_are_plain_decimals(tmp_path, num, decimals, expected):
    rows, _ = run_rows(tmp_path, [measure("N", unit="Number", denominator=None, decimals=decimals,
                                          polarity="None")], [], {"NUM": [num] * 14})
    assert rows["N"]["value"] == expected


def test_small_rates_and_targets_are_plain_decimals(tmp_path):
    rows, _ = run_rows(tmp_path, [measure("R", unit="Rate per 100,000", denominator=10 ** 9, decimals=4)],
                       [target("R", target=0.00001, floor=0.0000001, benchmark=1e-7)],
                       {"NUM": [1] * 14})
    r = rows["R"]
    assert (r["value"], r["target"], r["floor"], r["benchmark"]) == ("0.0001", "0.0000", "0.0000", "0.0000")
    for value in r.values():
        assert "E" not in value and "e-" not in value


def test_percent_values_carry_no_percent_sign_and_the_target_is_the_phased_one(tmp_path):
    rows, _ = run_rows(tmp_path, [measure("P")], [target("P", target=80, phased=[None, 65.55] + [None] * 10)],
                       {"NUM": [2] * 14, "DEN": [3] * 14})
    assert (rows["P"]["value"], rows["P"]["target"]) == ("66.7", "65.6")
    assert rows["P"]["rag"] == "Green"


def test_each_window_column_for_a_year_to_date_and_a_snapshot_measure(tmp_path, cli):
    inputs = simple_inputs(tmp_path, measures=[
        measure("M1", basis="YTD"), measure("M2", unit="Number", denominator=None, basis="Snapshot",
                                            polarity="None")],
        targets=[target("M1", target=80, floor=70)])
    result = cli("run", "--inputs", inputs, "--outputs", tmp_path / "out")
    assert result.exit_code == 0, result.output
    path = tmp_path / "out" / "2012-05" / "results.csv"
    rows = read_csv(path)
    assert [r["ref"] for r in rows] == ["M1", "M2"]
    m1, m2 = rows
    assert m1["month"] == "2012-05"
    assert (m1["value"], m1["month_value"], m1["ytd_value"], m1["rolling12_value"]) == (
        "80.0", "80.0", "80.0", "80.0")
    assert (m1["target"], m1["floor"], m1["rag"]) == ("80.0", "70.0", "Green")
    assert (m1["comparison_value"], m1["direction"]) == ("80.0", "No change")
    assert (m2["value"], m2["ytd_value"], m2["rolling12_value"], m2["rag"]) == ("8", "", "", "")
