"""Business plan monitoring (business_plan.xlsx): the actions behind Appendix A."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from fscxl.model.problems import ProblemLog
from fscxl.read.tables import describe, is_unreadable, read_table, text_of
from fscxl.read.xlsx import UnreadableWorkbook, read_workbook

STATUSES = ("Complete", "On track", "Delayed", "Cancelled")
EXCEPTIONS = ("Delayed", "Cancelled")
COLUMNS = ["Ref", "Business plan", "Action", "Status"]
OPTIONAL = ["Owner", "Due date", "Revised date", "Commentary"]


@dataclass(frozen=True)
class Action:
    ref: str
    business_plan: str
    action: str
    owner: str
    due: dt.date | str | None
    status: str
    revised: dt.date | str | None
    commentary: str


def _date_or_text(value):
    """Dates stay dates; anything else an officer typed ('Q3 2012') is kept as text."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    return text_of(value) or None


def load_business_plan(path: Path, label: str, problems: ProblemLog) -> list[Action] | None:
    try:
        sheets = {s.name.strip().lower(): s for s in read_workbook(path, label=label, problems=problems)}
    except UnreadableWorkbook as exc:
        problems.error(label, "", "", f"the business plan workbook {exc}", detail=exc.detail)
        return None
    sheet = sheets.get("actions")
    if sheet is None:
        problems.error(label, "", "", "there is no sheet called 'Actions'",
                       "Name the sheet Actions, with columns Ref, Business plan, Action, Owner, "
                       "Due date, Status, Revised date, Commentary.")
        return None
    actions = []
    for row in read_table(sheet, label, COLUMNS, OPTIONAL, problems) or []:
        for column, value in row.values.items():
            if is_unreadable(value):
                problems.warning(label, sheet.name, row.ref(column),
                                 f"expected text, found {describe(value)}; it is shown blank",
                                 "Type the text in, or clear the cell.")
                row.values[column] = None
        status_text = text_of(row.get("Status")).lower()
        status = next((s for s in STATUSES if s.lower() == status_text), None)
        if status is None:
            found = (f"unknown Status {describe(row.get('Status'))}" if status_text
                     else f"action {text_of(row.get('Ref')) or 'on this row'} has no Status")
            problems.error(label, sheet.name, row.ref("Status"), found,
                           "Use one of: " + ", ".join(STATUSES) + ".")
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
