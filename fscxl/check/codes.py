"""Every check fscxl makes of its inputs, as data: code, severity, what it checks, how to fix.

A problem carries the code of the check that found it (`Problem.code`). The readers
and checks pass the code as a plain string, so nothing below this package imports it;
tests make sure every code used is listed here with the same severity, and the
validation report shows the code and what the check is for beside each problem.

Codes by prefix: FILE a workbook as a file, RET returns, CAT the catalogue's Measures
sheet, TGT its Targets sheet, SCD its Scorecards sheet, REP its Report sheet, COM
commentary, PLN the business plan, XIN checks across inputs, FIG the figures computed,
RUN the run as a whole, TAB any header-matched table (catalogue, commentary, business plan).
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
    # -- every input workbook as a file (fscxl/read/preflight.py, fscxl/read/xlsx.py, fscxl/app/workers.py)
    Check("FILE01", ERROR, "The file can be opened",
          "Close it if it is open in Excel, check you can open it, and run again."),
    Check("FILE02", ERROR, "The file is not empty",
          "Copy the workbook again from where it was saved; if Excel cannot open it either, "
          "ask whoever made it to send it again."),
    Check("FILE03", ERROR, "The file is an Excel workbook, not another kind of file with an .xlsx name",
          "Open it in Excel and save it with File > Save As > 'Excel Workbook (.xlsx)', "
          "or check the right file was saved here."),
    Check("FILE04", ERROR, "The workbook is not encrypted or protected with a password to open",
          "Open it in Excel, remove the password (File > Info > Protect Workbook > "
          "Encrypt with Password, clear the box) and save it. A password that only "
          "protects sheets from editing is fine."),
    Check("FILE05", ERROR, "The workbook is saved as an 'Excel Workbook (.xlsx)', not another Excel format "
          "(.xls, .xlsb, Strict Open XML)",
          "Open it in Excel and save it with File > Save As > 'Excel Workbook (.xlsx)'."),
    Check("FILE06", ERROR, "The workbook is complete and undamaged",
          "Copy the workbook again from where it was saved; if Excel cannot open it either, "
          "ask whoever made it to send it again."),
    Check("FILE07", ERROR, "The workbook can be read",
          "Open it in Excel, check it, and save it again as an 'Excel Workbook (.xlsx)'."),
    Check("FILE08", ERROR, "The workbook is of a size a workbook can be (not built to exhaust memory)",
          "If you made this workbook, open it in Excel and save a fresh copy; if you did not, "
          "do not open it and tell your IT service desk."),
    Check("FILE09", ERROR, "The workbook holds no XML document type declaration (Excel never writes one)",
          "If you made this workbook, open it in Excel and save a fresh copy; if you did not, "
          "do not open it and tell your IT service desk."),
    Check("FILE10", ERROR, "Each sheet is stored as Excel writes it",
          "Open the workbook in Excel and save it again as an 'Excel Workbook (.xlsx)'."),
    Check("FILE11", ERROR, "No sheet is laid out too large to read safely",
          "Delete the unused rows and columns below and to the right of the table, and save it."),
    Check("FILE12", WARNING, "No sheet has cells far beyond its table",
          "If those far cells hold nothing you need, select the empty rows and columns beyond "
          "the table, delete them, and save."),
    Check("FILE13", WARNING, "The workbook contains no macros",
          "Nothing to do if the macros are expected; otherwise save it as an "
          "'Excel Workbook (.xlsx)', which keeps the figures and drops the macros."),
    Check("FILE14", WARNING, "The workbook has no links to other workbooks",
          "Open it in Excel, update the links (Data > Edit Links > Update Values) and "
          "save it, or paste the linked figures as values."),
    Check("FILE15", ERROR, "Reading the workbook finishes without stopping the reader",
          "Open it in Excel, check it, and save it again as an 'Excel Workbook (.xlsx)'; "
          "if you did not make it, tell your IT service desk."),
    # -- header-matched tables (fscxl/read/tables.py)
    Check("TAB01", ERROR, "The sheet has a header row near the top",
          "Put the column headings in one row near the top of the sheet."),
    Check("TAB02", ERROR, "The header row has every required column",
          "Add a column with the missing heading to the header row (headings can be in any order)."),
    # -- returns (fscxl/read/returns.py, fscxl/read/stack.py)
    Check("RET01", ERROR, "Each month heads one column of a data sheet",
          "Each month should head one column; correct or remove the second."),
    Check("RET02", WARNING, "A return workbook has a sheet with a 'Code' heading",
          "If it is a return, put the heading 'Code' above the column of field codes."),
    Check("RET04", WARNING, "Every row with figures has a field code",
          "Enter the field code in the Code column, or clear the row."),
    Check("RET05", ERROR, "Every figure is a number",
          "Enter the figure, or leave the cell blank if it is not yet known."),
    Check("RET06", ERROR, "Every count is zero or more",
          "Enter the figure as a positive number."),
    Check("RET07", WARNING, "Figures are entered as numbers, not as text",
          "Re-enter it as a number so Excel can add it up."),
    Check("RET08", ERROR, "No figure is formatted as a date",
          "The cell is formatted as a date: format it as a number and re-enter the figure."),
    Check("RET09", ERROR, "No figure is an Excel error value (#N/A, #DIV/0! ...)",
          "Correct the formula or type the figure in; leave the cell blank if it is not yet known."),
    Check("RET10", ERROR, "Every formula has a saved result",
          "Open the workbook in Excel so the formula is calculated, then save it; "
          "or type the figure in."),
    Check("RET11", ERROR, "Each code, district and month is given in one place only",
          "Keep the figure in one place and clear the other."),
    Check("RET12", ERROR, "A month's figure is given either for the county or by district, not both",
          "Keep either the county figure or the district figures for that month, and clear the other."),
    # -- commentary (fscxl/read/commentary.py)
    Check("COM01", WARNING, "The commentary workbook has a 'Measures' or 'Areas' sheet",
          "Name the sheets Measures (Ref, Month, Commentary) and Areas "
          "(Scorecard, Area, Month, Commentary)."),
    Check("COM02", WARNING, "Commentary is text",
          "Type the commentary in as text."),
    Check("COM03", ERROR, "Every commentary row names a month",
          "Enter the month as a date or as text like May-12."),
    # -- business plan (fscxl/read/business_plan.py)
    Check("PLN01", ERROR, "The business plan workbook has an 'Actions' sheet",
          "Name the sheet Actions, with columns Ref, Business plan, Action, Owner, "
          "Due date, Status, Revised date, Commentary."),
    Check("PLN02", WARNING, "An action's cells hold text or dates, not error values",
          "Type the text in, or clear the cell."),
    Check("PLN03", ERROR, "Every action has a known Status",
          "Use one of: Complete, On track, Delayed, Cancelled."),
    # -- figures computed (fscxl/compute/results.py)
    Check("FIG01", WARNING, "Every measure with a polarity has targets for the reporting year",
          "Add a row for the measure and year to the Targets sheet of the catalogue."),
    Check("FIG02", WARNING, "Every figure the outputs show can be worked out from the returns",
          "Fill in the missing figures in the returns if they are known."),
    Check("FIG03", WARNING, "No figure the outputs show has a denominator of zero",
          "Check the denominator's figures in the returns; if they are right, "
          "the measure has no figure for the month."),
    # -- the run as a whole (fscxl/pipeline.py)
    Check("RUN01", ERROR, "The inputs folder holds the catalogue (measures.xlsx)",
          "Put the catalogue of measures and targets in the inputs folder."),
    Check("RUN02", ERROR, "The returns folder holds at least one return workbook",
          "Put the officers' returns in the returns folder."),
    Check("RUN03", ERROR, "Some return holds a figure to report",
          "Enter the month's figures in the returns and run again."),
    # -- what earlier runs published (fscxl/read/published.py)
    Check("RUN04", WARNING, "An earlier month's published results.csv can be read, to find revised figures",
          "Run fscxl for that month again to rewrite it, or delete the file."),
    # -- the catalogue's Measures sheet (fscxl/read/catalogue.py, MEASURE_SPECS)
    Check("CAT01", ERROR, "The catalogue has a Measures sheet",
          "Add a sheet called Measures: one row per measure (docs/CONTRACT.md, section 2)."),
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
    Check("SCD02", ERROR, "A scorecard's Layout and Appendix are ones allowed",
          "Use Scorecard or Dashboard for the Layout, and a single letter for the Appendix."),
    Check("SCD03", ERROR, "Each appendix letter is given to one scorecard",
          "Give each scorecard its own letter."),
    Check("SCD04", WARNING, "Each scorecard row names a scorecard that has measures",
          "Add measures for it on the Measures sheet, or remove the row."),
    Check("SCD05", ERROR, "Every scorecard gets an appendix letter (at most 25 scorecards)",
          "Put measures into fewer scorecards (the Scorecard column)."),
    # -- the catalogue's Report sheet (REPORT_SETTINGS)
    Check("REP02", WARNING, "Each setting on the Report sheet is one fscxl knows",
          "Correct the setting's name (see docs/CONTRACT.md, section 2), or remove the row."),
    Check("REP03", ERROR, "Each setting's value is one it allows (a date, Draft or Final, A4 or A3, a "
          "whole number, an e-mail address, a contact as Name; Title; Phone; Email)",
          "Correct the value as the message says."),
    Check("REP04", ERROR, "A setting that takes one value is given once",
          "Keep one row for the setting; only Contact, Email to and Email cc take several."),
    # -- returns as officers' programs save them (fscxl/read/returns.py, fscxl/check/cross.py)
    Check("RET50", ERROR, "A return sheet holding fields the catalogue needs has month headings",
          "Head each month's column with its month, e.g. Apr-12, 30/04/2012 or a date."),
    Check("RET51", WARNING, "A sheet with a 'Code' heading has month headings (else nothing is read from it)",
          "Head each month's column with its month; nothing to do if the sheet is only notes."),
    Check("RET52", WARNING, "A row coded 'Total' (an Excel table's total row) is not read as a field",
          "Nothing to do if it is a total; if it is a field, give it its field code."),
    # -- the PDF committee pack (fscxl/app/pdf_pack.py)
    Check("RUN80", WARNING, "LibreOffice is installed, so --pdf can make the committee pack",
          "Install LibreOffice (free, from libreoffice.org) and run again with --pdf. The workbooks "
          "are written without it."),
    Check("RUN81", WARNING, "LibreOffice converts every appendix to PDF within the time limit",
          "Close any LibreOffice window and run again with --pdf; if the same workbook fails again, "
          "open it and save it as PDF by hand. The workbooks are written either way."),
    Check("RUN82", WARNING, "No committee pack from an earlier run sits beside newer workbooks",
          "Run again with --pdf to bring the pack up to date, or delete the old one so it is not sent."),
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
