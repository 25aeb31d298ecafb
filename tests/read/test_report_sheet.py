"""The catalogue's optional Report sheet (contract section 2): each setting read into
ReportSettings, each wrong value an error naming its cell, an unknown setting a warning."""

from __future__ import annotations

import datetime as dt

import pytest
from builders import MEASURE_HEADERS, measure, read_catalogue_sheets

from fscxl.model.problems import ERROR, WARNING
from fscxl.model.records import Contact, ReportSettings


def read_report(tmp_path, rows: list[list], headers=("Setting", "Value")):
    catalogue, problems = read_catalogue_sheets(tmp_path, {
        "Measures": [MEASURE_HEADERS, measure()], "Targets": [["Ref", "Year"]],
        "Report": [list(headers), *rows]})
    return catalogue.report, problems


def test_without_a_report_sheet_every_setting_has_its_default(tmp_path):
    catalogue, problems = read_catalogue_sheets(tmp_path, {
        "Measures": [MEASURE_HEADERS, measure()], "Targets": [["Ref", "Year"]]})
    assert problems.problems == []
    assert catalogue.report == ReportSettings()
    assert (catalogue.report.status, catalogue.report.classification, catalogue.report.suppress_below,
            catalogue.report.paper) == ("Draft", "Unrestricted", 6, "A4")


@pytest.mark.parametrize("rows, field, value", [
    ([["Committee", "Social Care and Public Health Cabinet Committee"]], "committee",
     "Social Care and Public Health Cabinet Committee"),
    ([["Meeting date", dt.datetime(2012, 7, 12)]], "meeting_date", dt.date(2012, 7, 12)),
    ([["Meeting date", "12/07/2012"]], "meeting_date", dt.date(2012, 7, 12)),  # day first
    ([["Meeting date", "12 July 2012"]], "meeting_date", dt.date(2012, 7, 12)),
    ([["Status", "final"]], "status", "Final"),
    ([["Status", "Draft"]], "status", "Draft"),
    ([["Classification", "Restricted"]], "classification", "Restricted"),
    ([["Contact", "Steph Abbott; Head of Performance; 01622 221796; steph.abbott@kent.gov.uk"]], "contacts",
     (Contact("Steph Abbott", "Head of Performance", "01622 221796", "steph.abbott@kent.gov.uk"),)),
    ([["Contact", "Anthony Mort"], ["Contact", "Maureen Robinson; Manager"]], "contacts",
     (Contact("Anthony Mort"), Contact("Maureen Robinson", "Manager"))),
    ([["Suppress below", 0]], "suppress_below", 0),
    ([["Suppress below", 10]], "suppress_below", 10),
    ([["Suppress below", "6"]], "suppress_below", 6),
    ([["Email to", "a.member@kent.gov.uk"], ["email to", "b.officer@kent.gov.uk"]], "email_to",
     ("a.member@kent.gov.uk", "b.officer@kent.gov.uk")),
    ([["Email cc", " team@kent.gov.uk "]], "email_cc", ("team@kent.gov.uk",)),
    ([["Source note", "Illustrative figures, not Kent's data."]], "source_note",
     "Illustrative figures, not Kent's data."),
    ([["Paper", "a3"]], "paper", "A3"),
    ([[" PAPER ", "A4"]], "paper", "A4"),  # settings are matched loosely
    ([["Status", None]], "status", "Draft"),  # a setting left blank keeps its default
])
def test_a_setting_gives_its_value(tmp_path, rows, field, value):
    report, problems = read_report(tmp_path, rows)
    assert problems.problems == []
    assert getattr(report, field) == value


@pytest.mark.parametrize("setting, value", [
    ("Meeting date", "next week"),
    ("Meeting date", "07/13/2012"),  # month first: there is no 13th month
    ("Status", "Approved"),
    ("Contact", "Name; Title; Phone; name@kent.gov.uk; extra"),
    ("Contact", "Steph Abbott; Head of Performance; 01622 221796; not an address"),
    ("Contact", "; Head of Performance"),
    ("Suppress below", -1),
    ("Suppress below", 2.5),
    ("Suppress below", "six"),
    ("Email to", "a member"),
    ("Email to", "someone@kent"),
    ("Email cc", "a@kent.gov.uk; b@kent.gov.uk"),  # one address a row
    ("Paper", "Letter"),
])
def test_a_value_a_setting_cannot_take_is_an_error_naming_its_cell(tmp_path, setting, value):
    report, problems = read_report(tmp_path, [["Committee", "Cabinet"], [setting, value]])
    assert [(p.code, p.severity, p.sheet, p.cell) for p in problems.problems] == [
        ("REP03", ERROR, "Report", "B3")]
    assert report.committee == "Cabinet"  # the other settings are still read


def test_an_unknown_setting_is_a_warning_naming_its_cell(tmp_path):
    report, problems = read_report(tmp_path, [["Status", "Final"], ["Colour scheme", "Blue"]])
    assert [(p.code, p.severity, p.cell) for p in problems.problems] == [("REP02", WARNING, "A3")]
    assert report.status == "Final"


def test_a_setting_that_takes_one_value_given_twice_is_an_error_naming_both(tmp_path):
    report, problems = read_report(tmp_path, [["Status", "Final"], ["Status", "Draft"]])
    assert [(p.code, p.cell) for p in problems.problems] == [("REP04", "A3")]
    assert "A2" in problems.problems[0].found
    assert report.status == "Final"


def test_a_report_sheet_without_its_headings_is_an_error(tmp_path):
    _, problems = read_report(tmp_path, [["Status", "Final"]], headers=("Setting", "What"))
    assert [(p.code, p.sheet) for p in problems.problems] == [("TAB02", "Report")]
