"""Contract section 6, through a whole run: figures, rounding, RAG and direction as results.csv shows them."""

from __future__ import annotations

import pytest
from contract_helpers import measure, run_rows, target

from fscxl.model.periods import Month

APR12, MAY12, MAR13 = Month(2012, 4), Month(2012, 5), Month(2013, 3)


def months_from_apr11(values: list) -> list:
    """Monthly values from April 2011 onwards."""
    return list(values)


# --- figures: windows -------------------------------------------------------------------------

def test_each_basis_sums_its_window(tmp_path):
    # NUM 1..24 from April 2011 (April 2011 = 1, ..., March 2013 = 24); reporting month May 2012 (14)
    series = {"NUM": list(range(1, 25))}
    rows, _ = run_rows(tmp_path, [
        measure("MO", unit="Number", denominator=None, basis="Month", polarity="None"),
        measure("YT", unit="Number", denominator=None, basis="YTD", polarity="None"),
        measure("RO", unit="Number", denominator=None, basis="Rolling 12", polarity="None"),
        measure("SN", unit="Number", denominator=None, basis="Snapshot", polarity="None"),
    ], [], series, month=MAY12)
    assert rows["MO"]["value"] == "14"
    assert rows["YT"]["value"] == str(13 + 14)  # April 2012 and May 2012
    assert rows["RO"]["value"] == str(sum(range(3, 15)))  # June 2011 .. May 2012, across a year end
    assert rows["SN"]["value"] == "14"  # the position at the end of the month, never summed
    assert (rows["SN"]["ytd_value"], rows["SN"]["rolling12_value"]) == ("", "")
    assert rows["SN"]["month_value"] == "14"
    assert (rows["MO"]["month_value"], rows["MO"]["ytd_value"], rows["MO"]["rolling12_value"]) == (
        "14", "27", str(sum(range(3, 15))))


def test_ytd_in_april_is_april_alone_and_in_march_the_whole_year(tmp_path):
    series = {"NUM": list(range(1, 25))}
    ytd = [measure("YT", unit="Number", denominator=None, basis="YTD", polarity="None")]
    rows, _ = run_rows(tmp_path / "a", ytd, [], series, month=APR12)
    assert rows["YT"]["value"] == "13"
    rows, _ = run_rows(tmp_path / "m", ytd, [], series, month=MAR13)
    assert rows["YT"]["value"] == str(sum(range(13, 25)))


def test_a_ratio_of_sums_not_an_average_of_ratios(tmp_path):
    series = {"NUM": [None] * 12 + [1, 90], "DEN": [None] * 12 + [10, 100]}
    rows, _ = run_rows(tmp_path, [measure("P", basis="YTD")], [], series)
    assert rows["P"]["value"] == "82.7"  # 91 / 110


def test_a_numeric_denominator_is_a_population_and_not_summed(tmp_path):
    series = {"NUM": [None] * 12 + [10, 20]}
    rows, _ = run_rows(tmp_path, [measure("R", unit="Rate per 10,000", denominator=1000, basis="YTD")],
                       [], series)
    assert rows["R"]["value"] == "300.0"  # 30 / 1000 * 10,000
    assert rows["R"]["month_value"] == "200.0"


def test_a_population_typed_as_text_is_still_a_population(tmp_path):
    series = {"NUM": [None] * 12 + [10, 20]}
    rows, _ = run_rows(tmp_path, [measure("R", unit="Rate per 10,000", denominator="1,000", basis="Month")],
                       [], series)
    assert rows["R"]["value"] == "200.0"


@pytest.mark.parametrize("unit, multiplier, expected", [
    ("Number", None, "7"),      # no denominator, no Multiplier: the numerator itself
    ("%", None, "7.0"),         # even for a % the default 100 is not applied without a denominator
    ("Rate per 10,000", None, "7.0"),
    ("Number", 1000, "7000"),   # a Multiplier given is applied
    ("Days", 2, "14"),
])
def test_without_a_denominator_the_multiplier_applies_only_when_given(tmp_path, unit, multiplier, expected):
    rows, _ = run_rows(tmp_path, [measure("N", unit=unit, denominator=None, multiplier=multiplier)], [],
                       {"NUM": [7] * 14})
    assert rows["N"]["value"] == expected


