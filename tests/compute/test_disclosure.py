"""Small-number suppression (contract section 6, v2): which figures a public paper shows as [c]."""

from decimal import Decimal as D

import pytest

from fscxl.compute.disclosure import COUNTY, Counts, district_table, is_small, primary, side_by_side


@pytest.mark.parametrize("count, threshold, small", [
    (D(0), 6, False),  # zero is never suppressed
    (D(1), 6, True), (D(5), 6, True), (D(6), 6, False),
    (D(10), 11, True), (D(11), 11, False),
    (D(3), 0, False),  # a threshold of 0 turns suppression off
    (None, 6, False),
])
def test_a_count_is_small_from_one_to_the_threshold_less_one(count, threshold, small):
    assert is_small(count, threshold) is small


def test_a_percentage_whose_denominator_is_small_is_suppressed():
    assert primary(Counts(D(0), D(4)), 6)  # 0 of 4: the 4 is small
    assert primary(Counts(D(3), D(40)), 6)  # 3 of 40: the 3 is small
    assert not primary(Counts(D(12), D(40)), 6)


def _table(**numerators):
    return {name: Counts(D(value)) for name, value in numerators.items()}


def test_exactly_one_small_district_takes_the_next_smallest_with_it():
    table = _table(North=40, South=3, East=12, West=9)
    assert district_table(table, Counts(D(64)), 6) == {"South", "West"}


def test_a_tie_for_next_smallest_takes_the_first_in_the_returns_order():
    table = _table(North=9, South=3, East=9)
    assert district_table(table, Counts(D(21)), 6) == {"South", "North"}


def test_a_zero_district_is_never_the_one_suppressed_alongside():
    table = _table(North=0, South=3, East=12)
    assert district_table(table, Counts(D(15)), 6) == {"South", "East"}


def test_no_district_small_means_nothing_is_suppressed():
    assert district_table(_table(North=40, South=30, East=12), Counts(D(82)), 6) == set()


def test_two_small_districts_need_nothing_more():
    assert district_table(_table(North=40, South=3, East=2), Counts(D(45)), 6) == {"South", "East"}


def test_a_small_county_is_suppressed_by_the_same_rule():
    hidden = district_table(_table(North=2, South=1, East=0), Counts(D(3)), 6)
    assert hidden == {"North", "South", COUNTY}


def test_a_district_small_on_both_counts_takes_another_with_it():
    table = {"North": Counts(D(3), D(5)), "South": Counts(D(20), D(30))}
    # North is small on both counts; the county's 35 is not small, so South is hidden too
    assert district_table(table, Counts(D(23), D(35)), 6) == {"North", "South"}


def test_with_no_other_district_to_hide_the_county_is_hidden():
    assert district_table(_table(North=3, South=0), Counts(D(3)), 6) == {"North", COUNTY}


def test_threshold_zero_shows_everything():
    assert district_table(_table(North=1, South=2), Counts(D(3)), 0) == set()


@pytest.mark.parametrize("month, headline, hidden", [
    (Counts(D(30), D(40)), Counts(D(70), D(90)), (False, False)),
    (Counts(D(3), D(40)), Counts(D(70), D(90)), (True, False)),  # the month alone is small
    (Counts(D(30), D(40)), Counts(D(33), D(90)), (True, False)),  # headline less month: 3
    (Counts(D(2), D(3)), Counts(D(4), D(5)), (True, True)),
])
def test_a_month_alone_beside_a_headline_cannot_give_a_small_count_away(month, headline, hidden):
    assert side_by_side(month, headline, 6) == hidden
