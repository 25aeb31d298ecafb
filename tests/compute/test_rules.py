"""Contract section 6, rule by rule: rounding, RAG and direction of travel."""

from decimal import Decimal as D
from fractions import Fraction as F

import pytest
from hypothesis import given
from hypothesis import strategies as st

from fscxl.compute.rules import AMBER, GREEN, RED, direction, rag, round_figure
from fscxl.model import records


@pytest.mark.parametrize("value, decimals, expected", [
    (F(25, 2), 0, "13"),            # Excel's ROUND: 12.5 -> 13
    (F(-25, 2), 0, "-13"),          # half away from zero, not to even
    (F(5, 2), 0, "3"),              # banker's rounding would give 2
    (F(29, 200) * 100, 0, "15"),    # 14.5 exactly; the float 14.499999999999998 would give 14
    (F(2675, 1000), 2, "2.68"),     # 2.675 exactly; the float would round down
    (F(1, 3) * 100, 1, "33.3"),
    (F(2, 3) * 100, 1, "66.7"),
    (480, 1, "480.0"),              # decimals are kept: a figure has its measure's decimals
    (F(1249, 100), 1, "12.5"),
    (F(12449, 1000), 1, "12.4"),    # rounded once, not 12.449 -> 12.45 -> 12.5
])
def test_round_figure_is_excel_round_on_the_exact_value(value, decimals, expected):
    assert str(round_figure(value, decimals)) == expected


# (polarity, value, target, floor, target_upper, floor_upper, expected)
RAG_TABLE = [
    ("High", "80", "80", "70", None, None, GREEN),   # target achieved
    ("High", "80.1", "80", "70", None, None, GREEN),  # exceeded
    ("High", "79.9", "80", "70", None, None, AMBER),
    ("High", "70", "80", "70", None, None, AMBER),   # at the floor is not below it
    ("High", "69.9", "80", "70", None, None, RED),
    ("High", "10", "80", None, None, None, AMBER),   # no floor: never red
    ("Low", "20", "20", "25", None, None, GREEN),
    ("Low", "19", "20", "25", None, None, GREEN),
    ("Low", "20.1", "20", "25", None, None, AMBER),
    ("Low", "25", "20", "25", None, None, AMBER),
    ("Low", "25.1", "20", "25", None, None, RED),
    ("Low", "99", "20", None, None, None, AMBER),
    ("Band", "480", "480", "430", "560", "620", GREEN),
    ("Band", "560", "480", "430", "560", "620", GREEN),
    ("Band", "479.9", "480", "430", "560", "620", AMBER),
    ("Band", "560.1", "480", "430", "560", "620", AMBER),
    ("Band", "430", "480", "430", "560", "620", AMBER),
    ("Band", "620", "480", "430", "560", "620", AMBER),
    ("Band", "429.9", "480", "430", "560", "620", RED),
    ("Band", "620.1", "480", "430", "560", "620", RED),
    ("Band", "1", "480", None, "560", None, AMBER),   # no floor: never red
    ("None", "50", "80", "70", None, None, None),    # context only: no RAG
    ("High", None, "80", "70", None, None, None),    # no figure: no RAG
    ("High", "50", None, "70", None, None, None),    # no target: no RAG
    ("Low", "50", None, None, None, None, None),
]


@pytest.mark.parametrize("polarity, value, target, floor, upper, floor_upper, expected", RAG_TABLE)
def test_rag(polarity, value, target, floor, upper, floor_upper, expected):
    def d(x):
        return None if x is None else D(x)

    assert rag(d(value), polarity, d(target), d(floor), d(upper), d(floor_upper)) == expected


# (polarity, now, before, expected)
DIRECTION_TABLE = [
    ("High", "81", "80", "Improving"),
    ("High", "79", "80", "Worsening"),
    ("High", "80.0", "80.0", "No change"),
    ("Low", "19", "20", "Improving"),
    ("Low", "21", "20", "Worsening"),
    ("Low", "20", "20", "No change"),
    ("None", "5", "4", "Up"),
    ("None", "4", "5", "Down"),
    ("None", "4", "4", "No change"),
    ("High", None, "4", None),
    ("High", "4", None, None),
]


@pytest.mark.parametrize("polarity, now, before, expected", DIRECTION_TABLE)
def test_direction(polarity, now, before, expected):
    def d(x):
        return None if x is None else D(x)

    assert direction(d(now), d(before), polarity) == expected


# Band 480-560: closer to the band is improving, from either side.
BAND_TABLE = [
    ("470", "460", "Improving"),   # below, moving up towards it
    ("460", "470", "Worsening"),
    ("570", "580", "Improving"),   # above, moving down towards it
    ("590", "580", "Worsening"),
    ("500", "470", "Improving"),   # entering the band
    ("470", "500", "Worsening"),   # leaving it
    ("500", "550", "No change"),   # staying inside: equal distance (zero)
    ("470", "570", "No change"),   # 10 below, was 10 above: equal distance
    ("470", "470", "No change"),
]


@pytest.mark.parametrize("now, before, expected", BAND_TABLE)
def test_band_direction_is_about_distance_from_the_green_band(now, before, expected):
    assert direction(D(now), D(before), "Band", D("480"), D("560")) == expected


def test_band_direction_needs_a_band():
    assert direction(D("1"), D("2"), "Band", None, None) is None


values = st.decimals(min_value=-1000, max_value=1000, places=1, allow_nan=False, allow_infinity=False)


@given(values, values, values, values)
def test_rag_is_monotone_in_the_value(a, b, target, floor):
    """A better figure never gets a worse alert (High: higher is better)."""
    order = {RED: 0, AMBER: 1, GREEN: 2}
    low, high = sorted((a, b))
    assert order[rag(low, "High", target, floor)] <= order[rag(high, "High", target, floor)]
    assert order[rag(low, "Low", target, floor)] >= order[rag(high, "Low", target, floor)]


@given(values, values, values)
def test_mirroring_high_into_low_keeps_the_alert(value, target, floor):
    """High judged on v equals Low judged on -v with negated thresholds."""
    assert rag(value, "High", target, floor) == rag(-value, "Low", -target, -floor)


@given(values, values)
def test_flipping_polarity_swaps_red_and_green(value, threshold):
    """With target = floor (one threshold), High and Low give opposite alerts off the line."""
    high = rag(value, "High", threshold, threshold)
    low = rag(value, "Low", threshold, threshold)
    if value != threshold:
        assert {high, low} == {GREEN, RED}
    else:
        assert high == low == GREEN


@given(values, values)
def test_direction_flips_with_polarity(now, before):
    high = direction(now, before, records.HIGH)
    low = direction(now, before, records.LOW)
    flip = {"Improving": "Worsening", "Worsening": "Improving", "No change": "No change"}
    assert flip[high] == low
