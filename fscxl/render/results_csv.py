"""results.csv: one row per measure, the machine-readable twin of the scorecards; and
districts.csv: each district's figure beside the county's, for measures given by district."""

from __future__ import annotations

import csv
from decimal import Decimal
from pathlib import Path

from fscxl.compute.results import Report
from fscxl.compute.rules import round_figure

COLUMNS = ("scorecard,area,ref,title,unit,polarity,basis,month,value,month_value,ytd_value,"
           "rolling12_value,target,floor,rag,comparison_value,direction,benchmark,"
           # (v2) after the first 18, in this order
           "frequency,period,numerator,denominator,previous_rag,exception").split(",")
DISTRICT_COLUMNS = "scorecard,ref,title,district,month,value,rag,numerator,denominator".split(",")
COUNTY_ROW = "County"


def plain_number(value: Decimal | None, decimals: int) -> str:
    """A plain decimal rounded to the measure's decimals: no separators, unit or % sign."""
    if value is None:
        return ""

    rounded = round_figure(value, decimals)
    return f"{rounded:.{decimals}f}"


def plain_sum(value: Decimal | None) -> str:
    """A sum as typed, unrounded: '1534', '12.5'; empty where there is none."""
    return "" if value is None else f"{value:f}"


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
            "target": number(now.target), "floor": number(now.floor),
            "rag": now.rag or "",
            "comparison_value": number(result.comparison_value),
            "direction": result.direction or "",
            "benchmark": number(t.benchmark if t else None),
            "frequency": m.frequency, "period": now.period,
            "numerator": plain_sum(now.numerator), "denominator": plain_sum(now.denominator),
            "previous_rag": result.previous_rag or "", "exception": "Y" if result.exception else "",
        })
    return out


def district_rows(report: Report) -> list[dict[str, str]]:
    """(v2) One row per district and a County row, for each measure whose fields are given by district."""
    out = []
    for result in report.results:
        m, now = result.measure, result.current
        if not result.districts:
            continue
        shown = [(d.district, d.value, d.rag, d.numerator, d.denominator) for d in result.districts]
        shown.append((COUNTY_ROW, now.value, now.rag, now.numerator, now.denominator))
        for district, value, rag, numerator, denominator in shown:
            out.append({"scorecard": m.scorecard, "ref": m.ref, "title": m.title, "district": district,
                        "month": report.month.iso, "value": plain_number(value, m.decimals),
                        "rag": rag or "", "numerator": plain_sum(numerator),
                        "denominator": plain_sum(denominator)})
    return out


def _write(path: Path, columns: list[str], content: list[dict[str, str]]) -> None:
    with open(path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=columns, lineterminator="\n")
        writer.writeheader()
        writer.writerows(content)


def write_results_csv(report: Report, path: Path) -> None:
    _write(path, COLUMNS, rows(report))


def write_districts_csv(report: Report, path: Path) -> None:
    """(v2) Written by every run, with its header alone where no measure is given by district."""
    _write(path, DISTRICT_COLUMNS, district_rows(report))