@pytest.mark.parametrize("unit, expected", [
    ("%", "25.0"), ("Rate per 10,000", "2500.0"), ("Rate per 100,000", "25000.0"),
    ("Number", "0"), ("Days", "0"), ("Score", "0")])
def test_default_multiplier_and_decimals_with_a_denominator(tmp_path, unit, expected):
    rows, _ = run_rows(tmp_path, [measure("D", unit=unit)], [], {"NUM": [1] * 14, "DEN": [4] * 14})
    assert rows["D"]["value"] == expected  # 1/4 times 100, 10,000, 100,000 or 1 (0.25 rounds to 0)


# --- missing months and zero denominators -----------------------------------------------------

def test_a_missing_month_in_the_window_gives_no_figure_and_a_warning(tmp_path):
    series = {"NUM": [8] * 12 + [None, 8], "DEN": [10] * 14}  # April 2012 not reported
    rows, warnings = run_rows(tmp_path, [measure("P", basis="YTD")], [target("P", target=80, floor=70)],
                              series, month=MAY12)
    assert rows["P"]["value"] == "" and rows["P"]["rag"] == ""
    assert rows["P"]["month_value"] == "80.0"
    assert any(w.code == "FIG02" and w.found.startswith("P ") and "April 2012" in w.found for w in warnings)


def test_a_zero_denominator_gives_no_figure_and_a_warning(tmp_path):
    rows, warnings = run_rows(tmp_path, [measure("P")], [target("P", target=80)],
                              {"NUM": [0] * 14, "DEN": [10] * 13 + [0]}, month=MAY12)
    assert rows["P"]["value"] == "" and rows["P"]["rag"] == "" and rows["P"]["direction"] == ""
    assert "FIG03" in [w.code for w in warnings]


def test_a_district_not_reported_makes_a_missing_month_and_the_warning_names_it(tmp_path):
    series = {"NUM": {"North": [1] * 14, "Swale": [1] * 13 + [None]},
              "DEN": {"North": [2] * 14, "Swale": [2] * 14}}
    rows, warnings = run_rows(tmp_path, [measure("P")], [], series, districts=True, month=MAY12)
    assert rows["P"]["value"] == ""
    assert rows["P"]["comparison_value"] == "50.0"  # April: both districts, (1 + 1) / (2 + 2)
    missing = [w.found for w in warnings if w.code == "FIG02"]
    assert any("Swale" in found and "May 2012" in found for found in missing)
    assert not any("North" in found for found in missing)


# --- rounding ---------------------------------------------------------------------------------

@pytest.mark.parametrize("num, den, decimals, expected", [
    (1, 8, 0, "13"),        # 12.5% -> 13, half away from zero
    (1, 8, 1, "12.5"),
    (29, 200, 0, "15"),     # 14.5% exactly (the float product is 14.499999999999998)
    (7, 40, 0, "18"),       # 17.5%
    (1, 3, 2, "33.33"),
    (2, 3, 0, "67"),
    (5, 5, 3, "100.000"),
])
def test_rounding_is_half_away_from_zero_on_the_exact_value(tmp_path, num, den, decimals, expected):
    rows, _ = run_rows(tmp_path, [measure("P", decimals=decimals)], [],
                       {"NUM": [num] * 14, "DEN": [den] * 14})
    assert rows["P"]["value"] == expected


def test_a_sum_of_decimals_is_rounded_on_its_exact_value_not_a_float_sum(tmp_path):
    # These twelve figures add up to exactly 545,595.55; adding them as binary floats gives
    # 545595.5499999999, which would round down to .5 with one decimal.
    values = [64969.87, 81704.14, 74277.98, 54171.0, 60203.53, 39101.75, 7554.33, 24592.49,
              72918.99, 22051.54, 40392.57, 3657.36]
    rows, _ = run_rows(tmp_path, [measure("H", unit="Days", denominator=None, decimals=1, basis="YTD",
                                          polarity="None")], [],
                       {"NUM": [None] * 12 + values}, first=(2011, 4))
    assert rows["H"]["value"] == "545595.6"


