"""The structure a member and a screen reader rely on, across every scorecard workbook:
tables without blank rows, charts that state their finding, areas whole on a page, a Key
that lists exactly the symbols used."""

from __future__ import annotations

import csv
import re
import zipfile
from decimal import Decimal
from pathlib import Path
from types import SimpleNamespace

import pytest
from render_inputs import open_output, output, run_example

from fscxl.compute import rules
from fscxl.model.periods import Month
from fscxl.pipeline import run
from fscxl.render import cells, theme


@pytest.fixture(scope="module")
def example(tmp_path_factory):
    done, rows = run_example(tmp_path_factory.mktemp("structure"))
    paths = {letter: output(done, f"Appendix {letter}") for letter in "ABC"}
    return paths, {letter: open_output(path) for letter, path in paths.items()}, rows


def test_every_table_is_a_named_excel_table_without_a_blank_row(example):
    _, books, _ = example
    names = set()
    for letter in "BC":
        for sheet in books[letter].worksheets:
            for name, ref in sheet.tables.items():
                names.add(name)
                for row in sheet[ref][1:]:
                    assert any(cell.value not in (None, "") for cell in row), (letter, sheet.title, name)
    for expected in ("RAG_by_area_C", "Exceptions_C", "Scorecard_C", "Monthly_C", "Key_C", "Contents_C",
                     "Measures_B", "Chart_data_B"):
        assert expected in names


def test_data_sheets_hold_one_table_with_area_as_a_column(example):
    _, books, _ = example
    for letter, name in (("C", "Scorecard"), ("B", "Measures"), ("C", "Monthly figures")):
        sheet = books[letter][name]
        [table] = sheet.tables.values()
        assert [c.value for c in sheet[table.ref][0]][0] == "Area"
        assert all(row[0].value for row in sheet[table.ref][1:])


def test_every_dashboard_chart_states_its_measure_rag_and_direction(example):
    paths, _, rows = example
    with zipfile.ZipFile(paths["B"]) as archive:
        drawings = [archive.read(n).decode() for n in archive.namelist() if n.startswith("xl/drawings/drawing")]
    described = [d for drawing in drawings for d in re.findall(r'descr="([^"]*)"', drawing)]
    adults = [r for r in rows.values() if r["scorecard"] == "Adults"]
    assert len(described) == len(adults) + 1  # and the Summary's
    for row in adults:
        [text] = [d for d in described if d.startswith(f"{row['ref']} ")]
        assert (row["rag"] or "no RAG alert") in text, text
        if row["direction"]:
            assert row["direction"].lower() in text, text


def area_pages(sheet) -> list[set[str]]:
    """The areas printed on each page of a grid, from its page breaks."""
    top = next(r for r in range(1, 30) if sheet.cell(r, 1).value == "Area")
    starts = [top + 1] + [brk.id + 1 for brk in sheet.row_breaks.brk]
    ends = [*starts[1:], sheet.max_row + 1]
    return [{sheet.cell(r, 1).value for r in range(start, end) if sheet.cell(r, 2).value}
            for start, end in zip(starts, ends, strict=True)]


@pytest.mark.parametrize("letter, name, own_page", [("C", "Scorecard", True), ("B", "Measures", False),
                                                   ("C", "Corporate", False)])
def test_each_area_is_never_split_and_on_the_scorecard_starts_a_page(example, letter, name, own_page):
    _, books, _ = example
    pages = area_pages(books[letter][name])
    if own_page:
        assert all(len(areas) == 1 for areas in pages), pages
    flat = [area for areas in pages for area in areas]
    assert len(flat) == len(set(flat))  # no area on two pages


def test_small_areas_share_a_page_and_a_long_one_breaks_only_where_it_must():
    from fscxl.render.scorecard import HEADING_POINTS, area_page_breaks

    areas = [[(10, 40.0), (11, 40.0)], [(12, 40.0)], [(13, 40.0), (14, 40.0), (15, 40.0)]]
    assert area_page_breaks(areas, 60.0, 200.0) == [12, 13]  # each area on its own page
    assert area_page_breaks(areas, 60.0, 200.0, own_page=False) == [13]  # the third does not fit
    long = [[(20, 40.0)], [(r, 40.0) for r in range(21, 27)]]
    # six rows of 40 cannot fit a page of 200 under the 30-point heading: one break inside
    assert HEADING_POINTS == 30.0
    assert area_page_breaks(long, 60.0, 200.0) == [21, 25]


