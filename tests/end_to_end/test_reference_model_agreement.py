"""results.csv agrees, column by column, with an independent model of contract section 6."""

import csv
import datetime as dt
import random
from decimal import Decimal
from pathlib import Path

import pytest
from builders import measure, target, write_catalogue, write_return
from click.testing import CliRunner
from reference_model import expected_from_rows, expected_results, read_long_table

from fscxl.cli import main
from fscxl.compute.results import Report, build_results
from fscxl.model.periods import Month
from fscxl.model.problems import ProblemLog
from fscxl.model.records import DEFAULT_MULTIPLIER, Catalogue, Measure, Target
from fscxl.read.returns import read_return_file
from fscxl.read.stack import add_up
from fscxl.render import results_csv

CHECKED = ["value", "month_value", "ytd_value", "rolling12_value", "target", "floor", "rag",
           "comparison_value", "direction", "benchmark",
           "frequency", "period", "numerator", "denominator", "previous_rag", "exception"]
DISTRICTS = ["Ashford", "Dover", "Thanet"]


def random_inputs(root, seed: int):
    """A catalogue mixing every unit, polarity and basis over random returns."""
    rng = random.Random(seed)
    months = 26
    county = {}
    for i in range(8):
        den = [rng.randint(20, 200) for _ in range(months)]
        county[f"N{i}"] = [rng.randint(0, d) for d in den]
        county[f"D{i}"] = den
    by_district = {f"X{i}": {d: [rng.randint(0, 50) for _ in range(months)] for d in DISTRICTS}
                   for i in range(3)}
    measures, targets = [], []
    polarities = ["High", "Low", "Band", "None"]
    bases = ["Month", "YTD", "Rolling 12", "Snapshot"]
    units = ["%", "Rate per 10,000", "Number", "Days", "Score", "Rate per 100,000"]
    for k in range(24):
        polarity, basis, unit = polarities[k % 4], bases[(k // 4) % 4], units[k % 6]
        i = k % 8
        denominator = f"D{i}" if unit != "Rate per 10,000" else 5000
        numerator = f"N{i}" if k % 5 else f"X{k % 3}"
        if unit == "Number":
            denominator = None
        ref = f"R{k:02d}"
        measures.append(measure(ref, area=f"Area {k // 6}", unit=unit, polarity=polarity, basis=basis,
                                numerator=numerator, denominator=denominator,
                                decimals=rng.choice([None, 0, 2]),
                                multiplier=rng.choice([None, None, 1000]),
                                compare_with=rng.choice([None, "Same month last year", "Previous month"])))
        centre = rng.randint(10, 90)
        phased = [rng.choice([None, centre + 1]) for _ in range(12)]
        if polarity == "Band":
            targets.append(target(ref, target=centre - 5, target_upper=centre + 5,
                                  floor=centre - 15, floor_upper=centre + 15, benchmark=centre))
        elif polarity != "None":
            floor = centre - 10 if polarity == "High" else centre + 10
            targets.append(target(ref, target=centre, floor=rng.choice([floor, None]), phased=phased,
                                  benchmark=rng.choice([None, 55.55])))
    inputs = root / "inputs"
    write_catalogue(inputs / "measures.xlsx", measures, targets)
    write_return(inputs / "returns" / "county.xlsx", county, first=(2010, 4), count=months)
    # the first year's return spells the districts its own way: they are the same districts
    half = months // 2
    write_return(inputs / "returns" / "districts" / "by_district_2010.xlsx",
                 {code: {f" {d.upper()}": values[:half] for d, values in series.items()}
                  for code, series in by_district.items()}, first=(2010, 4), count=half, districts=True)
    write_return(inputs / "returns" / "districts" / "by_district.xlsx",
                 {code: {d: values[half:] for d, values in series.items()} for code, series in by_district.items()},
                 first=(2011, 5), count=months - half, districts=True)
    return inputs


@pytest.mark.parametrize("seed", [1, 2, 3])
@pytest.mark.parametrize("month", ["2012-04", "2012-05", "2011-03"])
def test_random_catalogues_agree_with_the_reference_model(tmp_path, seed, month):
    inputs = random_inputs(tmp_path, seed)
    result = CliRunner().invoke(main, ["run", "--inputs", str(inputs), "--outputs", str(tmp_path / "out"),
                                       "--month", month])
    assert result.exit_code == 0, result.output
    with open(tmp_path / "out" / month / "results.csv", encoding="utf-8", newline="") as handle:
        actual = {row["ref"]: row for row in csv.DictReader(handle)}
    expected = expected_results(inputs, month)
    assert set(actual) == set(expected)
    for ref, wanted in expected.items():
        for column in CHECKED:
            assert actual[ref][column] == wanted[column], (ref, column, actual[ref], wanted)


DEFAULT_INPUTS = Path(__file__).resolve().parents[2] / "inputs"


@pytest.mark.slow
@pytest.mark.parametrize("month", ["2012-05", "2012-04", "2011-09"])
def test_the_default_inputs_agree_with_the_reference_model(tmp_path, month):
    result = CliRunner().invoke(main, ["run", "--inputs", str(DEFAULT_INPUTS), "--outputs",
                                       str(tmp_path / "out"), "--month", month])
    assert result.exit_code == 0, result.output
    with open(tmp_path / "out" / month / "results.csv", encoding="utf-8", newline="") as handle:
        actual = {row["ref"]: row for row in csv.DictReader(handle)}
    expected = expected_results(DEFAULT_INPUTS, month)
    assert len(actual) == len(expected) == 68
    for ref, wanted in expected.items():
        for column in CHECKED:
            assert actual[ref][column] == wanted[column], (ref, column, actual[ref], wanted)


# --- contract version 2: kinds of measure --------------------------------------------------------
# The catalogue reader does not yet read Frequency, Floor Apr..Mar or a blank Compare with as
# "by kind", so these catalogues are handed to fscxl as records built from the same rows the
# reference model reads; the returns go through fscxl's own reader.

FY_MONTHS = ["Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec", "Jan", "Feb", "Mar"]
V2_FIRST, V2_MONTHS = (2010, 4), 27  # April 2010 to June 2012


def _decimal(value):
    return None if value is None else Decimal(repr(value))


def v2_rows(seed: int):
    """Random measures and targets of every kind, as dicts headed like the sheets."""
    rng = random.Random(seed)
    measures, targets = [], []
    kinds = [("Monthly", "YTD", "Number", None),  # a running count
             ("Quarterly", "Month", "%", "QD"), ("Quarterly", "YTD", "%", "QD"),
             ("Quarterly", "Rolling 12", "Number", None), ("Annual", "Month", "%", "AD"),
             ("Annual", "Snapshot", "Number", None), ("Monthly", "Month", "%", "MD"),
             ("Monthly", "Rolling 12", "Rate per 10,000", 4000)]
    for k in range(24):
        frequency, basis, unit, denominator = kinds[k % len(kinds)]
        polarity = ["High", "Low", "Band", "None"][rng.randrange(4)] if k % 3 else "High"
        numerator = {"Quarterly": "QN", "Annual": "AN"}.get(frequency, rng.choice(["MN", "XN"]))
        if denominator == "MD" and numerator == "XN":
            denominator = "XD"
        ref = f"V{k:02d}"
        measures.append({"Ref": ref, "Scorecard": "Adults", "Area": "Area", "Title": ref, "Unit": unit,
                         "Polarity": polarity, "Basis": basis, "Numerator": numerator,
                         "Denominator": denominator, "Multiplier": None,
                         "Decimals": rng.choice([None, 0, 2]), "Frequency": frequency,
                         "Compare With": rng.choice([None, None, "Previous period", "Same month last year",
                                                     "Previous month"])})
        for year in ("2011/12", "2012/13"):
            centre = rng.randint(20, 80)
            row = {"Ref": ref, "Year": year, "Benchmark": rng.choice([None, centre])}
            if polarity == "Band":
                row.update({"Target": centre - 5, "Target Upper": centre + 5, "Floor": centre - 15,
                            "Floor Upper": centre + 15})
            elif polarity != "None":
                sign = 1 if polarity == "High" else -1
                row.update({"Target": centre, "Floor": rng.choice([centre - sign * 10, None])})
                for i, name in enumerate(FY_MONTHS):
                    phased = rng.choice([None, centre * (i + 1) // 12 or 1])
                    row[name] = phased
                    if phased is not None and rng.random() < 0.3:
                        row[f"Floor {name}"] = phased - sign * rng.randint(0, 5)
            targets.append(row)
    return measures, targets


def v2_returns(root, seed: int):
    rng = random.Random(seed)
    months = V2_MONTHS
    county = {}
    for code in ("MN", "XN"):
        county[code] = [rng.randint(0, 60) for _ in range(months)]
        county[code.replace("N", "D")] = [rng.randint(60, 120) for _ in range(months)]
    # quarterly fields in the quarter's last month, now and then a quarter missing; annual in July
    quarter_ends = [i for i in range(months) if (4 + i) % 12 in (6, 9, 0, 3)]
    dropped = rng.choice(quarter_ends)
    county["QN"] = [rng.randint(0, 40) if i in quarter_ends and i != dropped else None for i in range(months)]
    county["QD"] = [rng.randint(40, 80) if i in quarter_ends else None for i in range(months)]
    july = [i for i in range(months) if (4 + i) % 12 == 7]
    county["AN"] = [rng.randint(0, 40) if i in july else None for i in range(months)]
    county["AD"] = [rng.randint(40, 80) if i in july else None for i in range(months)]
    returns = root / "returns"
    write_return(returns / "county.xlsx", county, first=V2_FIRST, count=months)
    return returns


@pytest.mark.parametrize("seed", [4, 5, 6])
@pytest.mark.parametrize("month", ["2012-05", "2012-03", "2011-07"])
def test_every_kind_of_measure_agrees_with_the_reference_model(tmp_path, seed, month):
    measures, targets = v2_rows(seed)
    returns = v2_returns(tmp_path, seed)
    expected = expected_from_rows(measures, targets, read_long_table(returns), month)

    problems = ProblemLog()
    outcome = read_return_file((returns / "county.xlsx", "returns/county.xlsx"))
    data = add_up(outcome.blocks, problems, today=dt.date(2012, 7, 1))
    catalogue = Catalogue([_measure(row) for row in measures],
                          {(row["Ref"], int(row["Year"][:4])): _target(row) for row in targets})
    reporting = Month(int(month[:4]), int(month[5:]))
    report = Report(reporting, catalogue, build_results(catalogue, data, reporting, problems), None, None,
                    problems, None)
    actual = {row["ref"]: row for row in results_csv.rows(report)}
    assert set(actual) == set(expected)
    for ref, wanted in expected.items():
        for column in CHECKED:
            assert actual[ref][column] == wanted[column], (ref, column, actual[ref], wanted)


def _measure(row: dict) -> Measure:
    denominator = row["Denominator"]
    unit = row["Unit"]
    decimals = row["Decimals"]
    if decimals is None:
        decimals = 1 if unit in ("%", "Rate per 10,000", "Rate per 100,000") else 0
    return Measure(row["Ref"], row["Scorecard"], row["Area"], row["Title"], unit, row["Polarity"],
                   row["Basis"], row["Numerator"],
                   denominator_field=denominator if isinstance(denominator, str) else None,
                   denominator_value=None if isinstance(denominator, str) else _decimal(denominator),
                   multiplier=DEFAULT_MULTIPLIER.get(unit, Decimal(1)), decimals=decimals,
                   compare_with=row["Compare With"] or "", frequency=row["Frequency"])


def _target(row: dict) -> Target:
    return Target(row["Ref"], int(row["Year"][:4]), target=_decimal(row.get("Target")),
                  floor=_decimal(row.get("Floor")), target_upper=_decimal(row.get("Target Upper")),
                  floor_upper=_decimal(row.get("Floor Upper")), benchmark=_decimal(row.get("Benchmark")),
                  phased=tuple(_decimal(row.get(name)) for name in FY_MONTHS),
                  phased_floor=tuple(_decimal(row.get(f"Floor {name}")) for name in FY_MONTHS))
