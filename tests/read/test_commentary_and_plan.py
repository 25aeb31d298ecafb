"""Commentary and business plan workbooks: read as text, never as formulas or markers."""

import datetime as dt

import openpyxl
from builders import read_business_plan as load_business_plan
from builders import read_commentary as load_commentary

from fscxl.model.periods import Month
from fscxl.model.problems import ProblemLog


def test_commentary_by_measure_and_area_with_dates_or_text_months(tmp_path):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Measures"
    sheet.append(["Ref", "Month", "Commentary"])
    sheet.append(["M1", dt.datetime(2012, 5, 17), "=SUM(A1:A2) stays text"])
    sheet.append(["M1", "Apr-12", "April words"])
    sheet.append(["M9", "May-12", "unknown measure"])
    sheet.append(["M1", "soon", "bad month"])
    sheet.append(["M1", "Jun-12", "=1/0"])  # openpyxl stores a formula with no result
    sheet["C2"].data_type = "s"  # text that merely starts with '='
    areas = book.create_sheet("Areas")
    areas.append(["Scorecard", "Area", "Month", "Commentary"])
    areas.append(["Children", "Outcomes", "2012-05", "Area words"])
    book.save(tmp_path / "c.xlsx")
    problems = ProblemLog()
    commentary = load_commentary(tmp_path / "c.xlsx", "commentary.xlsx", {"M1"}, problems)
    assert commentary.for_measure("M1", Month(2012, 5)) == "=SUM(A1:A2) stays text"
    assert commentary.for_measure("M1", Month(2012, 4)) == "April words"
    assert commentary.for_measure("M1", Month(2012, 6)) == ""
    assert commentary.for_area("children", "OUTCOMES", Month(2012, 5)) == "Area words"
    assert sorted((p.code, p.cell) for p in problems.problems) == [
        ("COM02", "C6"), ("COM03", "B5"), ("XIN02", "A4")]
    assert not any("FORMULA_WITHOUT_RESULT" in p.text() for p in problems.problems)  # the marker stays inside


def test_business_plan_statuses_and_unreadable_cells(tmp_path):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Actions"
    sheet.append(["Ref", "Business plan", "Action", "Owner", "Due date", "Status", "Revised date", "Commentary"])
    sheet.append(["A1", "Plan", "Do it", "Ann", dt.datetime(2012, 3, 31), "delayed", "Q3 2012", "=A1"])
    sheet.append(["A2", "Plan", "Other", "Bob", None, "Stalled", None, None])
    book.save(tmp_path / "b.xlsx")
    problems = ProblemLog()
    actions = load_business_plan(tmp_path / "b.xlsx", "business_plan.xlsx", problems)
    assert len(actions) == 1
    action = actions[0]
    assert (action.status, action.due, action.revised, action.commentary) == (
        "Delayed", dt.date(2012, 3, 31), "Q3 2012", "")
    assert sorted((p.code, p.cell) for p in problems.problems) == [("PLN02", "H2"), ("PLN03", "F3")]


def test_a_blank_cell_is_described_in_words_not_as_none(tmp_path):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Actions"
    sheet.append(["Ref", "Business plan", "Action", "Owner", "Due date", "Status", "Revised date", "Commentary"])
    sheet.append(["A1", "Plan", "Do it", "Ann", None, None, None, "words"])
    book.save(tmp_path / "b.xlsx")
    problems = ProblemLog()
    load_business_plan(tmp_path / "b.xlsx", "business_plan.xlsx", problems)
    [error] = problems.errors
    assert (error.code, error.cell) == ("PLN03", "F2")
    assert "cell F2: action A1 has no Status" in error.text() and "None" not in error.text()  # the wording
