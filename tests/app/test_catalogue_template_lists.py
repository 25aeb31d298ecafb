"""The new year's catalogue template carries the v2 columns (Frequency, Floor Apr..Floor Mar, a
Report sheet) and offers every column with a fixed set of values as a drop-down list."""

from __future__ import annotations

import openpyxl
import pytest
from builders import measure, read_catalogue, simple_inputs, target, write_sheet

from fscxl.app.new_year import make_templates
from fscxl.model.problems import ProblemLog
from fscxl.model.records import ReportSettings
from fscxl.read.catalogue import REPORT_SETTINGS

PHASED_FLOORS = [60, 61] + [None] * 10


@pytest.fixture(scope="module")
def template(tmp_path_factory):
    """The template made from a catalogue with no Frequency column, no Scorecards and a Report sheet."""
    root = tmp_path_factory.mktemp("catalogue_template")
    inputs = simple_inputs(root, [measure("M1", compare_with="Previous period")],
                           [target("M1", target=80, floor=70)])
    book = openpyxl.load_workbook(inputs / "measures.xlsx")
    targets = book["Targets"]
    for offset, value in enumerate(PHASED_FLOORS):  # Floor Apr .. Floor Mar after the 20 columns
        targets.cell(1, 21 + offset, f"Floor {targets.cell(1, 9 + offset).value}")
        targets.cell(2, 21 + offset, value)
    write_sheet(book, "Report", [["Setting", "Value"], ["Committee", "Cabinet Committee"],
                                 ["Status", "Final"], ["Paper", "A3"]])
    book.save(inputs / "measures.xlsx")
    make_templates(inputs, root / "out", 2013)
    return root / "out" / "measures.xlsx"


def _choices(book, sheet_name: str, heading: str) -> list[str]:
    """The words offered under a heading: its list validation's range on the Lists sheet."""
    sheet = book[sheet_name]
    [col] = [c.column_letter for c in sheet[1] if c.value == heading]
    [rule] = [dv for dv in sheet.data_validations.dataValidation
              if dv.type == "list" and str(dv.sqref).startswith(f"{col}2:")]
    first, last = rule.formula1.replace("Lists!", "").replace("$", "").split(":")
    return [c.value for row in book["Lists"][f"{first}:{last}"] for c in row]


@pytest.mark.parametrize("sheet, heading, words", [
    ("Measures", "Unit", ["%", "Number", "Rate per 10,000", "Rate per 100,000", "Days", "Score"]),
    ("Measures", "Polarity", ["High", "Low", "Band", "None"]),
    ("Measures", "Basis", ["Month", "YTD", "Rolling 12", "Snapshot"]),
    ("Measures", "Compare with", ["Previous month", "Same month last year", "Previous period"]),
    ("Measures", "Frequency", ["Monthly", "Quarterly", "Annual"]),  # added: the source had none
    ("Measures", "Corporate", ["Y", "N"]),
    ("Scorecards", "Layout", ["Scorecard", "Dashboard"]),  # a Scorecards sheet is added
    ("Report", "Setting", ["Committee", "Meeting date", "Status", "Classification", "Contact",
                           "Suppress below", "Email to", "Email cc", "Source note", "Paper"]),
])
def test_each_enumerated_column_offers_its_words(template, sheet, heading, words):
    book = openpyxl.load_workbook(template)
    assert _choices(book, sheet, heading) == words
    assert book["Lists"].sheet_state == "hidden"


@pytest.mark.parametrize("setting, words", [("Status", ["Draft", "Final"]), ("Paper", ["A4", "A3"])])
def test_a_report_setting_with_fixed_values_offers_them_beside_it(template, setting, words):
    book = openpyxl.load_workbook(template)
    report = book["Report"]
    [row] = [r for r in range(2, report.max_row + 1) if report.cell(r, 1).value == setting]
    [rule] = [dv for dv in report.data_validations.dataValidation if str(dv.sqref) == f"B{row}"]
    first, last = rule.formula1.replace("Lists!", "").replace("$", "").split(":")
    assert [c.value for r in book["Lists"][f"{first}:{last}"] for c in r] == words


def test_the_template_reads_back_with_its_phased_floors_and_report_carried_over(template):
    problems = ProblemLog()
    catalogue = read_catalogue(template, "measures.xlsx", problems)
    assert problems.problems == []
    assert [c.value for c in openpyxl.load_workbook(template)["Targets"][1]][-12:] == [
        f"Floor {m}" for m in ("Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec", "Jan", "Feb", "Mar")]
    assert [float(v) if v is not None else None
            for v in catalogue.target_for("M1", 2013).phased_floor] == PHASED_FLOORS
    assert (catalogue.report.committee, catalogue.report.status, catalogue.report.paper) == (
        "Cabinet Committee", "Final", "A3")
    assert catalogue.measures[0].compare_with == "Previous period"


def test_without_a_report_sheet_the_template_lists_every_setting_blank(tmp_path):
    make_templates(simple_inputs(tmp_path), tmp_path / "out", 2013)
    path = tmp_path / "out" / "measures.xlsx"
    report = openpyxl.load_workbook(path)["Report"]
    assert [tuple(c.value for c in row) for row in report.iter_rows(min_row=2)] == [
        (spec.name, None) for spec in REPORT_SETTINGS]
    problems = ProblemLog()
    assert read_catalogue(path, "measures.xlsx", problems).report == ReportSettings()
    assert problems.problems == []
