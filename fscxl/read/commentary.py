"""Officers' commentary (commentary.xlsx): per measure and per area, by month."""

from __future__ import annotations

from fscxl.model.periods import parse_month
from fscxl.model.problems import ProblemLog
from fscxl.model.records import Commentary
from fscxl.read.tables import describe, is_unreadable, read_table, text_of
from fscxl.read.xlsx import Grid


def _as_text(value) -> str:
    """Commentary is text whatever Excel stored: numbers and dates are shown as typed."""
    return text_of(value) if not isinstance(value, str) else value.strip()


def commentary_from_sheets(sheets: list[Grid], label: str, problems: ProblemLog) -> Commentary:
    """commentary.xlsx's sheets as read -> Commentary, each row's cell kept for the cross-input checks."""
    commentary = Commentary(label=label)
    sheets = {s.name.strip().lower(): s for s in sheets}
    if "measures" not in sheets and "areas" not in sheets:
        problems.warning(label, "", "", "there is no 'Measures' or 'Areas' sheet, so no commentary was read",
                         "Name the sheets Measures (Ref, Month, Commentary) and Areas "
                         "(Scorecard, Area, Month, Commentary).", code="COM01")
    layouts = (("measures", ["Ref", "Month", "Commentary"]),
               ("areas", ["Scorecard", "Area", "Month", "Commentary"]))
    for key, columns in layouts:
        sheet = sheets.get(key)
        if sheet is None:
            continue
        for row in read_table(sheet, label, columns, [], problems) or []:
            if is_unreadable(row.get("Commentary")):
                problems.warning(label, sheet.name, row.ref("Commentary"),
                                 f"expected commentary text, found {describe(row.get('Commentary'))}; "
                                 "it is left out", "Type the commentary in as text.", code="COM02")
                continue
            text = _as_text(row.get("Commentary"))
            if not text:
                continue
            month = parse_month(row.get("Month"))
            if month is None:
                problems.error(label, sheet.name, row.ref("Month"),
                               f"expected a month, found {describe(row.get('Month'))}",
                               "Enter the month as a date or as text like May-12.", code="COM03")
                continue
            if key == "measures":
                ref = text_of(row.get("Ref"))
                commentary.measures[(ref, month)] = text
                commentary.cells[(ref, month)] = (sheet.name, row.ref("Ref"))
            else:
                scorecard, area = text_of(row.get("Scorecard")), text_of(row.get("Area"))
                commentary.areas[(scorecard.lower(), area.lower(), month)] = text
                commentary.cells[(scorecard, area, month)] = (sheet.name, row.ref("Area"))
    return commentary