def test_a_district_sum_of_decimals_is_rounded_on_its_exact_value(tmp_path):
    # 0.1 + 0.2 + 0.05 = 0.35 exactly, 0.35000000000000003 as floats; 1,000,000 times bigger
    # values make the float error visible at the second decimal place.
    series = {"NUM": {"A": [4209697.52], "B": [5645415.18], "C": [2912923.35]}}
    rows, _ = run_rows(tmp_path, [measure("H", unit="Days", denominator=None, decimals=1, polarity="None")],
                       [], series, first=(2012, 5), districts=True)
    assert rows["H"]["value"] == "12768036.1"  # exactly 12,768,036.05


# --- RAG on the rounded figure ----------------------------------------------------------------

@pytest.mark.parametrize("num, decimals, expected_value, rag", [
    (7996, 1, "80.0", "Green"),   # 79.96 rounds to 80.0: Green against 80, as a member reads it
    (7994, 1, "79.9", "Amber"),
    (7950, 0, "80", "Green"),     # 79.5 -> 80
    (6995, 1, "70.0", "Amber"),   # 69.95 -> 70.0: at the floor is not below it
    (6994, 1, "69.9", "Red"),
])
def test_rag_is_judged_on_the_rounded_figure(tmp_path, num, decimals, expected_value, rag):
    rows, _ = run_rows(tmp_path, [measure("P", decimals=decimals)], [target("P", target=80, floor=70)],
                       {"NUM": [num] * 14, "DEN": [10000] * 14})
    assert (rows["P"]["value"], rows["P"]["rag"]) == (expected_value, rag)


def test_a_phased_target_replaces_the_target_for_its_month_only(tmp_path):
    phased = [None, 75] + [None] * 10  # May only
    measures = [measure("P")]
    targets = [target("P", target=80, floor=70, phased=phased)]
    series = {"NUM": [76] * 24, "DEN": [100] * 24}
    rows, _ = run_rows(tmp_path / "may", measures, targets, series, month=MAY12)
    assert (rows["P"]["target"], rows["P"]["rag"]) == ("75.0", "Green")
    rows, _ = run_rows(tmp_path / "jun", measures, targets, series, month=Month(2012, 6))
    assert (rows["P"]["target"], rows["P"]["rag"]) == ("80.0", "Amber")


@pytest.mark.parametrize("polarity, value, tgt, floor, rag", [
    ("High", 10, 80, None, "Amber"),   # no floor: never Red
    ("Low", 90, 20, None, "Amber"),
    ("High", 10, None, 5, ""),         # no target: no RAG
    ("None", 10, 80, 70, ""),          # context only: no RAG
    ("Low", 20, 20, 25, "Green"),
    ("Low", 25, 20, 25, "Amber"),
    ("Low", 26, 20, 25, "Red"),
])
def test_rag_without_floor_without_target_and_for_low(tmp_path, polarity, value, tgt, floor, rag):
    rows, _ = run_rows(tmp_path, [measure("N", unit="Number", denominator=None, polarity=polarity)],
                       [target("N", target=tgt, floor=floor)], {"NUM": [value] * 14})
    assert rows["N"]["rag"] == rag


@pytest.mark.parametrize("value, rag", [
    (429, "Red"), (430, "Amber"), (479, "Amber"), (480, "Green"), (560, "Green"), (561, "Amber"),
    (600, "Amber"), (601, "Red")])
def test_band_rag_at_each_edge(tmp_path, value, rag):
    rows, _ = run_rows(tmp_path, [measure("B", unit="Number", denominator=None, polarity="Band")],
                       [target("B", target=480, floor=430, target_upper=560, floor_upper=600)],
                       {"NUM": [value] * 14})
    assert rows["B"]["rag"] == rag


