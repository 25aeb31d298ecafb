"""The Districts sheet and small-number suppression ([c]) in the scorecard workbooks (contract 6, 7, v2)."""

from __future__ import annotations

import io
import warnings
from pathlib import Path

import openpyxl
import pytest
from builders import (
    add_report_sheet,
    district_series,
    measure,
    simple_inputs,
    target,
    write_catalogue,
    write_return,
)

from fscxl.model.periods import Month
from fscxl.pipeline import run

SUPPRESSED = "[c]"
RAG_WORDS = {"Green", "Amber", "Red"}
MONTHS = 14  # April 2011 to May 2012


def district_inputs(root: Path, suppress_below: int | None = None) -> Path:
    """Three measures by district and one county-only percentage over a small denominator.

    ONE: exactly one small district (North, 3); NONE: no small count (10 to 40 at the
    default threshold); CTY: the county total itself small (1 + 1 + 0 + 0); SMALLDEN: 0
    out of 4, a percentage whose denominator is small; RATE: a rate over the county's
    population, which has no district figure.
    """
    inputs = root / "inputs"
    measures = [measure("ONE", title="One small district", numerator="N1", denominator="D1"),
                measure("NONE", title="No small district", numerator="N2", denominator="D2"),
                measure("CTY", title="Small county", numerator="N3", denominator="D3"),
                measure("SMALLDEN", title="Small denominator", numerator="N4", denominator="D4"),
                measure("RATE", title="Rate over the county", unit="Rate per 10,000", numerator="N2",
                        denominator=100000)]
    targets = [target(ref, target=40, floor=30) for ref in ("ONE", "NONE", "CTY", "SMALLDEN")]
    write_catalogue(inputs / "measures.xlsx", measures, targets)
    if suppress_below is not None:
        add_report_sheet(inputs / "measures.xlsx", [["Suppress below", suppress_below]])
    series = {}
    for numerator, denominator, counts in (("N1", "D1", (3, 20, 30, 40)), ("N2", "D2", (10, 20, 30, 40)),
                                           ("N3", "D3", (1, 1, 0, 0))):
        series[numerator], series[denominator] = district_series(counts, (50, 50, 50, 50), MONTHS)
    write_return(inputs / "returns" / "districts.xlsx", series, count=MONTHS, districts=True)
    write_return(inputs / "returns" / "county.xlsx", {"N4": [0] * MONTHS, "D4": [4] * MONTHS}, count=MONTHS)
    return inputs


def workbook(root: Path, suppress_below: int | None = None):
    summary = run(district_inputs(root, suppress_below), root / "outputs", Month(2012, 5))
    [path] = summary.folder.glob("Appendix *.xlsx")
    return load(path), summary


def load(path: Path):
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message="Sparkline Group extension")
        return openpyxl.load_workbook(io.BytesIO(path.read_bytes()))


def table_rows(sheet, first_heading: str = "Ref") -> tuple[list, list[tuple]]:
    """(headings, rows) of the first table on a sheet whose heading row starts `first_heading`."""
    rows = list(sheet.iter_rows(values_only=True))
    start = next(i for i, row in enumerate(rows) if first_heading in row)
    headings = list(rows[start])
    body = []
    for row in rows[start + 1:]:
        if all(v is None for v in row):
            break
        body.append(row)
    return headings, body


def districts_grid(book) -> dict[tuple[str, str], dict[str, object]]:
    """(ref, 'Figure' or 'RAG') -> {district or County: cell value}."""
    headings, rows = table_rows(book["Districts"])
    first = headings.index("Shows") + 1
    return {(row[0], row[first - 1]): dict(zip(headings[first:], row[first:], strict=False)) for row in rows}


@pytest.fixture(scope="module")
def default_run(tmp_path_factory):
    return workbook(tmp_path_factory.mktemp("districts"))


def test_districts_sheet_has_districts_in_the_returns_order_and_the_county_last(default_run):
    book, _ = default_run
    headings, _ = table_rows(book["Districts"])
    assert headings == ["Ref", "Measure", "Shows", "North", "South", "East", "West", "County"]
    assert list(book["Districts"].tables) == ["Districts_B"]  # a real, named Excel table
    grid = districts_grid(book)
    assert [ref for ref, shows in grid if shows == "Figure"] == ["ONE", "NONE", "CTY"]  # none for SMALLDEN or RATE
    assert grid[("NONE", "Figure")] == {"North": 20, "South": 40, "East": 60, "West": 80, "County": 50}
    assert grid[("NONE", "RAG")] == {"North": "Red", "South": "Green", "East": "Green", "West": "Green",
                                     "County": "Green"}
    notes = [c for row in book["Districts"].iter_rows(values_only=True) for c in row if isinstance(c, str)]
    assert any(c.startswith("County is the county figure: the districts' counts added up") for c in notes)


