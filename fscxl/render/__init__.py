"""Everything that writes output files: the only code that touches xlsxwriter."""

from __future__ import annotations

COMMENTARY_TO_FOLLOW = "Commentary to follow"


def commentary_warnings(report) -> None:
    """Warn for each dashboard measure with no commentary for the month.

    Dashboards show officers' commentary on every card; a card without it says
    'Commentary to follow', and the run says so before the validation report is written.
    """
    month = report.month
    for card in report.catalogue.scorecards:
        if card.layout != "Dashboard":
            continue
        for result in report.results_of(card.name):
            measure = result.measure
            if report.commentary.for_measure(measure.ref, month):
                continue
            report.problems.warning(
                "commentary.xlsx", "Measures", "",
                f"{measure.ref} ({measure.title}) has no commentary for {month.label}, so its "
                f"dashboard card says '{COMMENTARY_TO_FOLLOW}'",
                f"Add a row for {measure.ref} and {month.short} to the Measures sheet of "
                "commentary.xlsx.")
