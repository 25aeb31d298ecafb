"""The Summary sheet: counts by area equal results.csv, the exceptions are the committee's."""

from __future__ import annotations

import zipfile

import pytest
from render_inputs import open_output, output, run_example

from fscxl.compute import rules
from fscxl.render import summary, theme


@pytest.fixture(scope="module")
def example(tmp_path_factory):
    run, rows = run_example(tmp_path_factory.mktemp("summary"))
    return run, rows, {letter: open_output(output(run, f"Appendix {letter}")) for letter in "BC"}


def table_rows(sheet, name: str) -> list[dict]:
    """The rows of a named Excel table as heading -> value."""
    table = sheet.tables[name]
    grid = [[cell.value for cell in row] for row in sheet[table.ref]]
    return [dict(zip(grid[0], values, strict=True)) for values in grid[1:]]


@pytest.mark.parametrize("letter, scorecard", [("B", "Adults"), ("C", "Children")])
def test_counts_by_area_equal_results_csv(example, letter, scorecard):
    _, rows, books = example
    sheet = books[letter]["Summary"]
    counted = {row["Area"]: row for row in table_rows(sheet, f"RAG_by_area_{letter}")}
    mine = [row for row in rows.values() if row["scorecard"] == scorecard]
    assert list(counted) == list(dict.fromkeys(row["area"] for row in mine))
    for area, row in counted.items():
        in_area = [r for r in mine if r["area"] == area]
        for rag in summary.RAGS:
            assert row[rag] == sum(r["rag"] == rag for r in in_area), (area, rag)
        assert row[summary.NO_ALERT] == sum(r["rag"] == "" for r in in_area), area
        assert row["Measures"] == len(in_area), area


@pytest.mark.parametrize("letter, scorecard", [("B", "Adults"), ("C", "Children")])
def test_exceptions_are_every_red_and_every_worsening_amber(example, letter, scorecard):
    _, rows, books = example
    listed = table_rows(books[letter]["Summary"], f"Exceptions_{letter}")
    expected = [r for r in rows.values() if r["scorecard"] == scorecard and (
        r["rag"] == "Red" or (r["rag"] == "Amber" and r["direction"] == "Worsening"))]
    if not expected:
        assert [row["Ref"] for row in listed] == ["None"]
        return
    assert [row["Ref"] for row in listed] == [r["ref"] for r in expected]
    for row, csv_row in zip(listed, expected, strict=True):
        assert row["Figure"] == pytest.approx(float(csv_row["value"]))
        assert row["RAG May-12"] == csv_row["rag"]
        assert row["Area"] == csv_row["area"]
        board = csv_row["rag"] == "Red" and csv_row["direction"] != "Improving"
        assert row["Improvement board"] == ("Yes" if board else "No"), csv_row["ref"]


def test_the_last_three_months_each_have_a_rag_word(example):
    _, _, books = example
    listed = table_rows(books["C"]["Summary"], "Exceptions_C")
    assert listed and {row["RAG May-12"] for row in listed} <= {"Red", "Amber"}
    assert all(row[f"RAG {month}"] in ("Green", "Amber", "Red", theme.NOT_AVAILABLE, theme.NO_TARGET)
               for row in listed for month in ("Mar-12", "Apr-12"))


def test_the_counts_chart_states_the_counts_in_its_alt_text(example):
    run, _, books = example
    with zipfile.ZipFile(output(run, "Appendix C")) as archive:
        drawing = archive.read("xl/drawings/drawing1.xml").decode()
    rows = table_rows(books["C"]["Summary"], "RAG_by_area_C")
    for row in rows:
        words = f"{row['Area']}: {row['Green']} Green, {row['Amber']} Amber, {row['Red']} Red"
        assert words.replace("'", "&apos;") in drawing or words in drawing, words


def test_improvement_board_rule_is_red_and_not_improving():
    from types import SimpleNamespace

    from fscxl.render import cells

    cases = [(rules.RED, rules.WORSENING, True, True), (rules.RED, rules.NO_CHANGE, True, True),
             (rules.RED, None, True, True), (rules.RED, rules.IMPROVING, True, False),
             (rules.AMBER, rules.WORSENING, True, False), (rules.AMBER, rules.IMPROVING, False, False),
             (rules.GREEN, rules.WORSENING, False, False), (None, None, False, False)]
    for rag, direction, exception, board in cases:
        result = SimpleNamespace(current=SimpleNamespace(rag=rag), direction=direction)
        assert cells.is_exception(result) is exception, (rag, direction)
        assert cells.for_improvement_board(result) is board, (rag, direction)


def cell_content(cell):
    """A cell as a golden compares it: its value, and its number format where it is a number."""
    return (cell.value, cell.number_format) if isinstance(cell.value, int | float) else cell.value


def test_the_childrens_summary_matches_its_golden_content(example):
    _, _, books = example
    sheet = books["C"]["Summary"]
    tables = {name: [[cell_content(c) for c in row] for row in sheet[ref]] for name, ref in sheet.tables.items()}
    count = "#,##0"
    assert tables["RAG_by_area_C"] == [
        ["Area", "Green", "Amber", "Red", "No alert", "Measures"],
        ["How much are we dealing with?", (2, count), (0, count), (0, count), (1, count), (3, count)],
        ["Are we achieving good outcomes?", (0, count), (2, count), (1, count), (0, count), (3, count)],
        ["Are we supporting our staff?", (0, count), (2, count), (0, count), (0, count), (2, count)]]
    percent, whole = '0.0"%"', '0"%"'
    # March 2012 belongs to 2011/12, which has no targets in these inputs: a figure, no target
    assert tables["Exceptions_C"] == [
        ["Ref", "Measure", "Figure", "Target", "Floor", "Direction", "RAG Mar-12", "RAG Apr-12",
         "RAG May-12", "Improvement board", "Area"],
        ["CH30", "% children with CP Plan for second or more time", (18.8, percent), (13, whole), (18, whole),
         "\u25b2 Improving", "[z]", "Red", "Red", "No", "Are we achieving good outcomes?"],
        ["CH17", "Average days from entering care to moving in with adoptive family", (688, "#,##0"),
         (639, "#,##0"), (700, "#,##0"), "\u25bc Worsening", "[z]", "Amber", "Amber", "No",
         "Are we achieving good outcomes?"],
        ["CH43", "Average caseload per qualified social worker", (20.9, "#,##0.0"), (18, "#,##0"), (22, "#,##0"),
         "\u25bc Worsening", "[z]", "Amber", "Amber", "No", "Are we supporting our staff?"]]
    rules_by_range = {str(cf.sqref): sorted(r.formula[0] for r in cf.rules) for cf in sheet.conditional_formatting}
    rag_rules = sorted(f'"{rag}"' for rag in ("Green", "Amber", "Red"))
    for cells_range in ("C7", "D7", "E7", "G24:G26", "H24:H26", "I24:I26"):
        assert rules_by_range[cells_range] == rag_rules, cells_range
    assert rules_by_range["F24:F26"] == sorted(f'"{theme.direction_text(d)}"' for d in theme.DIRECTION_INK)
