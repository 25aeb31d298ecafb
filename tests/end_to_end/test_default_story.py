"""The shipped default inputs tell the committee report's story for May 2012.

Runs the real command on inputs/ (written by tools/make_default_inputs.py) for May and for
April 2012 and checks results.csv against the report of 12 July 2012: the outcomes area's
8 Amber and 4 Red, what May alone shows against April, the activity and timescale
positions, the staff measures and the adults' dashboard; and that every kind of measure
is set up as the contract means it (snapshots, quarterly and annual figures, running
counts), with the small district counts and the corrected April figure the May pack
must show.
"""

from __future__ import annotations

import csv
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner

from fscxl.cli import main

ROOT = Path(__file__).resolve().parents[2]
INPUTS = ROOT / "inputs"
PUBLISHED_APRIL = ROOT / "outputs" / "2012-04" / "results.csv"

pytestmark = pytest.mark.slow  # whole runs of the default inputs
OUTCOMES = "Are we achieving good outcomes?"
HOW_MUCH = "How much are we dealing with?"
HOW_LONG = "How long is it taking us?"
HOW_WELL = "How well are we doing it?"
STAFF = "Are we supporting our staff?"


def read_csv(path: Path) -> list[dict[str, str]]:
    with open(path, newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def run_month(outputs: Path, month: str | None = None) -> dict[str, dict[str, str]]:
    args = ["run", "--inputs", str(INPUTS), "--outputs", str(outputs)]
    if month:
        args += ["--month", month]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    label = month or "2012-05"
    rows = read_csv(outputs / label / "results.csv")
    assert all(row["month"] == label for row in rows)
    return {row["ref"]: row for row in rows}


@pytest.fixture(scope="module")
def may_outputs(tmp_path_factory) -> Path:
    # The default month is the latest with data, which must be May 2012.
    outputs = tmp_path_factory.mktemp("may")
    run_month(outputs)
    return outputs / "2012-05"


@pytest.fixture(scope="module")
def may(may_outputs) -> dict[str, dict[str, str]]:
    return {row["ref"]: row for row in read_csv(may_outputs / "results.csv")}


@pytest.fixture(scope="module")
def april(tmp_path_factory) -> dict[str, dict[str, str]]:
    return run_month(tmp_path_factory.mktemp("april"), "2012-04")


@pytest.fixture(scope="module")
def may_last_year(tmp_path_factory) -> dict[str, dict[str, str]]:
    return run_month(tmp_path_factory.mktemp("may-2011"), "2011-05")


def targets_row(ref: str, year: str) -> dict[str, object]:
    book = openpyxl.load_workbook(INPUTS / "measures.xlsx", read_only=True)
    rows = book["Targets"].iter_rows(values_only=True)
    header = [str(h).strip() for h in next(rows)]
    targets = [dict(zip(header, row)) for row in rows]
    book.close()
    (row,) = [t for t in targets if t["Ref"] == ref and t["Year"] == year]
    return row


def return_sheet(path: str, sheet: str) -> dict[str, dict[str, object]]:
    """Code -> {month heading: figure} for the filled cells of a county return sheet."""
    book = openpyxl.load_workbook(INPUTS / "returns" / path, read_only=True)
    rows = list(book[sheet].iter_rows(values_only=True))
    book.close()
    at = next(i for i, row in enumerate(rows) if row and row[0] == "Code")
    header = rows[at]
    assert header[1] == "Description" and header[2] != "District"
    return {row[0]: {str(h): v for h, v in zip(header[2:], row[2:]) if v is not None}
            for row in rows[at + 1:] if row and row[0]}


def commentary_for(ref: str, month: str) -> str:
    book = openpyxl.load_workbook(INPUTS / "commentary.xlsx", read_only=True)
    rows = list(book["Measures"].iter_rows(values_only=True))[1:]
    book.close()
    (text,) = [text for r, when, text in rows if r == ref and f"{when:%Y-%m}" == month]
    return text


def dec(text: str) -> Decimal:
    return Decimal(text)


def month_level(row: dict[str, str]) -> str:
    """The RAG the month-alone figure would get against the row's target and floor."""
    value, target, floor = dec(row["month_value"]), dec(row["target"]), dec(row["floor"])
    if row["polarity"] == "High":
        return "Green" if value >= target else "Red" if value < floor else "Amber"
    assert row["polarity"] == "Low"
    return "Green" if value <= target else "Red" if value > floor else "Amber"


def better(now: str, before: str, polarity: str) -> bool:
    return dec(now) < dec(before) if polarity == "Low" else dec(now) > dec(before)


def area(rows, name: str) -> list[dict[str, str]]:
    return [row for row in rows.values() if row["area"] == name]


def count(rows, column: str, value: str) -> int:
    return sum(1 for row in rows if row[column] == value)


def test_every_measure_is_reported(may):
    assert len(may) == 68
    assert sum(1 for row in may.values() if row["scorecard"] == "Children") == 44
    assert sum(1 for row in may.values() if row["scorecard"] == "Adults") == 24


def test_outcomes_are_8_amber_and_4_red(may):
    outcomes = area(may, OUTCOMES)
    assert len(outcomes) == 12
    assert count(outcomes, "rag", "Amber") == 8
    assert count(outcomes, "rag", "Red") == 4
    assert count(outcomes, "rag", "Green") == 0


def test_the_reds_are_three_year_to_date_figures_and_the_two_year_plans(may):
    children_reds = {ref for ref, row in may.items() if row["scorecard"] == "Children" and row["rag"] == "Red"}
    assert children_reds == {"CH29", "CH30", "CH31", "CH33"}
    assert [may[ref]["basis"] for ref in ("CH29", "CH30", "CH31")] == ["YTD"] * 3
    assert may["CH33"]["basis"] == "Rolling 12"


def test_outcomes_trend_is_broadly_improving(may):
    assert count(area(may, OUTCOMES), "direction", "Improving") >= 8


def test_may_alone_returned_to_trend(may, april):
    # Section 4.5: re-referrals and leaving care through adoption were red and are now amber;
    # repeat CP plans and adoption within 12 months are still red but improved.
    assert (month_level(april["CH29"]), month_level(may["CH29"])) == ("Red", "Amber")
    assert (month_level(april["CH32"]), month_level(may["CH32"])) == ("Red", "Amber")
    for ref in ("CH30", "CH31"):
        assert (month_level(april[ref]), month_level(may[ref])) == ("Red", "Red"), ref
        assert better(may[ref]["month_value"], april[ref]["month_value"], may[ref]["polarity"]), ref
    assert may["CH32"]["rag"] == "Amber"  # amber in May alone, and amber year to date


def test_april_year_to_date_is_april_alone(may, april):
    for ref in ("CH29", "CH30", "CH31", "CH32"):
        assert april[ref]["value"] == april[ref]["month_value"], ref
        assert may[ref]["comparison_value"] == april[ref]["value"], ref


def test_three_or_more_placements_amber_with_concern(may):
    assert may["CH34"]["rag"] == "Amber"
    assert may["CH34"]["direction"] == "Worsening"


def test_referrals_just_below_band_and_progression_above(may):
    ch01 = may["CH01"]
    assert ch01["rag"] == "Amber" and ch01["basis"] == "Rolling 12"
    assert Decimal(470) <= dec(ch01["value"]) < dec(ch01["target"]) == Decimal(480)
    # Green bands (reference): CH03 60-70 with amber to 80; CH05 15-22 with amber to 28.
    for ref, green_upper, amber_upper in (("CH03", 70, 80), ("CH05", 22, 28)):
        assert may[ref]["rag"] == "Amber", ref
        assert Decimal(green_upper) < dec(may[ref]["value"]) <= Decimal(amber_upper), ref


def test_how_much_direction_broadly_improving(may):
    judged = [row for row in area(may, HOW_MUCH) if row["polarity"] != "None"]
    assert count(judged, "direction", "Improving") >= 3
    assert count(judged, "direction", "Worsening") == 0
    assert may["CH01"]["direction"] == "Improving"


def test_all_but_one_timescale_green_and_all_improving(may):
    timescales = area(may, HOW_LONG)
    assert len(timescales) == 8
    assert count(timescales, "rag", "Green") == 7
    assert count(timescales, "rag", "Amber") == 1
    assert count(timescales, "direction", "Improving") == 8


def test_case_files_and_children_not_seen_remain_a_concern(may):
    assert may["CH19"]["rag"] in ("Amber", "Red")
    assert may["CH20"]["rag"] in ("Amber", "Red")
    others = [row for row in area(may, HOW_WELL) if row["ref"] not in ("CH19", "CH20")]
    assert count(others, "rag", "Green") >= 6
    assert count(area(may, HOW_WELL), "direction", "Improving") >= 7


def test_staff_broadly_good_trend_marginal_agency_above_target(may):
    staff = area(may, STAFF)
    assert may["CH41"]["rag"] == "Amber"
    assert all(row["rag"] in ("Green", "Amber") for row in staff)
    assert 1 <= count(staff, "direction", "Improving") <= 2


def test_self_directed_support_green_against_phased_target(may):
    as01 = targets_row("AS01", "2012/13")
    phased_may = Decimal(str(as01["May"]))
    assert phased_may < Decimal(str(as01["Target"])) == Decimal(70)
    row = may["AS01"]
    assert row["rag"] == "Green"
    assert dec(row["value"]) < Decimal(70)
    assert dec(row["value"]) >= phased_may
    assert dec(row["target"]) == phased_may


def test_adults_mostly_green_and_amber_with_a_few_reds(may):
    adults = [row for row in may.values() if row["scorecard"] == "Adults"]
    reds = {row["ref"] for row in adults if row["rag"] == "Red"}
    assert 2 <= len(reds) <= 4
    assert {"AS08", "AS13"} <= reds
    assert count(adults, "rag", "Green") >= 10
    assert count(adults, "rag", "Amber") >= 6
    assert may["AS16"]["rag"] == "" and may["AS16"]["polarity"] == "None"


# ---- every kind of measure (contract sections 2, 3 and 6, v2)

def test_delayed_transfers_are_month_end_snapshots(may, april):
    # A month-end count per 100,000 is never summed: no year-to-date or 12-month figure.
    for ref in ("AS08", "AS09"):
        row = may[ref]
        assert (row["basis"], row["frequency"]) == ("Snapshot", "Monthly"), ref
        assert row["ytd_value"] == row["rolling12_value"] == "", ref
        assert row["value"] == row["month_value"], ref
        assert row["comparison_value"] == april[ref]["value"], ref
    assert (may["AS08"]["rag"], may["AS08"]["direction"]) == ("Red", "Worsening")
    assert (may["AS09"]["rag"], may["AS09"]["direction"]) == ("Amber", "Worsening")


def test_survey_fields_hold_one_figure_a_year(may):
    survey = return_sheet("adults/adult_outcomes_and_surveys.xlsx", "Survey")
    assert set(survey) == {"ASCS_RESPONDENTS", "ASCS_QOL_SCORE_SUM", "ASCS_VERY_SATISFIED"}
    for code, figures in survey.items():
        assert list(figures) == ["Apr-10", "Feb-11", "Feb-12"], code  # pilot, 2010/11, 2011/12


def test_survey_results_are_annual_and_compared_with_the_previous_survey(may, april):
    for ref in ("AS22", "AS23"):
        row = may[ref]
        assert (row["frequency"], row["period"], row["direction"]) == ("Annual", "2011/12", "Improving"), ref
        assert dec(row["value"]) > dec(row["comparison_value"]), ref
        assert (april[ref]["value"], april[ref]["period"]) == (row["value"], "2011/12"), ref
    # the committee report: 18.8, "up from 18.6 the previous year", just below the target of 19.0
    assert (may["AS22"]["value"], may["AS22"]["comparison_value"], may["AS22"]["rag"]) == ("18.8", "18.6", "Amber")
    assert may["AS23"]["rag"] == "Green"


def test_survey_commentary_cites_the_printed_figures(may):
    as22, as23 = commentary_for("AS22", "2012-05"), commentary_for("AS23", "2012-05")
    assert f"is {may['AS22']['value']}, up from {may['AS22']['comparison_value']} the previous year" in as22
    assert f"{may['AS23']['value']}% of service users" in as23
    assert f"up from {may['AS23']['comparison_value']}% the previous year" in as23


def test_mental_health_measures_are_quarterly(may, april):
    # The mental health trust reports at quarter ends: June, September, December and March.
    sheet = return_sheet("adults/adult_outcomes_and_surveys.xlsx", "Mental health (quarterly)")
    assert set(sheet) == {"MH_CLIENTS_CPA", "MH_EMPLOYED", "MH_SETTLED_ACCOM"}
    for code, figures in sheet.items():
        assert {heading[:3] for heading in figures} == {"Jun", "Sep", "Dec", "Mar"}, code
        assert "Mar-12" in figures and "Apr-12" not in figures and "May-12" not in figures, code
    for ref in ("AS20", "AS21"):
        row = may[ref]
        assert (row["frequency"], row["period"], row["direction"]) == ("Quarterly", "Q4 2011/12", "Improving"), ref
        assert (april[ref]["value"], april[ref]["period"]) == (row["value"], row["period"]), ref
    assert (may["AS20"]["rag"], may["AS21"]["rag"]) == ("Amber", "Green")
    as20 = commentary_for("AS20", "2012-05")
    assert f"{may['AS20']['value']}%" in as20 and f"up from {may['AS20']['comparison_value']}%" in as20


def test_running_counts_are_judged_against_pro_rated_floors(may):
    for ref, floor_used in (("AS03", "1350"), ("AS14", "833")):
        targets, row = targets_row(ref, "2012/13"), may[ref]
        assert targets["Floor May"] is None, ref  # no phased floor given: the floor is pro-rated
        assert dec(row["target"]) == Decimal(str(targets["May"])), ref
        pro_rated = Decimal(str(targets["Floor"])) * Decimal(str(targets["May"])) / Decimal(str(targets["Target"]))
        assert row["floor"] == floor_used == str(pro_rated.quantize(Decimal(1))), ref
        assert row["rag"] == "Green", ref


def test_running_counts_compare_with_the_same_month_last_year(may, april, may_last_year):
    for ref in ("AS03", "AS14"):
        assert may[ref]["comparison_value"] == may_last_year[ref]["value"], ref
        assert may[ref]["comparison_value"] != april[ref]["value"], ref
        assert may[ref]["direction"] == "Improving", ref


# ---- small numbers and revisions (contract section 6, v2)

def test_one_district_alone_has_a_small_two_year_plan_count(may_outputs):
    rows = read_csv(may_outputs / "districts.csv")

    def small(ref: str) -> list[str]:
        return [row["district"] for row in rows if row["ref"] == ref and row["district"] != "County"
                and 1 <= int(row["numerator"]) <= 5]

    assert small("CH33") == ["Sevenoaks"]  # suppressing it needs a second district suppressed
    assert len(small("CH30")) >= 2  # several small districts: primary suppression alone


def test_april_pack_published_staff_supervision_before_its_correction(april):
    published = {row["ref"]: row for row in read_csv(PUBLISHED_APRIL)}
    assert set(published) == set(april)
    assert all(row["month"] == "2012-04" for row in published.values())
    revised = {ref for ref in april if published[ref]["value"] != april[ref]["value"]}
    assert revised == {"CH44"}
    assert (published["CH44"]["value"], april["CH44"]["value"]) == ("91.0", "93.3")


def test_an_annual_or_quarterly_finding_names_the_period_it_compares_with(may, may_outputs):
    """AS22's survey is compared with the year before and AS20 with the quarter before: the
    dashboard's finding names that period as results.csv labels it, not the month it was typed."""
    import warnings

    import openpyxl

    [path] = may_outputs.glob("Appendix B*.xlsx")
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message="Sparkline Group extension")
        sheet = openpyxl.load_workbook(path)["Dashboard"]
    findings = {str(sheet.cell(row, 1).value).split()[0]: sheet.cell(row + 2, 1).value
                for row in range(1, sheet.max_row + 1) if str(sheet.cell(row, 1).value or "")[:2] == "AS"
                and "  " in str(sheet.cell(row, 1).value)}
    assert may["AS22"]["frequency"] == "Annual" and may["AS20"]["frequency"] == "Quarterly"
    assert f" from {may['AS22']['comparison_value']} in 2010/11, " in findings["AS22"]
    assert f" from {may['AS20']['comparison_value']}% in Q3 2011/12, " in findings["AS20"]


def test_the_counts_beside_each_figure_are_the_sums_results_csv_gives(may, may_outputs):
    """Count and Out of are the numerator and denominator behind the headline, quarterly and
    annual windows included, so a member can check a percentage against results.csv."""
    import warnings

    import openpyxl

    checked = 0
    for path in sorted(may_outputs.glob("Appendix [BC]*.xlsx")):
        with warnings.catch_warnings():
            warnings.filterwarnings("ignore", message="Sparkline Group extension")
            book = openpyxl.load_workbook(path)
        for sheet in book.worksheets:
            rows = list(sheet.iter_rows(values_only=True))
            header = next((r for r in rows if r and "Count" in r and "Out of" in r and "Ref" in r), None)
            if header is None:
                continue
            ref, count, out_of = header.index("Ref"), header.index("Count"), header.index("Out of")
            for row in rows[rows.index(header) + 1:]:
                if row[ref] in may and isinstance(row[count], (int, float)):
                    assert Decimal(str(row[count])) == Decimal(may[row[ref]]["numerator"]), (sheet.title, row[ref])
                    assert Decimal(str(row[out_of])) == Decimal(may[row[ref]]["denominator"]), (sheet.title, row[ref])
                    checked += 1
    assert checked > 20