@pytest.mark.parametrize(("ref", "hidden"), [
    ("ONE", {"North", "South"}),  # one small district, and the next smallest so it cannot be recovered
    ("NONE", set()),
    ("CTY", {"North", "South", "County"}),  # the county's 2 is small too; zeros are shown
])
def test_district_suppression(default_run, ref, hidden):
    grid = districts_grid(default_run[0])
    for shows in ("Figure", "RAG"):
        assert {name for name, value in grid[(ref, shows)].items() if value == SUPPRESSED} == hidden


def test_zero_is_shown_beside_a_suppressed_district(default_run):
    grid = districts_grid(default_run[0])
    assert (grid[("CTY", "Figure")]["East"], grid[("CTY", "RAG")]["East"]) == (0, "Red")


def grid_row(book, ref: str) -> dict[str, object]:
    headings, rows = table_rows(book["Scorecard"], "Measure")
    return next(dict(zip(headings, row, strict=False)) for row in rows if row[headings.index("Ref")] == ref)


@pytest.mark.parametrize("ref", ["SMALLDEN", "CTY"])
def test_a_figure_built_from_a_small_count_is_c_with_its_counts_rag_and_direction(default_run, ref):
    row = grid_row(default_run[0], ref)
    assert [row[h] for h in ("Headline May-12", "Count", "Out of", "RAG", "Direction")] == [SUPPRESSED] * 5


def test_the_county_figure_of_a_district_table_with_one_small_district_is_shown(default_run):
    row = grid_row(default_run[0], "ONE")
    assert (row["Headline May-12"], row["Count"], row["Out of"], row["RAG"]) == (46.5, 93, 200, "Green")


def covering_rules(sheet, cell) -> list:
    return [rule for formatting in sheet.conditional_formatting
            if cell.coordinate in formatting.sqref for rule in formatting.rules]


def test_no_conditional_format_can_colour_a_suppressed_cell(default_run):
    book, _ = default_run
    checked = ruled = 0
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                if cell.value != SUPPRESSED:
                    continue
                checked += 1
                assert cell.fill.fgColor.rgb in (None, "00000000"), (sheet.title, cell.coordinate)
                for rule in covering_rules(sheet, cell):
                    ruled += 1
                    # every colouring rule compares the cell with a word; none is '[c]'
                    assert (rule.type, rule.operator) == ("cellIs", "equal"), (sheet.title, rule.type)
                    assert all(f.strip('"') != SUPPRESSED for f in rule.formula)
    assert checked >= 20 and ruled >= 20  # [c] cells under the RAG and direction rules were seen


def test_the_notes_state_the_threshold_and_the_key_explains_c_once(default_run):
    book, _ = default_run
    notes = [c for row in book["Notes"].iter_rows(values_only=True) for c in row if isinstance(c, str)]
    assert any(c.startswith("Counts from 1 to 5, and any figure") for c in notes)
    key = [row for row in book["Key"].iter_rows(values_only=True) if SUPPRESSED in row]
    assert len(key) == 1


def test_suppress_below_0_shows_every_figure(tmp_path):
    book, summary = workbook(tmp_path, suppress_below=0)
    cells = [c for sheet in book.worksheets for row in sheet.iter_rows(values_only=True) for c in row]
    assert SUPPRESSED not in cells
    assert summary.suppressed == 0
    grid = districts_grid(book)
    assert grid[("ONE", "Figure")]["North"] == 6 and grid[("CTY", "Figure")]["County"] == 1
    assert grid_row(book, "SMALLDEN")["Headline May-12"] == 0


def test_suppress_below_11_suppresses_counts_up_to_10(tmp_path):
    book, _ = workbook(tmp_path, suppress_below=11)
    grid = districts_grid(book)
    assert {d for d, v in grid[("NONE", "Figure")].items() if v == SUPPRESSED} == {"North", "South"}
    notes = [c for row in book["Notes"].iter_rows(values_only=True) for c in row if isinstance(c, str)]
    assert any(c.startswith("Counts from 1 to 10,") for c in notes)


def test_a_small_month_alone_beside_a_year_to_date_headline_is_c(tmp_path):
    """May alone is 3 of 50; the year to date (33 of 100) is shown, but not beside May's count."""
    inputs = simple_inputs(tmp_path, measures=[measure(basis="YTD")],
                           series={"NUM": [30] * 13 + [3], "DEN": [50] * 14})
    summary = run(inputs, tmp_path / "outputs", Month(2012, 5))
    [path] = summary.folder.glob("Appendix *.xlsx")
    row = grid_row(load(path), "M1")
    assert (row["May-12 alone"], row["Headline May-12"], row["RAG"]) == (SUPPRESSED, 33, "Red")
