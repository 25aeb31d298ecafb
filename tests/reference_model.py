"""An independent second implementation of contract section 6, for cross-checking results.csv.

Written differently on purpose: openpyxl instead of calamine, pandas group-bys instead of
per-field dictionaries, decimal division at 40 digits instead of Fractions. Where the two
agree on every column of every measure, neither has a private reading of the contract.

Version 2 of the contract is modelled too: quarterly and annual measures carried for one
period, windows over the months with figures, phased and pro-rated floors, comparison by
kind when `Compare with` is blank, the six new results.csv columns, and district names
matched without regard to case or surrounding spaces.
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
    """(code, month) -> county value, only where every district expected that month reported.

    Districts are one when their names differ only in case or surrounding spaces; the
    districts expected in a month are those with a figure for the code that financial year.
    """
    long = long.assign(district=long["district"].str.strip().str.casefold())
    long = long.assign(fy=[m.year if m.month >= 4 else m.year - 1 for m in long["month"]])
    reported = long.dropna(subset=["value"])
    expected = reported.groupby(["code", "fy"])["district"].nunique()
    grouped = reported.groupby(["code", "month"]).agg(total=("value", "sum"), n=("district", "nunique"),
                                                      fy=("fy", "first"))
    out = {}
    for (code, month), total, n, fy in zip(grouped.index, grouped["total"], grouped["n"], grouped["fy"],
                                           strict=True):
        if n == expected[(code, fy)]:
            out[(code, month)] = Decimal(repr(float(total)))
    return out


def district_tables(long: pd.DataFrame) -> dict:
    """district (case-folded) -> {(code, month): value}: each district's own figures."""
    named = long[long["district"].str.strip() != ""].dropna(subset=["value"])
    out: dict = {}
    for (code, district, month), value in named.groupby(
            ["code", named["district"].str.strip().str.casefold(), "month"])["value"].sum().items():
        out.setdefault(district, {})[(code, month)] = Decimal(repr(float(value)))
    return out


def entered_months(long: pd.DataFrame) -> dict:
    """code -> sorted months in which any district (or the county) gave a figure."""
    reported = long.dropna(subset=["value"])
    return {code: sorted(set(group)) for code, group in reported.groupby("code")["month"]}


def window(basis: str, month: pd.Period) -> list[pd.Period]:
    if basis == "YTD":
        start = pd.Period(year=month.year if month.month >= 4 else month.year - 1, month=4, freq="M")
    elif basis == "Rolling 12":
        start = month - 11
    else:
        start = month
    return list(pd.period_range(start, month, freq="M"))


PERIOD = {"Monthly": 1, "Quarterly": 3, "Annual": 12}


def _apart(later: pd.Period, earlier: pd.Period) -> int:
    return later.ordinal - earlier.ordinal


def figure(row: dict, basis: str, month: pd.Period, county: dict, entered: dict | None = None) -> Decimal | None:
    return figure_detail(row, basis, month, county, entered or {})["value"]


def figure_detail(row: dict, basis: str, month: pd.Period, county: dict, entered: dict) -> dict:
    """{'value', 'numerator', 'denominator', 'as_of'} for the measure on `basis` in `month`."""
    nothing = {"value": None, "numerator": None, "denominator": None, "as_of": None}
    frequency = (row.get("Frequency") or "Monthly").strip().capitalize()
    if frequency == "Monthly":
        as_of, months = month, window(basis, month)
    else:
        period = PERIOD[frequency]
        given = entered.get(str(row["Numerator"]).upper(), [])
        earlier = [m for m in given if m <= month]
        if not earlier or _apart(month, earlier[-1]) >= period:
            return nothing
        as_of = earlier[-1]
        span = window(basis, as_of)
        months = [m for m in span if m in given]
        edges = [span[0] - 1, *months]
        if any(_apart(b, a) > period for a, b in zip(edges, edges[1:])):
            return nothing

    def total(code: str) -> Decimal | None:
        values = [county.get((code.upper(), m)) for m in months]
        return None if any(v is None for v in values) else sum(values, Decimal(0))

    numerator = total(row["Numerator"])
    if numerator is None:
        return nothing
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
                return nothing
        else:
            denominator = Decimal(repr(denominator))
        if denominator == 0:
            return {**nothing, "numerator": numerator, "denominator": denominator, "as_of": as_of}
        value = numerator / denominator * (multiplier if multiplier is not None else default_multiplier)
    decimals = row.get("Decimals")
    if decimals is None:
        decimals = 1 if unit in ("%", "Rate per 10,000", "Rate per 100,000") else 0
    return {"value": value.quantize(Decimal(1).scaleb(-int(decimals)), rounding=ROUND_HALF_UP),
            "numerator": numerator, "denominator": denominator, "as_of": as_of}


def period_text(frequency: str, basis: str, month: pd.Period) -> str:
    """How results.csv labels what a headline figure covers."""
    fy = month.year if month.month >= 4 else month.year - 1
    year = f"{fy}/{str(fy + 1)[-2:]}"
    if frequency == "Quarterly":
        return f"Q{(month.month - 4) % 12 // 3 + 1} {year}"
    if frequency == "Annual":
        return year
    if basis in ("Month", "Snapshot"):
        return f"{month.year}-{month.month:02d}"
    start = window(basis, month)[0]
    name = "YTD" if basis == "YTD" else "Rolling 12"
    first, last = start.strftime("%b"), month.strftime("%b")
    if start == month:
        return f"{name} {last} {month.year}"
    if start.year == month.year:
        return f"{name} {first}-{last} {month.year}"
    return f"{name} {first} {start.year}-{last} {month.year}"


