"""Checks that need more than one input: each workbook is checked on its own as it is read.

A return sheet without month headings, a field no return supplies, commentary for a measure or area the catalogue does not
have, a dashboard measure without commentary, a scorecard given Appendix A beside a
business plan. Each takes the records the readers built and logs problems; none reads
a file.
"""

from __future__ import annotations

from fscxl.model.periods import Month
from fscxl.model.problems import ERROR, WARNING, Problem, ProblemLog
from fscxl.model.records import (
    BUSINESS_PLAN_APPENDIX,
    COMMENTARY_TO_FOLLOW,
    Catalogue,
    Commentary,
    ReturnsData,
    SheetWithoutMonths,
)

MONTH_HEADING_FIX = "Head each month's column with its month, e.g. Apr-12, 30/04/2012 or a date."


def _needed_fields(catalogue: Catalogue | None) -> set[str]:
    return {code for measure in catalogue.measures for code in measure.fields} if catalogue else set()


def _headings(sheet: SheetWithoutMonths, shown: int = 8) -> str:
    listed = ", ".join(f"'{heading}'" for heading in sheet.headings[:shown])
    more = len(sheet.headings) - shown
    return listed + (f" and {more} more" if more > 0 else "")


def sheets_without_months(catalogue: Catalogue | None, returns: ReturnsData, problems: ProblemLog) -> None:
    """A return sheet with a Code heading but no month heading: nothing was read from it.

    Where it holds fields the catalogue needs (and no other return supplies them) that is
    the real cause of those fields being missing, so it is an error listed before the
    others, and `fields_no_return_supplies` does not repeat it field by field. Otherwise
    (a notes sheet listing codes, say) it is a warning.
    """
    needed = _needed_fields(catalogue) - returns.fields
    for sheet in returns.without_months:
        missing = sorted(sheet.codes & needed)
        found = (f"the header row (row {sheet.header_row}) has a 'Code' heading but no heading that "
                 f"reads as a month (found {_headings(sheet)}), so nothing was read from this sheet")
        if missing:
            shown = ", ".join(missing[:8]) + (f" and {len(missing) - 8} more" if len(missing) > 8 else "")
            problems.extend([Problem(
                ERROR, sheet.workbook, sheet.sheet, sheet.cell,
                f"{found}, including {len(missing)} field(s) the catalogue needs: {shown}",
                MONTH_HEADING_FIX, code="RET50", leads=True)])
        else:
            problems.extend([Problem(
                WARNING, sheet.workbook, sheet.sheet, sheet.cell, found,
                f"If the sheet holds figures: {MONTH_HEADING_FIX[0].lower()}{MONTH_HEADING_FIX[1:]} "
                "If it is only notes, nothing needs doing.", code="RET51")])


def fields_no_return_supplies(catalogue: Catalogue, returns: ReturnsData, problems: ProblemLog) -> None:
    """Every field a measure needs must have a row in some return (blank figures are fine).

    A field that sits in a return sheet without month headings is reported once, by
    `sheets_without_months`, which names that sheet.
    """
    supplied = returns.fields | {code for sheet in returns.without_months for code in sheet.codes}
    for measure in catalogue.measures:
        cells = dict(measure.field_cells)
        for field_code in measure.fields:
            if field_code not in supplied:
                problems.error(catalogue.label, "Measures", cells.get(field_code, ""),
                               f"measure {measure.ref} ({measure.title}) needs the field "
                               f"{field_code}, which no return supplies",
                               f"Add a row with the code {field_code} to a return, or correct "
                               f"the field code in the catalogue.", code="XIN01")


def commentary_matches_catalogue(commentary: Commentary, catalogue: Catalogue | None,
                                 problems: ProblemLog) -> None:
    """Commentary for a Ref, or a scorecard's area, that the catalogue does not have is never shown."""
    label = commentary.label
    refs = {m.ref for m in catalogue.measures} if catalogue else set()
    areas = {(m.scorecard.lower(), m.area.lower()) for m in catalogue.measures} if catalogue else None
    for key, (sheet, cell) in commentary.cells.items():
        if len(key) == 2:
            ref, month = key
            if ref not in refs:
                problems.warning(label, sheet, cell,
                                 f"'{ref}' is not a measure in the catalogue; this commentary is not shown",
                                 "Correct the Ref to match the Measures sheet.", code="XIN02")
                del commentary.measures[(ref, month)]
        elif areas is not None:
            scorecard, area, month = key
            if (scorecard.lower(), area.lower()) not in areas:
                problems.warning(label, sheet, cell,
                                 f"no scorecard '{scorecard}' has an area '{area}' in the catalogue; this "
                                 "commentary is not shown",
                                 "Correct the Scorecard and Area to match the Measures sheet of the catalogue.",
                                 code="XIN03")
                commentary.areas.pop((scorecard.lower(), area.lower(), month), None)


def dashboard_commentary(catalogue: Catalogue, commentary: Commentary, month: Month,
                         problems: ProblemLog) -> None:
    """Dashboards show officers' commentary on every card: a card without it says
    'Commentary to follow', and the run says so."""
    label = commentary.label
    dashboards = {card.name for card in catalogue.scorecards if card.layout == "Dashboard"}
    for measure in catalogue.measures:
        if measure.scorecard not in dashboards or commentary.for_measure(measure.ref, month):
            continue
        problems.warning(
            label, "Measures", "",
            f"{measure.ref} ({measure.title}) has no commentary for {month.label}, so its "
            f"dashboard card says '{COMMENTARY_TO_FOLLOW}'",
            f"Add a row for {measure.ref} and {month.short} to the Measures sheet of {label}.", code="XIN04")


def business_plan_appendix(catalogue: Catalogue | None, plan_label: str, problems: ProblemLog) -> None:
    """With a business plan, Appendix A is its report: a scorecard given A would make a second A."""
    for card in catalogue.scorecards if catalogue else ():
        if card.appendix == BUSINESS_PLAN_APPENDIX:
            sheet, cell = card.appendix_given_at
            problems.error(catalogue.label, sheet, cell,
                           f"the scorecard '{card.name}' is given Appendix {BUSINESS_PLAN_APPENDIX}, "
                           f"which is the business plan exception report ({plan_label} "
                           "is in the inputs folder)",
                           "Give the scorecard another letter, or leave the Appendix blank for the next "
                           "free one.", code="XIN05")
