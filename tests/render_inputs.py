"""A small but varied inputs folder for the output workbook tests, and a run over it.

Two scorecards (a Children grid and an Adults dashboard), every unit, polarity and
basis, a missing month, phased targets, commentary (some of it hostile: a formula, a
web address) and a business plan.
"""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import warnings
from pathlib import Path

import openpyxl
from builders import measure, target, write_catalogue, write_return, write_sheet

from fscxl.compute.results import Report, build_results
from fscxl.model.periods import Month
from fscxl.pipeline import load, run

MONTHS = 14  # April 2011 to May 2012
FORMULA_COMMENTARY = "=SUM(A1:A2) is not a formula here; officers' words stay words"
URL_COMMENTARY = "See https://www.kent.gov.uk/ for the plan"


def _series(start: float, step: float, count: int = MONTHS) -> list[float]:
    return [round(start + step * i, 1) for i in range(count)]


def build_inputs(root: Path) -> Path:
    inputs = root / "inputs"
    measures = [
        measure("CH01", "Children", "How much are we dealing with?", "Referrals per 10,000 children (0-17)",
                "Rate per 10,000", "Band", "Rolling 12", "REF", "330000",
                definition="Referrals in the last 12 months per 10,000 children aged 0-17."),
        measure("CH02", "Children", "How much are we dealing with?", "Number of referrals", "Number",
                "None", "Month", "REF", None),
        measure("CH08", "Children", "How much are we dealing with?",
                "Children with a child protection plan per 10,000", "Rate per 10,000", "Band",
                "Snapshot", "CPP", "330000"),
        measure("CH29", "Children", "Are we achieving good outcomes?",
                "% referrals previously referred in last 12 months", "%", "Low", "YTD", "REREF", "REF",
                corporate="Y"),
        measure("CH30", "Children", "Are we achieving good outcomes?",
                "% children with CP Plan for second or more time", "%", "Low", "YTD", "CP2", "CPSTART"),
        measure("CH17", "Children", "Are we achieving good outcomes?",
                "Average days from entering care to moving in with adoptive family", "Days", "Low",
                "Rolling 12", "DAYS", "ADOPT"),
        measure("CH43", "Children", "Are we supporting our staff?", "Average caseload per qualified "
                "social worker", "Number", "Low", "Snapshot", "CASES", "SW", multiplier=1, decimals=1),
        measure("CH44", "Children", "Are we supporting our staff?", "% staff supervised within timescale",
                "%", "High", "Month", "SUP", "STAFF", corporate="Y"),
        measure("AS01", "Adults", "Personalisation", "% clients with self-directed support", "%", "High",
                "Snapshot", "SDS", "CLIENTS", definition="Clients with a personal budget."),
        measure("AS03", "Adults", "Personalisation", "Number of people starting an enablement service",
                "Number", "High", "YTD", "ENAB", None),
        measure("AS16", "Adults", "Safeguarding", "Number of safeguarding alerts", "Number", "None",
                "Month", "ALERTS", None),
        measure("AS17", "Adults", "Safeguarding", "% safeguarding referrals where risk was reduced",
                "%", "High", "YTD", "RISK", "SGREF"),
    ]
    targets = [
        target("CH01", target=480, floor=430, target_upper=560, floor_upper=620, benchmark=520,
               source="High performing authorities"),
        target("CH08", target=35, floor=30, target_upper=45, floor_upper=55),
        target("CH29", target=20, floor=25, benchmark=22.5, source="England 2011/12"),
        target("CH30", target=13, floor=18),
        target("CH17", target=639, floor=700),
        target("CH43", target=18, floor=22),
        target("CH44", target=95, floor=85),
        # the floor sits below every phased target, as the contract's consistency rule requires
        target("AS01", target=70, floor=38, phased=[40, 42, 44, 46, 48, 50, 55, 58, 61, 64, 67, 70]),
        target("AS03", target=9000, floor=8100,
               phased=[700, 1450, 2200, 2950, 3700, 4450, 5200, 5950, 6700, 7450, 8200, 9000]),
        target("AS17", target=85, floor=75),
        target("CH08", year="2011/12", target=35, floor=30, target_upper=45, floor_upper=55),
    ]
    scorecards = [["Children", "Children's Social Care scorecard", "Scorecard", "C"],
                  ["Adults", "Adult Social Care dashboard", "Dashboard", "B"]]
    write_catalogue(inputs / "measures.xlsx", measures, targets, scorecards)
    supervised = _series(80, 1)
    supervised[1] = None  # May 2011 not reported: a missing figure in the 13-month strip
    series = {
        "REF": _series(1300, 5), "CPP": _series(1300, -10), "REREF": [330, 320] + _series(300, 1, 12),
        "CP2": _series(50, -1), "CPSTART": [200] * MONTHS, "DAYS": _series(6500, 50),
        "ADOPT": [10] * MONTHS, "CASES": _series(3000, 10), "SW": [150] * MONTHS,
        "SUP": supervised, "STAFF": [100] * MONTHS,
        "SDS": _series(3000, 60), "CLIENTS": [10000] * MONTHS, "ENAB": _series(650, 10),
        "ALERTS": _series(400, 3), "RISK": _series(150, 2), "SGREF": [200] * MONTHS,
    }
    write_return(inputs / "returns" / "return.xlsx", series, first=(2011, 4), count=MONTHS)
    write_commentary(inputs / "commentary.xlsx")
    write_business_plan(inputs / "business_plan.xlsx")
    return inputs


