"""A whole run (contract v2 sections 6 and 7): the default reporting month, results.csv's
new columns and districts.csv."""

from __future__ import annotations

from builders import write_return
from contract_helpers import inputs_with, invoke, measure, read_csv, run_rows, target

from fscxl.model.periods import Month
from fscxl.pipeline import run

MAY12 = Month(2012, 5)


def three_measures(tmp_path, june_for=()):
    """Three percentages reported April 2011 to May 2012; `june_for` also have a June figure."""
    series = {}
    for code in ("A", "B", "C"):
        extra = [5] if code in june_for else [None]
        series[f"{code}N"] = [8] * 14 + extra
        series[f"{code}D"] = [10] * 14 + extra
    measures = [measure(code, numerator=f"{code}N", denominator=f"{code}D") for code in ("A", "B", "C")]
    return inputs_with(tmp_path, measures, [target(c, target=80, floor=70) for c in "ABC"], series)


def test_one_early_june_figure_does_not_move_the_report_and_is_named_in_a_warning(tmp_path):
    summary = run(three_measures(tmp_path, june_for=("B",)), tmp_path / "out")
    assert summary.month == MAY12
    [warning] = [p for p in summary.problems.warnings if p.code == "RUN70"]
    assert warning.found.startswith("June 2012: 1 of 3 measures have figures")


def test_the_report_moves_when_most_measures_have_the_months_figures(tmp_path):
    summary = run(three_measures(tmp_path, june_for=("A", "B")), tmp_path / "out")
    assert summary.month == Month(2012, 6)
    assert "RUN70" not in summary.problems.codes()


def test_context_measures_do_not_count_towards_the_reporting_month(tmp_path):
    series = {"AN": [8] * 14 + [None], "AD": [10] * 14 + [None], "XN": [8] * 15, "YN": [8] * 15}
    measures = [measure("A", numerator="AN", denominator="AD"),
                measure("X", numerator="XN", denominator=None, unit="Number", polarity="None"),
                measure("Y", numerator="YN", denominator=None, unit="Number", polarity="None")]
    summary = run(inputs_with(tmp_path, measures, [target("A", target=80)], series), tmp_path / "out")
    assert summary.month == MAY12


def test_a_mistyped_year_in_a_month_heading_is_an_error_naming_the_cell(tmp_path):
    inputs = inputs_with(tmp_path, [measure()], [target(target=80)], {"NUM": [8] * 14, "DEN": [10] * 14})
    write_return(inputs / "returns" / "late.xlsx", {"NUM": [9], "DEN": [10]}, headers=["Apr-30"])
    result = invoke("run", "--inputs", inputs, "--outputs", tmp_path / "out")
    assert result.exit_code == 1, result.output
    assert "returns/late.xlsx" in result.output and "sheet 'Return', cell C4" in result.output
    assert "April 2030" in result.output
    assert not (tmp_path / "out" / "2030-04").exists()


def test_results_csv_new_columns_for_a_red_running_count(tmp_path):
    # a running count: 5 + 4 = 9 year to date in May against a phased target of 20 and a
    # floor pro-rated to 60 x 20 / 120 = 10; last May it was 30 + 30 = 60
    series = {"NUM": [30, 30] + [10] * 10 + [5, 4]}
    rows, _ = run_rows(tmp_path, [measure("C", unit="Number", denominator=None, basis="YTD",
                                          compare_with="Same month last year")],
                       [target("C", target=120, floor=60, phased=[10, 20] + [None] * 10),
                        target("C", year="2011/12", target=120, floor=60, phased=[10, 50] + [None] * 10)],
                       series, month=MAY12)
    row = rows["C"]
    assert (row["value"], row["target"], row["floor"], row["rag"]) == ("9", "20", "10", "Red")
    assert (row["frequency"], row["period"], row["numerator"], row["denominator"]) == (
        "Monthly", "YTD Apr-May 2012", "9", "")
    assert (row["comparison_value"], row["direction"], row["exception"]) == ("60", "Worsening", "Y")
    # last May's 60 against last May's own phased target (50) and pro-rated floor (25)
    assert row["previous_rag"] == "Green"


def test_results_csv_numerator_and_denominator_are_the_sums_behind_the_headline(tmp_path):
    series = {"NUM": [1] * 12 + [2.5, 3], "DEN": [10] * 12 + [20, 20]}
    rows, _ = run_rows(tmp_path, [measure("P", basis="YTD"), measure("R", unit="Rate per 10,000",
                                                                     denominator=5000, basis="Rolling 12")],
                       [target("P", target=50, floor=20)], series, month=MAY12)
    assert (rows["P"]["numerator"], rows["P"]["denominator"], rows["P"]["period"]) == (
        "5.5", "40", "YTD Apr-May 2012")
    assert (rows["R"]["numerator"], rows["R"]["denominator"], rows["R"]["period"]) == (
        "15.5", "5000", "Rolling 12 Jun 2011-May 2012")
    # compared with April: 2.5 / 20 = 12.5% year to date, below April's floor of 20
    assert (rows["P"]["comparison_value"], rows["P"]["previous_rag"]) == ("12.5", "Red")


def test_districts_csv_has_a_row_per_district_and_the_county(tmp_path):
    series = {"NUM": {"North": [4] * 14, "swale ": [9] * 13 + [2]},
              "DEN": {"North": [10] * 14, "Swale": [10] * 14}}
    inputs = inputs_with(tmp_path, [measure("P"), measure("Q", numerator="OTHER", denominator=None,
                                                          unit="Number")],
                         [target("P", target=80, floor=30)], {**series}, districts=True)
    write_return(inputs / "returns" / "county.xlsx", {"OTHER": [1] * 14})
    summary = run(inputs, tmp_path / "out", MAY12)
    rows = read_csv(summary.folder / "districts.csv")
    assert [(r["ref"], r["district"], r["value"], r["rag"], r["numerator"], r["denominator"])
            for r in rows] == [
        ("P", "North", "40.0", "Amber", "4", "10"),
        ("P", "Swale", "20.0", "Red", "2", "10"),
        ("P", "County", "30.0", "Amber", "6", "20"),
    ]
    assert {r["month"] for r in rows} == {"2012-05"}


def test_a_district_of_a_rate_over_the_county_population_gives_its_count_alone(tmp_path):
    series = {"NUM": {"North": [4] * 14, "Swale": [6] * 14}}
    inputs = inputs_with(tmp_path, [measure("R", unit="Rate per 10,000", denominator=1000)],
                         [target("R", target=80, floor=30)], series, districts=True)
    rows = read_csv(run(inputs, tmp_path / "out", MAY12).folder / "districts.csv")
    assert [(r["district"], r["value"], r["rag"], r["numerator"], r["denominator"]) for r in rows] == [
        ("North", "", "", "4", ""), ("Swale", "", "", "6", ""), ("County", "100.0", "Green", "10", "1000")]
