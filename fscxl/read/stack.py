"""Every return's blocks stacked into one table -> duplicates found and districts added up.

The stack has one row per (workbook, sheet, data row) and one column per month seen in
any return. Rows are grouped by (field code, district): a group of one row (the usual
case) needs no checking; in a larger group a month filled twice is an error naming
both places, the first place's figure being kept. The county figure of a field for a
month is the sum over its districts, given only when every district expected that
month reported: the districts reporting the field in that financial year.

District names match case-insensitively, ignoring surrounding spaces, and take the
spelling of the return with the latest figures. A figure under a month that has not
ended on the day of the run is an error naming its cell, and is left out, so a mistyped
year (`Apr-30`) cannot move the report.
"""

from __future__ import annotations

import datetime as dt

import numpy as np

from fscxl.model.periods import Month
from fscxl.model.problems import ProblemLog
from fscxl.model.records import COUNTY, DistrictTable, Place, ReturnsData
from fscxl.read.returns import Block
from fscxl.read.xlsx import cell_ref


def _ids(names: list[str], known: dict[str, int], seen: dict[tuple, np.ndarray]) -> np.ndarray:
    """Names -> ids; returns mostly repeat one list of codes, so whole lists are remembered."""
    key = tuple(names)
    ids = seen.get(key)
    if ids is None:
        ids = np.fromiter((known.setdefault(name, len(known)) for name in names), dtype=np.int64,
                          count=len(names))
        seen[key] = ids
    return ids


def future_figures(blocks: list[Block], today: dt.date, problems: ProblemLog) -> None:
    """An error for each month column holding figures for a month not yet ended; those figures are dropped."""
    first_open = Month(today.year, today.month).index
    for block in blocks:
        for j in np.nonzero(block.months >= first_open)[0]:
            rows = np.nonzero(~np.isnan(block.values[:, j]))[0]
            if not len(rows):
                continue
            month = Month.from_index(int(block.months[j]))
            others = f" (and {len(rows) - 1} more figure(s) in that column)" if len(rows) > 1 else ""
            problems.error(block.workbook, block.sheet, cell_ref(int(block.rows[rows[0]]), int(block.columns[j])),
                           f"a figure under {month.label}, a month that has not ended yet{others}",
                           "Correct the month heading (a mistyped year?), or clear figures typed early.",
                           code="RET70")
            block.values = block.values.copy()
            block.values[:, j] = np.nan


def same_districts(blocks: list[Block]) -> None:
    """One spelling per district: names that differ only in case or surrounding spaces are
    one district, spelt as in the return with the latest figures (ties: the one read last)."""
    spelling: dict[str, str] = {}
    latest: dict[str, int] = {}
    for block in blocks:
        filled = ~np.isnan(block.values).all(axis=0)
        newest = int(block.months[filled].max()) if filled.any() else -1
        for name in dict.fromkeys(block.districts):  # in row order: a later row wins a tie
            key = name.strip().casefold()
            if newest >= latest.get(key, -2):
                latest[key], spelling[key] = newest, name.strip()
    for block in blocks:
        block.districts = [spelling[name.strip().casefold()] for name in block.districts]


