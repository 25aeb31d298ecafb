"""The returns are read while the catalogue, commentary and business plan are: nothing is lost.

The run hands the returns to the workers first and reads the small workbooks alongside
them; problems must be reported as fully, and in the same order, as reading one by one,
and a worker that dies must still cost only its own file (the workers alone: test_workers).
"""

from __future__ import annotations

from builders import measure, simple_inputs, target, write_return, write_sheet

from fscxl.pipeline import validate


def test_catalogue_problems_are_reported_while_the_returns_are_read(tmp_path):
    inputs = simple_inputs(tmp_path, measures=[measure(), measure(ref="M2", numerator="MISSING")],
                           targets=[target(target=80, floor=70), target(ref="M2", target="lots")])
    write_return(inputs / "returns" / "second.xlsx", {"OTHER": ["n/a"] + [1] * 13})
    problems = validate(inputs).problems
    catalogue = next(i for i, p in enumerate(problems) if p.workbook == "measures.xlsx" and "lots" in p.found)
    returns = next(i for i, p in enumerate(problems) if (p.code, p.workbook) == ("RET05", "returns/second.xlsx"))
    missing = next(i for i, p in enumerate(problems) if p.code == "XIN01" and "MISSING" in p.found)
    assert catalogue < returns < missing  # the order of reading one by one


def test_commentary_and_business_plan_problems_come_after_the_returns(tmp_path, inputs):
    import openpyxl

    write_return(inputs / "returns" / "second.xlsx", {"OTHER": ["n/a"] + [1] * 13})
    book = openpyxl.Workbook()
    write_sheet(book, "Measures", [["Ref", "Month", "Commentary"], ["M1", "not a month", "Up."]], first=True)
    book.save(inputs / "commentary.xlsx")
    book = openpyxl.Workbook()
    write_sheet(book, "Actions", [["Ref", "Business plan", "Action", "Status"],
                                  ["A1", "Plan", "Act", "Sideways"]], first=True)
    book.save(inputs / "business_plan.xlsx")
    problems = validate(inputs).problems
    workbooks = [p.workbook for p in problems]
    assert "returns/second.xlsx" in workbooks
    last_return = max(i for i, w in enumerate(workbooks) if w.startswith("returns/"))
    commentary = workbooks.index("commentary.xlsx")
    plan = workbooks.index("business_plan.xlsx")
    assert last_return < commentary < plan
    assert [(p.code, p.cell) for p in problems if p.workbook == "commentary.xlsx"] == [("COM03", "B2")]
    assert [(p.code, p.cell) for p in problems if p.workbook == "business_plan.xlsx"] == [("PLN03", "D2")]


def test_an_unreadable_catalogue_is_reported_and_the_returns_still_read(tmp_path, inputs):
    (inputs / "measures.xlsx").write_bytes(b"not a workbook at all")
    write_return(inputs / "returns" / "second.xlsx", {"OTHER": ["n/a"] + [1] * 13})
    problems = validate(inputs).problems
    [catalogue] = [p for p in problems if p.workbook == "measures.xlsx"]
    assert catalogue.code == "FILE03" and catalogue.found.startswith("the catalogue ")
    assert ("RET05", "returns/second.xlsx") in [(p.code, p.workbook) for p in problems]