def sum_text(value: Decimal | None) -> str:
    if value is None:
        return ""
    if value == value.to_integral_value():
        return str(int(value))
    return format(value.normalize(), "f")


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


MONTHS_FY = ["Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec", "Jan", "Feb", "Mar"]


def expected_results(inputs: Path, month_text: str, blank_compare: str | None = None) -> dict[str, dict[str, str]]:
    """ref -> the results.csv row this model expects (values as strings, like the file).

    `blank_compare` reads a blank Compare with as that option rather than by kind.
    """
    measures = [{_norm(k): v for k, v in r.items()} for r in sheet_records(inputs / "measures.xlsx", "Measures")]
    targets = [{_norm(k): v for k, v in r.items()} for r in sheet_records(inputs / "measures.xlsx", "Targets")]
    return expected_from_rows(measures, targets, read_long_table(inputs / "returns"), month_text, blank_compare)


def expected_from_rows(measures: list[dict], targets: list[dict], long: pd.DataFrame, month_text: str,
                       blank_compare: str | None = None) -> dict[str, dict[str, str]]:
    """The expected results.csv rows for catalogue rows as dicts (keys as the sheets head them)."""
    month = pd.Period(month_text, freq="M")
    county = county_table(long)
    entered = entered_months(long)
    out = {}
    for m in measures:
        ref = str(m["Ref"]).strip()
        decimals = m.get("Decimals")
        if decimals is None:
            decimals = 1 if m["Unit"] in ("%", "Rate per 10,000", "Rate per 100,000") else 0
        frequency = (m.get("Frequency") or "Monthly").strip().capitalize()
        running = m["Basis"] == "YTD" and m.get("Denominator") is None

        def year_row(when: pd.Period, ref=ref):
            fy = when.year if when.month >= 4 else when.year - 1
            return next((t for t in targets if str(t["Ref"]).strip() == ref
                         and str(t["Year"]).strip()[:4] == str(fy)), None)

        def num(key, row):
            value = row.get(key) if row else None
            return None if value is None else Decimal(repr(value)) if not isinstance(value, str) else Decimal(value)

        def judged(when: pd.Period, running=running):
            """(target, floor, target upper, floor upper) for a month."""
            row = year_row(when)
            name = MONTHS_FY[(when.month - 4) % 12]
            phased, year_end = num(name, row), num("Target", row)
            t = phased if phased is not None else year_end
            f = num(f"Floor {name}", row)
            if f is None:
                f = num("Floor", row)
                if running and phased is not None and f is not None and year_end:
                    f = f * phased / year_end
            return t, f, num("Target Upper", row), num("Floor Upper", row)

        detail = figure_detail(m, m["Basis"], month, county, entered)
        value = detail["value"]
        compare = str(m.get("Compare With") or blank_compare or "").strip().lower()
        if not compare:
            compare = ("same month last year" if running else
                       "previous period" if frequency != "Monthly" else "previous month")
        if compare.startswith("same"):
            before_month = month - 12
        elif compare == "previous period":
            shown = detail["as_of"] or month
            earlier = [e for e in entered.get(str(m["Numerator"]).upper(), []) if e < shown]
            before_month = earlier[-1] if frequency != "Monthly" and earlier else shown - PERIOD[frequency]
        else:
            before_month = month - 1
        before = figure(m, m["Basis"], before_month, county, entered)
        snapshot = m["Basis"] == "Snapshot"

        def text(v, decimals=decimals):
            return "" if v is None else f"{Decimal(v).quantize(Decimal(1).scaleb(-int(decimals)), rounding=ROUND_HALF_UP):.{int(decimals)}f}"

        t, f, tu, fu = judged(month)
        now_rag = rag(m["Polarity"], value, t, f, tu, fu)
        way = direction(m["Polarity"], value, before, t, tu) if (
            m["Polarity"] != "Band" or (t is not None and tu is not None)) else ""
        out[ref] = {
            "value": text(value),
            "month_value": text(figure(m, "Snapshot" if snapshot else "Month", month, county, entered)),
            "ytd_value": "" if snapshot else text(figure(m, "YTD", month, county, entered)),
            "rolling12_value": "" if snapshot else text(figure(m, "Rolling 12", month, county, entered)),
            "target": text(t),
            "floor": text(f),
            "rag": now_rag,
            "comparison_value": text(before),
            "direction": way,
            "benchmark": text(num("Benchmark", year_row(month))),
            "frequency": frequency,
            "period": period_text(frequency, m["Basis"], detail["as_of"]) if value is not None else "",
            "numerator": sum_text(detail["numerator"]) if value is not None else "",
            "denominator": sum_text(detail["denominator"]) if value is not None else "",
            "previous_rag": rag(m["Polarity"], before, *judged(before_month)),
            "exception": "Y" if now_rag == "Red" and way != "Improving" else "",
        }
    return out


def _norm(key: str) -> str:
    return " ".join(w.capitalize() for w in str(key).split())
