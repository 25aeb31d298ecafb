"""Business plan monitoring (business_plan.xlsx): the actions behind Appendix A."""

from __future__ import annotations

import datetime as dt

from fscxl.model.problems import ProblemLog
from fscxl.model.records import STATUSES, Action
from fscxl.read.tables import describe, is_unreadable, read_table, text_of
from fscxl.read.xlsx import Grid

COLUMNS = ["Ref", "Business plan", "Action", "Status"]
OPTIONAL = ["Owner", "Due date", "Revised date", "Commentary"]


def _date_or_text(value):
    """Dates stay dates; anything else an officer typed ('Q3 2012') is kept as text."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    return text_of(value) or None


def actions_from_sheets(sheets: list[Grid], label: str, problems: ProblemLog) -> list[Action] | None:
    """business_plan.xlsx's sheets as read -> its actions; None when there is no Actions sheet."""
    sheets = {s.name.strip().lower(): s for s in sheets}
    sheet = sheets.get("actions")
    if sheet is None:
        problems.error(label, "", "", "there is no sheet called 'Actions'",
                       "Name the sheet Actions, with columns Ref, Business plan, Action, Owner, "
                       "Due date, Status, Revised date, Commentary.", code="PLN01")
        return None
    actions = []
    for row in read_table(sheet, label, COLUMNS, OPTIONAL, problems) or []:
        for column, value in row.values.items():
            if is_unreadable(value):
                problems.warning(label, sheet.name, row.ref(column),
                                 f"expected text, found {describe(value)}; it is shown blank",
                                 "Type the text in, or clear the cell.", code="PLN02")
                row.values[column] = None
        status_text = text_of(row.get("Status")).lower()
        status = next((s for s in STATUSES if s.lower() == status_text), None)
        if status is None:
            found = (f"unknown Status {describe(row.get('Status'))}" if status_text
                     else f"action {text_of(row.get('Ref')) or 'on this row'} has no Status")
            problems.error(label, sheet.name, row.ref("Status"), found,
                           "Use one of: " + ", ".join(STATUSES) + ".", code="PLN03")
            continue
        actions.append(Action(
            ref=text_of(row.get("Ref")),
            business_plan=text_of(row.get("Business plan")),
            action=text_of(row.get("Action")),
            owner=text_of(row.get("Owner")),
            due=_date_or_text(row.get("Due date")),
            status=status,
            revised=_date_or_text(row.get("Revised date")),
            commentary=text_of(row.get("Commentary")),
        ))
    return actions
