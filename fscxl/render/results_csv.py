"""results.csv: one row per measure, the machine-readable twin of the scorecards."""

from __future__ import annotations

import csv
from decimal import Decimal
from pathlib import Path

from fscxl.compute.results import Report
from fscxl.compute.rules import round_figure

COLUMNS = ("scorecard,area,ref,title,unit,polarity,basis,month,value,month_value,ytd_value,"
           "rolling12_value,target,floor,rag,comparison_value,direction,benchmark").split(",")


def plain_number(value: Decimal | None, decimals: int) -> str:
    """A plain decimal rounded to the measure's decimals: no separators, unit or % sign."""
    if value is None:
        return ""

    rounded = round_figure(value, decimals)
    return f"{rounded:.{decimals}f}"


def rows(report: Report) -> list[dict[str, str]]:
    out = []
    for result in report.results:
        m, now, t = result.measure, result.current, result.targets

        def number(value: Decimal | None, _decimals: int = m.decimals) -> str:
            return plain_number(value, _decimals)

        out.append({
            "scorecard": m.scorecard, "area": m.area, "ref": m.ref, "title": m.title,
            "unit": m.unit, "polarity": m.polarity, "basis": m.basis,
            "month": report.month.iso,
            "value": number(now.value), "month_value": number(now.month_value),
            "ytd_value": number(now.ytd_value), "rolling12_value": number(now.rolling12_value),
            "target": number(now.target), "floor": number(t.floor if t else None),
            "rag": now.rag or "",
            "comparison_value": number(result.comparison_value),
            "direction": result.direction or "",
            "benchmark": number(t.benchmark if t else None),
        })
    return out


def write_results_csv(report: Report, path: Path) -> None:
    with open(path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows(report))
