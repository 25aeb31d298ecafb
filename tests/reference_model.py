"""An independent second implementation of contract section 6, for cross-checking results.csv.

Written differently on purpose: openpyxl instead of calamine, pandas group-bys instead of
per-field dictionaries, decimal division at 40 digits instead of Fractions. Where the two
agree on every column of every measure, neither has a private reading of the contract.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import ROUND_HALF_UP, Decimal, getcontext
from pathlib import Path

import openpyxl
import pandas as pd

getcontext().prec = 40
MONTHS = {m: i + 1 for i, m in enumerate(
    ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"])}


def month_of(header) -> pd.Period | None:
    if isinstance(header, dt.datetime | dt.date):
        return pd.Period(year=header.year, month=header.month, freq="M")
    if not isinstance(header, str):
        return None
    text = header.strip().lower()
    m = re.fullmatch(r"([a-z]{3})[a-z]*[\s\-]+(\d{2}|\d{4})", text)
    if m and m.group(1) in MONTHS:
        year = int(m.group(2))
        return pd.Period(year=year + 2000 if year < 100 else year, month=MONTHS[m.group(1)], freq="M")
    m = re.fullmatch(r"(\d{4})-(\d{2})", text)
    if m:
        return pd.Period(year=int(m.group(1)), month=int(m.group(2)), freq="M")
    return None


def read_long_table(returns: Path) -> pd.DataFrame:
    records = []
    for path in sorted(returns.rglob("*.xlsx")):
        if path.name.startswith(("~$", ".")):
            continue
        book = openpyxl.load_workbook(path, data_only=True, read_only=True)
        for sheet in book.worksheets:
            if sheet.sheet_state != "visible":
                continue
            rows = list(sheet.iter_rows(values_only=True))
            header_at = next((i for i, row in enumerate(rows[:20])
                              if any(isinstance(v, str) and v.strip().lower() == "code" for v in row)), None)
            if header_at is None:
                continue
            header = rows[header_at]
            code_col = next(i for i, v in enumerate(header) if isinstance(v, str) and v.strip().lower() == "code")
            district_col = next((i for i, v in enumerate(header)
                                 if isinstance(v, str) and v.strip().lower() == "district"), None)
            month_cols = [(i, month_of(v)) for i, v in enumerate(header) if month_of(v) is not None]
            for row in rows[header_at + 1:]:
                if code_col >= len(row) or not row[code_col]:
                    continue
                district = row[district_col] if district_col is not None and row[district_col] else ""
                for i, month in month_cols:
                    value = row[i] if i < len(row) else None
                    if isinstance(value, str):
                        value = float(value.replace(",", "").strip()) if value.strip() else None
                    records.append((str(row[code_col]).strip().upper(), str(district).strip(), month, value))
        book.close()
    return pd.DataFrame(records, columns=["code", "district", "month", "value"])


def county_table(long: pd.DataFrame) -> dict:
    """(code, month) -> county value, only where every district of the code reported."""
    districts = long.groupby("code")["district"].nunique()
    reported = long.dropna(subset=["value"])
    grouped = reported.groupby(["code", "month"]).agg(total=("value", "sum"), n=("district", "nunique"))
    complete = grouped[grouped["n"] == districts.reindex(grouped.index.get_level_values("code")).values]
    return {key: Decimal(repr(v)) for key, v in complete["total"].items()}


def window(basis: str, month: pd.Period) -> list[pd.Period]:
    if basis == "YTD":
        start = pd.Period(year=month.year if month.month >= 4 else month.year - 1, month=4, freq="M")
    elif basis == "Rolling 12":
        start = month - 11
    else:
        start = month
    return list(pd.period_range(start, month, freq="M"))


def figure(row: dict, basis: str, month: pd.Period, county: dict) -> Decimal | None:
    months = window(basis, month)

    def total(code: str) -> Decimal | None:
        values = [county.get((code.upper(), m)) for m in months]
        return None if any(v is None for v in values) else sum(values, Decimal(0))

    numerator = total(row["Numerator"])
    if numerator is None:
        return None
    denominator = row.get("Denominator")
    unit = row["Unit"]
    default_multiplier = {"%": 100, "Rate per 10,000": 10000, "Rate per 100,000": 100000}.get(unit, 1)
    multiplier = Decimal(repr(row["Multiplier"])) if row.get("Multiplier") is not None else None
    if denominator is None:
        value = numerator * (multiplier if multiplier is not None else 1)
    else:
        if isinstance(denominator, str):
            denominator = total(denominator)
            if denominator is None:
                return None
        else:
            denominator = Decimal(repr(denominator))
        if denominator == 0:
            return None
        value = numerator / denominator * (multiplier if multiplier is not None else default_multiplier)
    decimals = row.get("Decimals")
    if decimals is None:
        decimals = 1 if unit in ("%", "Rate per 10,000", "Rate per 100,000") else 0
    return value.quantize(Decimal(1).scaleb(-int(decimals)), rounding=ROUND_HALF_UP)


def rag(polarity, v, t, f, tu, fu):
    if v is None or t is None or polarity == "None":
        return ""
    if polarity == "High":
        return "Green" if v >= t else ("Red" if f is not None and v < f else "Amber")
    if polarity == "Low":
        return "Green" if v <= t else ("Red" if f is not None and v > f else "Amber")
    if t <= v <= tu:
        return "Green"
    return "Red" if (f is not None and v < f) or (fu is not None and v > fu) else "Amber"


def direction(polarity, now, before, t, tu):
    if now is None or before is None:
        return ""
    if polarity == "Band":
        def gap(v):
            return max(t - v, v - tu, Decimal(0))
        return "No change" if gap(now) == gap(before) else ("Improving" if gap(now) < gap(before) else "Worsening")
    if now == before:
        return "No change"
    if polarity == "None":
        return "Up" if now > before else "Down"
    better = now > before if polarity == "High" else now < before
    return "Improving" if better else "Worsening"


def sheet_records(path: Path, name: str) -> list[dict]:
    book = openpyxl.load_workbook(path, data_only=True)
    sheet = next(s for s in book.worksheets if s.title.strip().lower() == name.lower())
    rows = list(sheet.iter_rows(values_only=True))
    at = next(i for i, r in enumerate(rows) if any(isinstance(v, str) and v.strip().lower() == "ref" for v in r))
    header = [str(h).strip() if h is not None else "" for h in rows[at]]
    return [{h: row[i] for i, h in enumerate(header) if h and i < len(row)}
            for row in rows[at + 1:] if any(v is not None for v in row)]


def expected_results(inputs: Path, month_text: str) -> dict[str, dict[str, str]]:
    """ref -> the results.csv row this model expects (values as strings, like the file)."""
    month = pd.Period(month_text, freq="M")
    county = county_table(read_long_table(inputs / "returns"))
    measures = [{_norm(k): v for k, v in r.items()} for r in sheet_records(inputs / "measures.xlsx", "Measures")]
    targets = [{_norm(k): v for k, v in r.items()} for r in sheet_records(inputs / "measures.xlsx", "Targets")]
    fy = month.year if month.month >= 4 else month.year - 1
    months_fy = ["Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec", "Jan", "Feb", "Mar"]
    out = {}
    for m in measures:
        ref = str(m["Ref"]).strip()
        decimals = m.get("Decimals")
        if decimals is None:
            decimals = 1 if m["Unit"] in ("%", "Rate per 10,000", "Rate per 100,000") else 0
        target_row = next((t for t in targets if str(t["Ref"]).strip() == ref
                           and str(t["Year"]).strip()[:4] == str(fy)), None)

        def num(key, row=target_row):
            value = row.get(key) if row else None
            return None if value is None else Decimal(repr(value)) if not isinstance(value, str) else Decimal(value)

        phased = num(months_fy[(month.month - 4) % 12])
        t = phased if phased is not None else num("Target")
        value = figure(m, m["Basis"], month, county)
        compare = month - 12 if str(m.get("Compare With") or "").lower().startswith("same") else month - 1
        before = figure(m, m["Basis"], compare, county)
        snapshot = m["Basis"] == "Snapshot"

        def text(v, decimals=decimals):
            return "" if v is None else f"{Decimal(v).quantize(Decimal(1).scaleb(-int(decimals)), rounding=ROUND_HALF_UP):.{int(decimals)}f}"

        out[ref] = {
            "value": text(value),
            "month_value": text(figure(m, "Snapshot" if snapshot else "Month", month, county)),
            "ytd_value": "" if snapshot else text(figure(m, "YTD", month, county)),
            "rolling12_value": "" if snapshot else text(figure(m, "Rolling 12", month, county)),
            "target": text(t),
            "floor": text(num("Floor")),
            "rag": rag(m["Polarity"], value, t, num("Floor"), num("Target Upper"), num("Floor Upper")),
            "comparison_value": text(before),
            "direction": direction(m["Polarity"], value, before, t, num("Target Upper")) if (
                m["Polarity"] != "Band" or (t is not None and num("Target Upper") is not None)) else "",
            "benchmark": text(num("Benchmark")),
        }
    return out


def _norm(key: str) -> str:
    return " ".join(w.capitalize() for w in str(key).split())
