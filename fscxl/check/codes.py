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
    # -- the PDF committee pack (fscxl/app/pdf_pack.py)
    Check("RUN80", WARNING, "LibreOffice is installed, so --pdf can make the committee pack",
          "Install LibreOffice (free, from libreoffice.org) and run again with --pdf. The workbooks "
          "are written without it."),
    Check("RUN81", WARNING, "LibreOffice converts every appendix to PDF within the time limit",
          "Close any LibreOffice window and run again with --pdf; if the same workbook fails again, "
          "open it and save it as PDF by hand. The workbooks are written either way."),
    Check("RUN82", WARNING, "No committee pack from an earlier run sits beside newer workbooks",
          "Run again with --pdf to bring the pack up to date, or delete the old one so it is not sent."),
)}


def check_for(code: str) -> Check | None:
    return CHECKS.get(code)