def add_up(blocks: list[Block], problems: ProblemLog, today: dt.date | None = None) -> ReturnsData:
    """County figures and missing districts from the blocks, in the order the files were read.

    `today` is the day of the run (a test may set it): figures under later months are errors.
    """
    data = ReturnsData()
    blocks = [b for b in blocks if len(b.codes)]
    if not blocks:
        return data
    future_figures(blocks, today or dt.date.today(), problems)
    same_districts(blocks)
    # sorted distinct months (np.unique would import numpy.ma, slow to import, for nothing)
    months = np.array(sorted({int(m) for b in blocks for m in b.months.tolist()}), dtype=np.int32)
    code_ids: dict[str, int] = {}
    district_ids: dict[str, int] = {}
    code_lists: dict[tuple, np.ndarray] = {}
    district_lists: dict[tuple, np.ndarray] = {}
    total = sum(len(b.codes) for b in blocks)
    values = np.full((total, len(months)), np.nan)
    codes = np.empty(total, dtype=np.int64)
    districts = np.empty(total, dtype=np.int64)
    origin = np.empty(total, dtype=np.int32)  # which block each row came from
    start = 0
    for number, block in enumerate(blocks):
        end = start + len(block.codes)
        codes[start:end] = _ids(block.codes, code_ids, code_lists)
        districts[start:end] = _ids(block.districts, district_ids, district_lists)
        origin[start:end] = number
        values[start:end, np.searchsorted(months, block.months)] = block.values
        start = end

    keys = codes * max(len(district_ids), 1) + districts
    order = np.argsort(keys, kind="stable")  # keeps the reading order within a group
    keys = keys[order]
    first = np.ones(total, dtype=bool)
    first[1:] = keys[1:] != keys[:-1]
    starts = np.nonzero(first)[0]
    sizes = np.diff(np.append(starts, total))
    for group in np.nonzero(sizes > 1)[0]:  # rows stay where they were stacked: `order` finds them
        _merge_group(values, order, origin, blocks, months, int(starts[group]),
                     int(starts[group] + sizes[group]), problems)
    merged = values[order[starts]]
    group_codes = codes[order[starts]]
    group_districts = districts[order[starts]]

    new_code = np.append(True, group_codes[1:] != group_codes[:-1])
    code_start = np.nonzero(new_code)[0]
    code_of_group = np.cumsum(new_code) - 1
    present = ~np.isnan(merged)
    # A row without a District is the county figure itself; districts are added up apart
    # from it, so a field given for the county one year and by district the next keeps both.
    county_id = district_ids.get(COUNTY)
    is_county = group_districts == county_id if county_id is not None else np.zeros(len(starts), bool)
    by_district = present & ~is_county[:, None]
    filled = np.where(by_district, merged, 0.0)
    # bincount adds each code's groups in order, one month at a time: the same sums as
    # adding the rows in turn, far quicker than reduceat down a tall table
    sums = np.empty((len(code_start), len(months)))
    reported = np.empty((len(code_start), len(months)), dtype=np.int64)
    for m in range(len(months)):
        sums[:, m] = np.bincount(code_of_group, weights=filled[:, m], minlength=len(code_start))
        reported[:, m] = np.bincount(code_of_group[by_district[:, m]], minlength=len(code_start))
    # the districts expected in a month: those reporting the field in its financial year
    year_of = np.array([Month.from_index(int(m)).financial_year for m in months])
    in_year = np.zeros(by_district.shape, dtype=bool)
    expected = np.zeros((len(code_start), len(months)), dtype=np.int64)
    for year in sorted(set(year_of.tolist())):
        columns = year_of == year
        reporting = by_district[:, columns].any(axis=1)
        in_year[:, columns] = reporting[:, None]
        expected[:, columns] = np.bincount(code_of_group, weights=reporting,
                                           minlength=len(code_start)).astype(np.int64)[:, None]
    given = np.full(sums.shape, np.nan)  # the county figure where a return gives it directly
    county_groups = np.nonzero(is_county)[0]
    given[code_of_group[county_groups]] = merged[county_groups]
    has_county = ~np.isnan(given)
    code_names = list(code_ids)
    district_names = list(district_ids)
    month_of = [Month.from_index(int(m)) for m in months]

    complete = (expected > 0) & (reported == expected) & ~has_county
    for c, m in zip(*np.nonzero(complete), strict=True):
        code = code_names[group_codes[code_start[c]]]
        data.county.setdefault(code, {})[month_of[m]] = float(sums[c, m])
    for c, m in zip(*np.nonzero(has_county & (reported == 0)), strict=True):
        code = code_names[group_codes[code_start[c]]]
        data.county.setdefault(code, {})[month_of[m]] = float(given[c, m])
    for c, m in zip(*np.nonzero(has_county & (reported > 0)), strict=True):
        lo = int(code_start[c])
        hi = lo + int(np.count_nonzero(group_codes == group_codes[lo]))
        county_group = next(g for g in range(lo, hi) if is_county[g])
        district_group = next(g for g in range(lo, hi) if by_district[g, m])
        county_place = _group_place(county_group, m, starts, sizes, order, origin, blocks, months)
        district_place = _group_place(district_group, m, starts, sizes, order, origin, blocks, months)
        district = district_names[group_districts[district_group]]
        problems.error(district_place.workbook, district_place.sheet, district_place.cell,
                       f"{code_names[group_codes[lo]]} for {month_of[m].label} is given by district "
                       f"here ({district}) and for the whole county at {county_place}, so it would be "
                       "counted twice", "Keep either the county figure or the district figures for "
                       "that month, and clear the other.", code="RET12")
    for c, m in zip(*np.nonzero(~has_county & (reported > 0) & (reported < expected)), strict=True):
        lo = code_start[c]
        hi = lo + int(np.count_nonzero(group_codes == group_codes[lo]))
        missing = sorted(district_names[d] for d, here, expected_here in zip(
            group_districts[lo:hi], present[lo:hi, m], in_year[lo:hi, m], strict=True)
            if expected_here and not here)
        data.missing_districts.setdefault(code_names[group_codes[lo]], {})[month_of[m]] = missing
    own = np.nonzero(by_district.any(axis=1))[0]  # each district's own figures, for districts.csv
    if len(own):
        data.districts = DistrictTable([code_names[c] for c in group_codes[own]],
                                       [district_names[d] for d in group_districts[own]],
                                       month_of, np.where(by_district[own], merged[own], np.nan))
    data.codes = set(code_names)
    any_reported = np.nonzero(present.any(axis=0))[0]
    if len(any_reported):
        data.latest_month = month_of[int(any_reported[-1])]
    return data


