"""What was published before: the headline figures of each earlier month's own run.

Every run writes `outputs/<YYYY-MM>/results.csv`. A later run compares the figures it
shows for earlier months with those, so a figure corrected after the pack went out is
marked as revised (contract section 6, v2). A missing or unreadable file means there
is nothing to compare with; a damaged one is named in a warning and skipped.
"""

from __future__ import annotations

import csv
from decimal import Decimal, InvalidOperation
from pathlib import Path

from fscxl.model.periods import Month
from fscxl.model.problems import ProblemLog

RESULTS_CSV = "results.csv"


def published_figures(outputs: Path, months: list[Month], problems: ProblemLog) -> dict[Month, dict[str, Decimal]]:
    """{month: {ref: headline value}} from each earlier month's results.csv that can be read."""
    found: dict[Month, dict[str, Decimal]] = {}
    for month in months:
        path = outputs / month.iso / RESULTS_CSV
        try:
            text = path.read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError):
            continue  # never written, or not ours to read: nothing to compare with
        values = _headline_values(text, month)
        if values is None:
            problems.warning(f"outputs/{month.iso}/{RESULTS_CSV}", "", "",
                             f"the results published for {month.label} could not be read (the file is "
                             "damaged), so no figure for that month is checked for revisions",
                             f"Run fscxl for {month.iso} again to rewrite it, or delete the file.",
                             code="RUN04")
            continue
        found[month] = values
    return found


def _headline_values(text: str, month: Month) -> dict[str, Decimal] | None:
    """ref -> value of a results.csv written for `month`; None when it is not such a file."""
    rows = csv.DictReader(text.splitlines())
    if not rows.fieldnames or not {"ref", "month", "value"} <= set(rows.fieldnames):
        return None
    values: dict[str, Decimal] = {}
    try:
        for row in rows:
            if row.get("month") != month.iso or not row.get("ref"):
                return None
            if row["value"]:
                values[row["ref"]] = Decimal(row["value"])
    except (InvalidOperation, csv.Error):
        return None
    return values
