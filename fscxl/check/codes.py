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
    # -- every kind of measure: frequencies, the reporting month, figures typed early
    Check("RET70", ERROR, "No figure sits under a month that has not ended yet",
          "Correct the month heading (a mistyped year?), or clear figures typed early."),
    Check("FIG70", WARNING, "A quarterly or annual measure has its figure for every period due",
          "Enter the period's figure in the month it is for (a quarter's last month, or the "
          "month an annual figure is published)."),
    Check("RUN70", WARNING, "Months after the reporting month that hold only a few figures are named",
          "Enter the remaining figures for that month, or run with --month to choose it."),
)}


def check_for(code: str) -> Check | None:
    return CHECKS.get(code)