def write_commentary(path: Path) -> None:
    book = openpyxl.Workbook()
    may = dt.datetime(2012, 5, 1)
    write_sheet(book, "Measures", [
        ["Ref", "Month", "Commentary"],
        ["AS01", may, FORMULA_COMMENTARY],
        ["AS03", "May-12", "Enablement starts are on profile. " * 12],
        ["AS17", may, URL_COMMENTARY],
    ], first=True)  # AS16 has none: its card says 'Commentary to follow'
    book["Measures"]["C2"].data_type = "s"  # typed text that happens to start with '='
    write_sheet(book, "Areas", [
        ["Scorecard", "Area", "Month", "Commentary"],
        ["Children", "Are we achieving good outcomes?", may,
         "Three of the reds are year to date figures covering two months."],
    ])
    book.save(path)


ACTIONS = [
    ["BP1", "Specialist Children's Services", "Recruit 40 social workers", "Head of Service",
     dt.datetime(2012, 3, 31), "Delayed", dt.datetime(2012, 9, 30), "Recruitment campaign extended."],
    ["BP2", "Specialist Children's Services", "Launch the new front door", "Director", "Q4 2011/12",
     "Complete", None, ""],
    ["BP3", "Specialist Children's Services", "Retire the old case system", "ICS Manager",
     dt.datetime(2012, 1, 31), "Cancelled", None, "=HYPERLINK(\"http://x\") replaced by new system"],
    ["BP4", "Older People & Physical Disability", "Telecare for 4,000 people", "Head of Service",
     dt.datetime(2012, 3, 31), "On track", None, ""],
    ["BP5", "Older People & Physical Disability", "Close two in-house homes", "Director",
     dt.datetime(2012, 2, 29), "Delayed", "Q2 2012/13", "Consultation extended."],
]


def write_business_plan(path: Path) -> None:
    book = openpyxl.Workbook()
    sheet = write_sheet(book, "Actions", [["Ref", "Business plan", "Action", "Owner", "Due date",
                                           "Status", "Revised date", "Commentary"], *ACTIONS], first=True)
    sheet["H4"].data_type = "s"  # typed text that happens to start with '='
    book.save(path)


def run_example(root: Path):
    """Build the inputs and run the pipeline; returns (summary, results.csv rows by Ref)."""
    inputs = build_inputs(root)
    summary = run(inputs, root / "outputs")
    with open(summary.folder / "results.csv", encoding="utf-8") as handle:
        rows = {row["ref"]: row for row in csv.DictReader(handle)}
    return summary, rows


def output(summary, prefix: str) -> Path:
    """The written workbook whose name starts with `prefix` (e.g. 'Appendix C')."""
    return next(p for p in summary.written if p.name.startswith(prefix))


def open_output(path: Path):
    """An output workbook in openpyxl, which does not read sparklines and says so."""
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message="Sparkline Group extension")
        return openpyxl.load_workbook(path)


def build_report(root: Path, settings=None, month=None):
    """The Report the renderers get for the example inputs, with the Report sheet's settings
    given as a record (the catalogue reader for that sheet is not needed to test the covers)."""
    loaded = load(build_inputs(root))
    catalogue = loaded.catalogue
    if settings is not None:
        catalogue = dataclasses.replace(catalogue, report=settings)
    chosen = month or Month(2012, 5)
    results = build_results(catalogue, loaded.returns, chosen, loaded.problems)
    return Report(chosen, catalogue, results, loaded.commentary, loaded.actions, loaded.problems,
                  dt.datetime(2012, 6, 20, 9, 30))