def test_the_key_lists_exactly_the_symbols_used(example):
    _, books, _ = example
    for letter in "BC":
        book = books[letter]
        used = {c.value for sheet in book.worksheets if sheet.title != "Key"
                for row in sheet.iter_rows() for c in row if c.value in theme.KEY_SYMBOLS}
        key = book["Key"]
        [table] = key.tables.values()
        listed = [row[1].value for row in key[table.ref][1:] if row[0].value == "Symbol"]
        assert sorted(listed) == sorted(used), letter
        columns = [row[1].value for row in key[table.ref][1:] if row[0].value == "Column"]
        assert len(columns) == len(set(columns))


def test_the_dashboards_key_explains_its_columns_and_only_those(example):
    _, books, _ = example
    key = books["B"]["Key"]
    [table] = key.tables.values()
    explained = {row[1].value for row in key[table.ref][1:] if row[0].value == "Column"}
    measures = books["B"]["Measures"]
    [grid] = measures.tables.values()
    headings = {c.value for c in measures[grid.ref][0]}
    assert headings - {"Count", "Out of"} <= explained and "Count, Out of" in explained
    assert explained - headings <= {"Count, Out of", "Year to date, Rolling 12 months", "Chart"}
    words = " ".join(str(row[2].value) for row in key[table.ref][1:])
    assert "does not start at zero" in words


def test_one_arrow_system_and_one_no_target_symbol(example):
    _, books, _ = example
    texts = {c.value for sheet in books["C"].worksheets for row in sheet.iter_rows() for c in row
             if isinstance(c.value, str)}
    assert not any(arrow in text for text in texts for arrow in "\u2191\u2193")
    grid = books["C"]["Scorecard"]
    heads = {c.value: c.column for c in grid[5]}
    context = [r for r in range(6, grid.max_row + 1) if grid.cell(r, heads["Better if"]).value == "Context"]
    assert context
    for r in context:
        for heading in ("Year-end target", "Floor", "RAG"):
            assert grid.cell(r, heads[heading]).value == theme.NO_TARGET


def test_area_commentary_missing_is_said_once_a_sheet(example):
    _, books, _ = example
    texts = [c.value for row in books["B"]["Commentary"].iter_rows() for c in row]
    assert sum(1 for t in texts if isinstance(t, str) and t.startswith("No area commentary")) == 1


def result(ref, polarity, value, before, target, floor, rag, direction):
    measure = SimpleNamespace(ref=ref, polarity=polarity, unit="Number", decimals=1)
    targets = SimpleNamespace(floor=floor, target=target, target_upper=None, floor_upper=None)
    current = SimpleNamespace(value=value, target=target, floor=floor, rag=rag, month=Month(2012, 5))
    return SimpleNamespace(measure=measure, current=current, comparison_value=before, targets=targets,
                           direction=direction, comparison_month=Month(2012, 4))


D = Decimal


@pytest.mark.parametrize("case, words", [
    (result("AS08", "Low", D("11.5"), D("10.9"), D(9), D(11), rules.RED, rules.WORSENING),
     "AS08 rose to 11.5, above the minimum standard of 11: Red, worsening"),
    (result("H1", "High", D("80.0"), D("82.0"), D(85), D(75), rules.AMBER, rules.WORSENING),
     "H1 fell to 80.0, below the target of 85 but within the minimum standard of 75: Amber, worsening"),
    (result("H2", "High", D("90.0"), D("90.0"), D(85), D(75), rules.GREEN, rules.NO_CHANGE),
     "H2 stayed at 90.0, meeting the target of 85: Green, no change"),
    (result("N1", "None", D("12.0"), None, None, None, None, None),
     "N1 was 12.0, context only, no target: no RAG alert"),
    (result("X1", "High", None, D("3.0"), D(5), D(4), None, None),
     "X1 has no figure for May 2012: no RAG alert"),
])
def test_alt_text_states_the_finding(case, words):
    assert cells.finding(case) == words


