"""Contract sections 4 and 5: commentary and the business plan reach the workbooks as text, never formulas or links."""

from __future__ import annotations

import datetime as dt

import openpyxl
import pytest
from builders import write_sheet
from contract_helpers import reported_problems, two_measure_inputs

from fscxl.pipeline import run

# openpyxl, reading the written workbooks back, does not know xlsxwriter's sparklines
pytestmark = pytest.mark.filterwarnings("ignore:Sparkline Group extension:UserWarning")

HOSTILE = ["=HYPERLINK(\"http://evil.example\",\"click\")", "=1+1", "+44 1622 000000", "-minus",
           "@SUM(A1)", "http://www.example.org/report", "mailto:someone@example.org",
           "www.example.org", "Children’s services: ‘quoted’ – £5 €"]


def as_typed_text(book):
    """Text starting with '=' kept as text, as Excel stores '=... typed with an apostrophe."""
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                if cell.data_type == "f":
                    cell.data_type = "s"
    return book


def write_commentary(path, measure_rows, area_rows):
    book = openpyxl.Workbook()
    write_sheet(book, "Measures", [["Ref", "Month", "Commentary"], *measure_rows], first=True)
    write_sheet(book, "Areas", [["Scorecard", "Area", "Month", "Commentary"], *area_rows])
    as_typed_text(book).save(path)


def write_plan(path, rows):
    book = openpyxl.Workbook()
    write_sheet(book, "Actions", [["Ref", "Business plan", "Action", "Owner", "Due date", "Status",
                                   "Revised date", "Commentary"], *rows], first=True)
    as_typed_text(book).save(path)


def all_cells(path):
    book = openpyxl.load_workbook(path)
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                yield sheet, cell


# --- commentary and the business plan are text ------------------------------------------------

def strings_in(path) -> dict[str, object]:
    """Every text cell of a written workbook; each must be text, and none a link from officers' words."""
    found = {}
    for sheet, cell in all_cells(path):
        if isinstance(cell.value, str) and cell.value.startswith(("=", "+", "-", "@")):
            assert cell.data_type == "s", (sheet.title, cell.coordinate, cell.value)
        if cell.hyperlink is not None:
            assert "example" not in str(cell.hyperlink.target or ""), (sheet.title, cell.coordinate)
        if isinstance(cell.value, str):
            found.setdefault(cell.value, cell)
    return found


@pytest.mark.parametrize("layout", ["Scorecard", "Dashboard"])
def test_area_commentary_is_written_as_text_never_a_formula_or_a_link(tmp_path, layout):
    inputs = two_measure_inputs(tmp_path, layout)
    write_commentary(inputs / "commentary.xlsx", [],
                     [["Children", "Outcomes", "2012-05", HOSTILE[0]],
                      ["children", " activity", "May 2012", " ".join(HOSTILE[1:])]])
    summary = run(inputs, tmp_path / "out")
    [card] = [p for p in summary.written if p.name.startswith("Appendix C")]
    texts = strings_in(card)
    assert HOSTILE[0] in texts  # shown as typed, as text
    assert " ".join(HOSTILE[1:]) in texts


def test_measure_commentary_on_a_dashboard_is_text_never_a_formula_or_a_link(tmp_path):
    inputs = two_measure_inputs(tmp_path, "Dashboard")
    write_commentary(inputs / "commentary.xlsx",
                     [["P1", dt.datetime(2012, 5, 17), HOSTILE[0]], ["N1", "May-12", " ".join(HOSTILE[1:])]],
                     [])
    summary = run(inputs, tmp_path / "out")
    [card] = [p for p in summary.written if p.name.startswith("Appendix C")]
    texts = " | ".join(strings_in(card))
    assert HOSTILE[0] in texts and "mailto:someone@example.org" in texts



def test_measure_commentary_appears_in_a_scorecard_layout_workbook(tmp_path):
    # Section 4 gives commentary per measure; section 7 gives every scorecard a commentary
    # sheet. An officer's words for a measure on a Scorecard-layout card should appear there.
    inputs = two_measure_inputs(tmp_path, "Scorecard")
    write_commentary(inputs / "commentary.xlsx", [["P1", "May-12", "Referrals rose after the campaign."]], [])
    summary = run(inputs, tmp_path / "out")
    [card] = [p for p in summary.written if p.name.startswith("Appendix C")]
    assert any("Referrals rose after the campaign." in text for text in strings_in(card))


def test_business_plan_text_is_text_and_statuses_are_checked(tmp_path):
    inputs = two_measure_inputs(tmp_path)
    write_plan(inputs / "business_plan.xlsx", [
        ["BP1", "Children", "=cmd|' /C calc'!A0", "Officer", dt.datetime(2012, 6, 30), "Delayed",
         dt.datetime(2012, 9, 30), "http://example.org"],
        ["BP2", "Children", "Action two", "Officer", "Q3 2012", "on track", None, ""],
        ["BP3", "Children", "Action three", "Officer", None, "Complete", None, ""],
        ["BP4", "Children", "Action four", "Officer", None, "Cancelled", None, "=1+1"],
    ])
    summary = run(inputs, tmp_path / "out")
    assert not summary.problems.errors
    [plan] = [p for p in summary.written if p.name.startswith("Appendix A")]
    assert "2012-05" in plan.name
    for _sheet, cell in all_cells(plan):
        if isinstance(cell.value, str) and (cell.value.startswith("=") or "example" in cell.value):
            assert cell.data_type == "s" and cell.hyperlink is None


def test_an_unknown_business_plan_status_is_an_error(tmp_path, cli):
    inputs = two_measure_inputs(tmp_path)
    write_plan(inputs / "business_plan.xlsx", [["BP1", "Children", "Act", "Me", None, "Slipping", None, ""]])
    result = cli("run", "--inputs", inputs, "--outputs", tmp_path / "out")
    assert result.exit_code == 1
    assert "Slipping" in result.output and "cell F2" in result.output
    assert reported_problems(tmp_path / "out") == [("PLN03", "business_plan.xlsx", "Actions", "F2")]


def test_commentary_and_business_plan_are_optional(tmp_path):
    summary = run(two_measure_inputs(tmp_path), tmp_path / "out")
    assert not summary.problems.problems
    assert sorted(p.name for p in summary.written) == [
        "Appendix C - Children's Scorecard - 2012-05.xlsx", "Email to members - 2012-05.eml", "districts.csv", "results.csv",
        "validation_report.xlsx"]


def test_commentary_month_as_text_or_date(tmp_path):
    from builders import read_commentary as load_commentary

    from fscxl.model.periods import Month
    from fscxl.model.problems import ProblemLog

    path = tmp_path / "commentary.xlsx"
    write_commentary(path, [["P1", dt.datetime(2012, 5, 31), "a"], ["P2", "Apr-12", "b"],
                            ["P3", "April 2012", "c"], ["P4", "2012-03", "d"]],
                     [["Children", "Outcomes", dt.date(2012, 5, 2), "e"]])
    problems = ProblemLog()
    commentary = load_commentary(path, "commentary.xlsx", {"P1", "P2", "P3", "P4"}, problems)
    assert not problems.problems
    assert commentary.for_measure("P1", Month(2012, 5)) == "a"
    assert commentary.for_measure("P2", Month(2012, 4)) == "b"
    assert commentary.for_measure("P3", Month(2012, 4)) == "c"
    assert commentary.for_measure("P4", Month(2012, 3)) == "d"
    assert commentary.for_area("Children", "Outcomes", Month(2012, 5)) == "e"
