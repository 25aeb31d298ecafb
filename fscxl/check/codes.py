"""Every check fscxl makes of its inputs, as data: code, severity, what it checks, how to fix.

A problem carries the code of the check that found it (`Problem.code`). The readers
and checks pass the code as a plain string, so nothing below this package imports it;
tests make sure every code used is listed here with the same severity, and the
validation report shows the code and what the check is for beside each problem.

Codes by prefix: FILE a workbook as a file, RET returns, CAT the catalogue's Measures
sheet, TGT its Targets sheet, SCD its Scorecards sheet, REP its Report sheet, COM
commentary, PLN the business plan, XIN checks across inputs, FIG the figures computed,
RUN the run as a whole.
"""

from __future__ import annotations

from dataclasses import dataclass

from fscxl.model.problems import ERROR, WARNING


@dataclass(frozen=True)
class Check:
    code: str
    severity: str  # ERROR or WARNING
    checks: str  # what the check looks for, in an officer's words
    fix: str  # the usual way to put it right (a problem may say more)


CHECKS: dict[str, Check] = {check.code: check for check in (
    # -- checks across inputs (fscxl/check/cross.py)
    Check("XIN01", ERROR, "Every field a measure needs is supplied by some return",
          "Add a row with the field's code to a return, or correct the field code in the catalogue."),
    Check("XIN02", WARNING, "Commentary is for a measure the catalogue has",
          "Correct the Ref to match the Measures sheet."),
    Check("XIN03", WARNING, "Area commentary is for an area a scorecard has",
          "Correct the Scorecard and Area to match the Measures sheet of the catalogue."),
    Check("XIN04", WARNING, "Every dashboard measure has commentary for the month",
          "Add a row for the measure and month to the Measures sheet of the commentary workbook."),
    Check("XIN05", ERROR, "No scorecard takes Appendix A while a business plan gives it",
          "Give the scorecard another letter, or leave the Appendix blank for the next free one."),
    # -- the catalogue's Measures sheet (fscxl/read/catalogue.py, MEASURE_SPECS)
    Check("CAT01", ERROR, "The catalogue has a Measures sheet",
          "Add a sheet called Measures: one row per measure (docs/CONTRACT.md, section 2)."),
    Check("CAT02", ERROR, "The Measures sheet has a header row with every required column",
          "Add the missing column headings to the header row (in any order)."),
    Check("CAT03", ERROR, "Every required column of a measure is filled in",
          "Fill in the cell named (Ref, Scorecard, Area, Title, Unit, Polarity, Basis or Numerator)."),
    Check("CAT04", ERROR, "Each value is one its column allows (a listed word, a number in range, "
          "a field code)", "Use one of the values the message lists, or leave an optional cell blank "
          "for its default."),
    Check("CAT05", ERROR, "Each measure's Ref is used once",
          "Give each measure its own Ref."),
    Check("CAT06", ERROR, "The Measures sheet lists at least one measure",
          "Add one row per measure under the header row."),
    # -- the catalogue's Targets sheet (TARGET_SPECS, and the consistency of floors with targets)
    Check("TGT01", ERROR, "The catalogue has a Targets sheet",
          "Add a sheet called Targets: one row per measure per financial year."),
    Check("TGT02", ERROR, "The Targets sheet has a header row with Ref and Year",
          "Add the missing column headings to the header row (in any order)."),
    Check("TGT03", ERROR, "Each target row is for a measure on the Measures sheet",
          "Correct the Ref, or add the measure to the Measures sheet."),
    Check("TGT04", ERROR, "Each target row's Year is a financial year",
          "Write the financial year as 2012/13 (April 2012 to March 2013)."),
    Check("TGT05", ERROR, "One target row per measure per financial year",
          "Keep one row per measure per year."),
    Check("TGT06", ERROR, "Targets, floors, band edges, benchmarks and phased values are numbers",
          "Enter a number, or leave the cell blank."),
    Check("TGT07", ERROR, "A Band measure with a Target or Floor has its upper edge",
          "Enter the Target upper (green band) or Floor upper (amber band)."),
    Check("TGT08", ERROR, "A Band's upper edge is not below its lower edge",
          "Make the Target upper at least the Target, and the Floor upper at least the Floor."),
    Check("TGT09", WARNING, "A percentage target is not written as a fraction",
          "Percentages are written as 80 for 80%; check the figure."),
    Check("TGT10", ERROR, "In every month the floor used is not on the wrong side of the target "
          "used (High F <= T, Low F >= T, Band F <= T <= T upper <= F upper)",
          "Correct the floor or the target named, year-end or phased, so the minimum standard is "
          "not better than the target."),
    Check("TGT11", WARNING, "A target or floor has no more decimals than the measure shows",
          "Round it to the measure's Decimals, or raise the measure's Decimals."),
    # -- the catalogue's Scorecards sheet (SCORECARD_SPECS)
    Check("SCD01", ERROR, "The Scorecards sheet has a header row with a Scorecard column",
          "Add a Scorecard heading to the header row, or delete the sheet to use the defaults."),
    Check("SCD02", ERROR, "A scorecard's Layout and Appendix are ones allowed",
          "Use Scorecard or Dashboard for the Layout, and a single letter for the Appendix."),
    Check("SCD03", ERROR, "Each appendix letter is given to one scorecard",
          "Give each scorecard its own letter."),
    Check("SCD04", WARNING, "Each scorecard row names a scorecard that has measures",
          "Add measures for it on the Measures sheet, or remove the row."),
    Check("SCD05", ERROR, "Every scorecard gets an appendix letter (at most 25 scorecards)",
          "Put measures into fewer scorecards (the Scorecard column)."),
    # -- the catalogue's Report sheet (REPORT_SETTINGS)
    Check("REP01", ERROR, "The Report sheet has a header row with Setting and Value",
          "Head the two columns Setting and Value, or delete the sheet to use the defaults."),
    Check("REP02", WARNING, "Each setting on the Report sheet is one fscxl knows",
          "Correct the setting's name (see docs/CONTRACT.md, section 2), or remove the row."),
    Check("REP03", ERROR, "Each setting's value is one it allows (a date, Draft or Final, A4 or A3, a "
          "whole number, an e-mail address, a contact as Name; Title; Phone; Email)",
          "Correct the value as the message says."),
    Check("REP04", ERROR, "A setting that takes one value is given once",
          "Keep one row for the setting; only Contact, Email to and Email cc take several."),
)}


def check_for(code: str) -> Check | None:
    return CHECKS.get(code)
