"""Contract section 7, sheet by sheet: every scorecard workbook reopened and checked.

For the default run and for small inputs in each layout: RAG cells coloured by
conditional-format rules and carrying the word, arrows with their word, a commentary,
key and notes sheet, and every sheet print-ready (A4 landscape, one page wide,
repeated headings, a footer with classification, month and page numbers).
"""

from __future__ import annotations

import re
from pathlib import Path

import openpyxl
import pytest
from contract_helpers import inputs_with, measure, target
from openpyxl.utils.cell import range_boundaries

from fscxl.pipeline import run
from fscxl.render import theme

pytestmark = pytest.mark.filterwarnings("ignore:Sparkline Group extension:UserWarning")

ROOT = Path(__file__).resolve().parents[2]
RAG_WORDS = ("Green", "Amber", "Red")
ARROWS = tuple(theme.ARROWS.values())


def covering_rules(sheet, cell) -> list[str]:
    """The formulas of every conditional-format rule whose range holds `cell`."""
    found = []
    for cf in sheet.conditional_formatting:
        for cell_range in str(cf.sqref).split():
            min_col, min_row, max_col, max_row = range_boundaries(cell_range)
            if min_row <= cell.row <= max_row and min_col <= cell.column <= max_col:
                found += [" ".join(rule.formula or []) for rule in cf.rules]
    return found


def check_print_ready(sheet, month_label: str, where: str) -> None:
    setup = sheet.page_setup
    assert (setup.paperSize, setup.orientation) == (9, "landscape"), where
    assert sheet.sheet_properties.pageSetUpPr is not None and sheet.sheet_properties.pageSetUpPr.fitToPage, where
    assert setup.fitToWidth in (None, 1) and setup.fitToHeight == 0, where  # absent fitToWidth means 1
    footer = sheet.oddFooter
    whole = " ".join(part.text or "" for part in (footer.left, footer.center, footer.right))
    assert theme.CLASSIFICATION in whole and month_label in whole, (where, whole)
    assert "Page &P" in whole, (where, whole)  # no "of &N": numbers run on through a pack


def is_note_only(sheet) -> bool:
    """A sheet that holds only its title block and one note (e.g. no corporate measures)."""
    return sheet.max_row <= 6 and sheet.max_column <= 1


def check_scorecard_workbook(path: Path, month_iso: str, month_label: str) -> dict[str, int]:
    """Every check of section 7 on one workbook; returns counts of what it saw, to show it looked."""
    letter = path.name.split(" ")[1]
    assert path.name.startswith(f"Appendix {letter} - ") and path.name.endswith(f" - {month_iso}.xlsx")
    book = openpyxl.load_workbook(path)
    names = book.sheetnames
    seen = {"rag": 0, "arrow": 0, "sheets": len(names)}
    if letter != "A" or "Scorecard" in names or "Dashboard" in names:
        for needed in ("Commentary", "Key", "Notes"):
            assert needed in names, (path.name, names)
    for sheet in book.worksheets:
        where = f"{path.name} / {sheet.title}"
        outturn = letter == "A" and "Scorecard" not in names and "Dashboard" not in names
        check_print_ready(sheet, "Outturn" if outturn else month_label, where)  # A reports an outturn
        if sheet.title != "Cover" and not is_note_only(sheet):
            assert sheet.print_title_rows, f"{where}: no repeated heading rows"
            heading_row = int(sheet.print_title_rows.split(":")[0].strip("$"))
            assert any(c.value for c in sheet[heading_row]), f"{where}: repeated row {heading_row} is empty"
        for row in sheet.iter_rows():
            for cell in row:
                value = cell.value
                if not isinstance(value, str):
                    continue
                fill = cell.fill.fgColor.rgb if cell.fill is not None and cell.fill.fill_type else None
                if value in RAG_WORDS:
                    seen["rag"] += 1
                    assert f'"{value}"' in covering_rules(sheet, cell), f"{where}!{cell.coordinate}: {value}"
                    rag_fill = theme.RAG_FILLS[value].lstrip("#").upper()
                    assert not (isinstance(fill, str) and fill.upper().endswith(rag_fill)), \
                        f"{where}!{cell.coordinate}: a static fill"
                if value.startswith(ARROWS):
                    seen["arrow"] += sheet.title in ("Scorecard", "Dashboard")  # the main sheet's
                    # every arrow is followed by its word ('▲ Improving')
                    pairs = re.findall(f"([{''.join(ARROWS)}]) ([A-Za-z]+(?: change)?)", value)
                    assert pairs and all(theme.ARROWS.get(w) == a for a, w in pairs), f"{where}!{cell.coordinate}"
                    assert len(pairs) == sum(value.count(a) for a in ARROWS), f"{where}!{cell.coordinate}"
                    if len(pairs) == 1:
                        assert f'"{value}"' in covering_rules(sheet, cell), f"{where}!{cell.coordinate}: {value}"
    return seen


