"""Officers' commentary (commentary.xlsx): per measure and per area, by month."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from fscxl.model.periods import Month, parse_month
from fscxl.model.problems import ProblemLog
from fscxl.read.tables import describe, is_unreadable, read_table, text_of
from fscxl.read.xlsx import UnreadableWorkbook, read_workbook

COMMENTARY_TO_FOLLOW = "Commentary to follow"


@dataclass
class Commentary:
    measures: dict[tuple[str, Month], str] = field(default_factory=dict)
    areas: dict[tuple[str, str, Month], str] = field(default_factory=dict)
    label: str = "commentary.xlsx"  # as messages name the file: its own spelling

    def for_measure(self, ref: str, month: Month) -> str:
        return self.measures.get((ref, month), "")

    def for_area(self, scorecard: str, area: str, month: Month) -> str:
        return self.areas.get((scorecard.lower(), area.lower(), month), "")


def _as_text(value) -> str:
    """Commentary is text whatever Excel stored: numbers and dates are shown as typed."""
    return text_of(value) if not isinstance(value, str) else value.strip()


def load_commentary(path: Path, label: str, known_refs: set[str],
                    problems: ProblemLog, known_areas: set[tuple[str, str]] | None = None) -> Commentary:
    """Read commentary.xlsx; `known_areas` (scorecard, area), if given, finds rows no output shows."""
    commentary = Commentary(label=label)
    known_areas = None if known_areas is None else {(s.lower(), a.lower()) for s, a in known_areas}
    try:
        sheets = {s.name.strip().lower(): s for s in read_workbook(path, label=label, problems=problems)}
    except UnreadableWorkbook as exc:
        problems.error(label, "", "", f"the commentary workbook {exc}", detail=exc.detail)
        return commentary
    if "measures" not in sheets and "areas" not in sheets:
        problems.warning(label, "", "", "there is no 'Measures' or 'Areas' sheet, so no commentary was read",
                         "Name the sheets Measures (Ref, Month, Commentary) and Areas "
                         "(Scorecard, Area, Month, Commentary).")
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
                                 "it is left out", "Type the commentary in as text.")
                continue
            text = _as_text(row.get("Commentary"))
            if not text:
                continue
            month = parse_month(row.get("Month"))
            if month is None:
                problems.error(label, sheet.name, row.ref("Month"),
                               f"expected a month, found {describe(row.get('Month'))}",
                               "Enter the month as a date or as text like May-12.")
                continue
            if key == "measures":
                ref = text_of(row.get("Ref"))
                if ref not in known_refs:
                    problems.warning(label, sheet.name, row.ref("Ref"),
                                     f"'{ref}' is not a measure in the catalogue; this commentary is not shown",
                                     "Correct the Ref to match the Measures sheet.")
                    continue
                commentary.measures[(ref, month)] = text
            else:
                scorecard = text_of(row.get("Scorecard")).lower()
                area = text_of(row.get("Area")).lower()
                if known_areas is not None and (scorecard, area) not in known_areas:
                    problems.warning(label, sheet.name, row.ref("Area"),
                                     f"no scorecard '{text_of(row.get('Scorecard'))}' has an area "
                                     f"'{text_of(row.get('Area'))}' in the catalogue; this commentary "
                                     "is not shown", "Correct the Scorecard and Area to match the "
                                     "Measures sheet of the catalogue.")
                    continue
                commentary.areas[(scorecard, area, month)] = text
    return commentary


def commentary_warnings(report) -> None:
    """Warn for each dashboard measure with no commentary for the month.

    Dashboards show officers' commentary on every card; a card without it says
    'Commentary to follow', and the run says so before the validation report is written.
    """
    month = report.month
    label = report.commentary.label
    for card in report.catalogue.scorecards:
        if card.layout != "Dashboard":
            continue
        for result in report.results_of(card.name):
            measure = result.measure
            if report.commentary.for_measure(measure.ref, month):
                continue
            report.problems.warning(
                label, "Measures", "",
                f"{measure.ref} ({measure.title}) has no commentary for {month.label}, so its "
                f"dashboard card says '{COMMENTARY_TO_FOLLOW}'",
                f"Add a row for {measure.ref} and {month.short} to the Measures sheet of {label}.")