def test_no_figure_no_rag(tmp_path):
    rows, _ = run_rows(tmp_path, [measure("P")], [target("P", target=80, floor=70)],
                       {"NUM": [8] * 13 + [None], "DEN": [10] * 14, "OTHER": [1] * 14}, month=MAY12)
    assert (rows["P"]["value"], rows["P"]["rag"]) == ("", "")


# --- direction of travel ----------------------------------------------------------------------

@pytest.mark.parametrize("polarity, before, now, direction", [
    ("High", 70, 80, "Improving"), ("High", 80, 70, "Worsening"), ("High", 80, 80, "No change"),
    ("Low", 70, 80, "Worsening"), ("Low", 80, 70, "Improving"), ("Low", 80, 80, "No change"),
    ("None", 70, 80, "Up"), ("None", 80, 70, "Down"), ("None", 80, 80, "No change"),
])
def test_direction_by_polarity(tmp_path, polarity, before, now, direction):
    rows, _ = run_rows(tmp_path, [measure("N", unit="Number", denominator=None, polarity=polarity)],
                       [target("N", target=75)], {"NUM": [1] * 12 + [before, now]})
    assert (rows["N"]["comparison_value"], rows["N"]["direction"]) == (str(before), direction)


def test_equal_once_rounded_is_no_change(tmp_path):
    # 80.04% and 79.96% both read 80.0
    rows, _ = run_rows(tmp_path, [measure("P")], [target("P", target=80)],
                       {"NUM": [1] * 12 + [8004, 7996], "DEN": [1] * 12 + [10000, 10000]})
    assert (rows["P"]["value"], rows["P"]["comparison_value"], rows["P"]["direction"]) == (
        "80.0", "80.0", "No change")


@pytest.mark.parametrize("before, now, direction", [
    (470, 475, "Improving"),   # closer to the band from below
    (470, 490, "Improving"),   # into the band
    (490, 550, "No change"),   # staying inside the band
    (470, 570, "No change"),   # 10 below to 10 above: an equal distance
    (565, 600, "Worsening"),
    (500, 570, "Worsening"),   # out of the band
])
def test_band_direction_is_about_distance_from_the_green_band(tmp_path, before, now, direction):
    rows, _ = run_rows(tmp_path, [measure("B", unit="Number", denominator=None, polarity="Band")],
                       [target("B", target=480, floor=430, target_upper=560, floor_upper=600)],
                       {"NUM": [1] * 12 + [before, now]})
    assert rows["B"]["direction"] == direction


def test_compare_with_same_month_last_year(tmp_path):
    series = {"NUM": [50] + [1] * 12 + [60]}  # May 2011 = 50 ... May 2012 = 60
    series["NUM"][1] = 50
    rows, _ = run_rows(tmp_path, [measure("N", unit="Number", denominator=None,
                                          compare_with="Same month last year")],
                       [target("N", target=55)], series)
    assert (rows["N"]["comparison_value"], rows["N"]["direction"]) == ("50", "Improving")


def test_ytd_in_april_compared_with_the_previous_month_is_the_whole_previous_year(tmp_path):
    series = {"NUM": [1] * 12 + [5], "DEN": [10] * 12 + [10]}
    rows, _ = run_rows(tmp_path, [measure("P", basis="YTD")], [target("P", target=80)], series,
                       month=APR12)
    assert rows["P"]["value"] == "50.0"
    assert rows["P"]["comparison_value"] == "10.0"  # April 2011 to March 2012: 12 / 120
    assert rows["P"]["direction"] == "Improving"


def test_no_figure_for_the_comparison_month_no_direction(tmp_path):
    rows, _ = run_rows(tmp_path, [measure("P")], [target("P", target=80)],
                       {"NUM": [8] * 12 + [None, 8], "DEN": [10] * 14})
    assert (rows["P"]["value"], rows["P"]["comparison_value"], rows["P"]["direction"]) == ("80.0", "", "")