def test_appendix_a_exceptions_carry_their_plan_in_a_column(example):
    _, books, _ = example
    sheet = books["A"]["Exceptions"]
    [table] = sheet.tables.values()
    rows = sheet[table.ref]
    headings = [c.value for c in rows[0]]
    plan = headings.index("Business plan")
    by_ref = {row[0].value: row[plan].value for row in rows[1:]}
    assert by_ref == {"BP1": "Specialist Children's Services", "BP3": "Specialist Children's Services",
                      "BP5": "Older People & Physical Disability"}


def test_notes_columns_fit_their_longest_code_and_file_name():
    from fscxl.render.supporting import CODE_CHARS_PER_UNIT, unbroken_width

    assert unbroken_width(["ADOPT_DAYS_TO_PLACE"], 12.0, 30.0) == pytest.approx(19 / CODE_CHARS_PER_UNIT + 1)
    assert unbroken_width(["REF"], 12.0, 30.0) == 12.0
    # a path breaks after each '/', so only its longest part needs the width
    assert unbroken_width(["returns/children/looked_after.xlsx"], 10.0, 40.0) == pytest.approx(
        len("looked_after.xlsx") / CODE_CHARS_PER_UNIT + 1)
    assert unbroken_width(["X" * 80], 10.0, 36.0) == 36.0


@pytest.fixture(scope="module")
def default_books(tmp_path_factory):
    """The shipped default inputs: a twelve-measure area with three-line titles, the hard case."""
    done = run(Path(__file__).resolve().parents[2] / "inputs", tmp_path_factory.mktemp("default") / "out")
    with open(done.folder / "results.csv", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    return {letter: open_output(output(done, f"Appendix {letter}")) for letter in "BC"}, rows


@pytest.mark.parametrize("letter, name, own_page", [("C", "Scorecard", True), ("C", "Corporate", False),
                                                   ("B", "Measures", False)])
def test_default_inputs_print_each_area_whole_on_a_page(default_books, letter, name, own_page):
    books, _ = default_books
    pages = area_pages(books[letter][name])
    if own_page:
        assert all(len(areas) == 1 for areas in pages), pages
    flat = [area for areas in pages for area in areas]
    assert len(flat) == len(set(flat))


def test_default_inputs_summary_counts_equal_results_csv(default_books):
    books, rows = default_books
    for letter, scorecard in (("B", "Adults"), ("C", "Children")):
        sheet = books[letter]["Summary"]
        [counts] = [ref for name, ref in sheet.tables.items() if name.startswith("RAG_by_area")]
        grid = [[c.value for c in r] for r in sheet[counts]]
        for values in grid[1:]:
            row = dict(zip(grid[0], values, strict=True))
            in_area = [r for r in rows if r["scorecard"] == scorecard and r["area"] == row["Area"]]
            assert [row[rag] for rag in ("Green", "Amber", "Red")] == [
                sum(r["rag"] == rag for r in in_area) for rag in ("Green", "Amber", "Red")], row["Area"]


def test_chart_lines_are_this_years_target_and_the_floor_each_month_is_judged_against(example):
    _, books, _ = example
    sheet = books["B"]["Chart data"]
    [ref] = sheet.tables.values()
    grid = [[c.value for c in row] for row in sheet[ref.ref]]
    series = {(row[0], row[1]): dict(zip(grid[0][2:], row[2:], strict=True)) for row in grid[1:]}
    # AS03 is a running count with a phased target: May's 1,450 pro-rates the 8,100 floor
    assert series[("AS03", "Target")]["May-12"] == 1450
    assert series[("AS03", "Floor")]["May-12"] == pytest.approx(8100 * 1450 / 9000)
    # last year's months have no line, so nothing plunges from March to April
    assert series[("AS03", "Target")]["Mar-12"] is None and series[("AS03", "Floor")]["Mar-12"] is None
    assert ("AS16", "Target") not in series  # context only: no target line