@pytest.fixture(scope="module")
def default_run(tmp_path_factory):
    out = tmp_path_factory.mktemp("default") / "outputs"
    return run(ROOT / "inputs", out)


@pytest.mark.slow
def test_every_workbook_of_the_default_run_meets_section_7(default_run):
    books = sorted(p for p in default_run.written if p.name.startswith("Appendix "))
    assert [p.name.split(" ")[1] for p in books] == ["A", "B", "C"]
    totals = {"rag": 0, "arrow": 0}
    for path in books:
        seen = check_scorecard_workbook(path, default_run.month.iso, default_run.month.label)
        totals = {k: totals[k] + seen[k] for k in totals}
    assert totals["rag"] > 20 and totals["arrow"] > 20  # the checks above ran on real cells


def small_inputs(root: Path, layout: str | None, with_targets: bool = True) -> Path:
    """Band, None, High and Low measures, one with no figure at all; optionally no targets."""
    measures = [measure("H1", title="Higher is better"),
                measure("L1", polarity="Low", title="Lower is better"),
                measure("B1", polarity="Band", area="Range", title="Inside a range"),
                measure("N1", polarity="None", unit="Number", denominator=None, area="Context"),
                measure("E1", numerator="EMPTY", denominator=None, unit="Number", title="No figure yet",
                        corporate="Y")]
    targets = [target("H1", target=70, floor=60), target("L1", target=70, floor=90),
               target("B1", target=75, target_upper=85, floor=60, floor_upper=95),
               target("E1", target=5)] if with_targets else []
    series = {"NUM": [6, 7, 8, 9, 8, 7, 6, 7, 8, 9, 8, 7, 8, 9], "DEN": [10] * 14, "EMPTY": [None] * 14}
    scorecards = None if layout is None else [["Children", "Children's services", layout, "C"]]
    return inputs_with(root, measures, targets, series, scorecards=scorecards)


@pytest.mark.parametrize("layout", [None, "Scorecard", "Dashboard"])
@pytest.mark.parametrize("with_targets", [True, False])
def test_small_workbooks_in_each_layout_meet_section_7(tmp_path, layout, with_targets):
    summary = run(small_inputs(tmp_path, layout, with_targets), tmp_path / "out")
    [book] = [p for p in summary.written if p.name.startswith("Appendix ")]
    # no Scorecards row: the Scorecard layout, the scorecard's own name, the next free letter (B)
    expected = "Appendix B - Children - 2012-05.xlsx" if layout is None else \
        "Appendix C - Children's services - 2012-05.xlsx"
    assert book.name == expected
    seen = check_scorecard_workbook(book, "2012-05", "May 2012")
    # H1, L1 and B1 (a band with no band set has no direction); N1, context only, goes Up or
    # Down in a word with no arrow: an arrow always means better or worse
    assert seen["arrow"] == (3 if with_targets else 2)
    assert seen["rag"] >= 3 + (2 if with_targets else 0)  # the key's words, and H1's and L1's alerts
    book = openpyxl.load_workbook(book)
    assert ("Dashboard" in book.sheetnames) == (layout == "Dashboard")
    main = book["Dashboard" if layout == "Dashboard" else "Scorecard"]
    words = {c.value for row in main.iter_rows() for c in row if c.value in RAG_WORDS}
    assert words == ({"Green", "Amber"} if with_targets else set())


def test_a_target_finer_than_the_figure_is_shown_with_its_own_decimals(tmp_path):
    # Section 6: the colour never contradicts the number a member reads. A whole-number %
    # figure of 80 against a target of 80.4 is amber; the target cell must read 80.4%, not 80%.
    inputs = inputs_with(tmp_path, [measure("P0", decimals=0)], [target("P0", target=80.4, floor=70)],
                         {"NUM": [8] * 14, "DEN": [10] * 14})
    summary = run(inputs, tmp_path / "out")
    [book] = [p for p in summary.written if p.name.startswith("Appendix ")]
    sheet = openpyxl.load_workbook(book)["Scorecard"]
    [row] = [r for r in sheet.iter_rows() if r[1].value == "P0"]
    by_heading = {sheet.cell(5, c.column).value: c for c in row}
    assert (by_heading["RAG"].value, by_heading["Headline May-12"].number_format) == ("Amber", '0"%"')
    assert by_heading["Year-end target"].value == 80.4
    assert by_heading["Year-end target"].number_format == '0.0"%"'