def _group_place(group: int, m: int, starts: np.ndarray, sizes: np.ndarray, order: np.ndarray,
                 origin: np.ndarray, blocks: list[Block], months: np.ndarray) -> Place:
    """Where a (code, district) group's figure for a month came from: its first row holding one."""
    first = int(starts[group])
    for row in range(first, first + int(sizes[group])):
        block = blocks[int(origin[order[row]])]
        i = _row_in_block(row, order, origin, blocks)
        j = np.nonzero(block.months == months[m])[0]
        if len(j) and not np.isnan(block.values[i, j[0]]):
            return _place(row, m, order, origin, blocks, months)
    return _place(first, m, order, origin, blocks, months)


def _merge_group(values: np.ndarray, order: np.ndarray, origin: np.ndarray, blocks: list[Block],
                 months: np.ndarray, lo: int, hi: int, problems: ProblemLog) -> None:
    """Sorted rows lo..hi share a code and district: keep each month's first figure, report the rest.

    The figures stay in stacking order: sorted row r is values[order[r]].
    """
    kept = values[order[lo]].copy()
    source = np.full(len(months), lo)
    for row in range(lo + 1, hi):
        figures = values[order[row]]
        here = ~np.isnan(figures)
        for m in np.nonzero(here & ~np.isnan(kept))[0]:
            later, earlier = _place(row, m, order, origin, blocks, months), \
                _place(int(source[m]), m, order, origin, blocks, months)
            block = blocks[origin[order[row]]]
            district = block.districts[_row_in_block(row, order, origin, blocks)]
            code = block.codes[_row_in_block(row, order, origin, blocks)]
            where = f" ({district})" if district else ""
            problems.error(later.workbook, later.sheet, later.cell,
                           f"{code}{where} for {Month.from_index(int(months[m])).label} is given twice: "
                           f"here and at {earlier}",
                           "Keep the figure in one place and clear the other.", code="RET11")
        fill = here & np.isnan(kept)
        kept[fill] = figures[fill]
        source[fill] = row
    values[order[lo]] = kept


def _row_in_block(row: int, order: np.ndarray, origin: np.ndarray, blocks: list[Block]) -> int:
    """Where a stacked (sorted) row sits within its block."""
    stacked = int(order[row])
    block = int(origin[stacked])
    first = int(np.searchsorted(origin, block))  # origin is ascending in stacking order
    return stacked - first


def _place(row: int, m: int, order: np.ndarray, origin: np.ndarray, blocks: list[Block],
           months: np.ndarray) -> Place:
    block = blocks[int(origin[order[row]])]
    i = _row_in_block(row, order, origin, blocks)
    j = int(np.nonzero(block.months == months[m])[0][0])
    return Place(block.workbook, block.sheet, cell_ref(int(block.rows[i]), int(block.columns[j])))
