"""Shared helpers for the contract tests: build small inputs, run fscxl, read results.csv."""

from __future__ import annotations

import csv
import re
from pathlib import Path

import openpyxl
from builders import measure, target, write_catalogue, write_return
from click.testing import CliRunner

from fscxl.cli import main
from fscxl.model.problems import Problem
from fscxl.pipeline import run
from fscxl.render.validation import CELL, CODE, HEADER_ROW, SEVERITY, SHEET, WORKBOOK


def inputs_with(root: Path, measures: list[list], targets: list[list], series: dict,
                first: tuple[int, int] = (2011, 4), count: int | None = None,
                districts: bool = False, scorecards: list[list] | None = None) -> Path:
    """An inputs folder with the given catalogue rows and one return of `series`."""
    inputs = root / "inputs"
    write_catalogue(inputs / "measures.xlsx", measures, targets, scorecards)
    if count is None:
        lengths = [len(v) for v in series.values()] if not districts else \
            [len(x) for v in series.values() for x in v.values()]
        count = max(lengths)
    write_return(inputs / "returns" / "return.xlsx", series, first=first, count=count, districts=districts)
    return inputs


def two_measure_inputs(root: Path, layout: str = "Scorecard") -> Path:
    """One Children scorecard: a percentage with a target and a benchmark, and a context-only
    count on the Snapshot basis, laid out as `layout`."""
    measures = [measure("P1", scorecard="Children", area="Outcomes", title="Children’s measure"),
                measure("N1", scorecard="Children", area="Activity", unit="Number", denominator=None,
                        basis="Snapshot", polarity="None")]
    return inputs_with(root, measures, [target("P1", target=80, floor=70, benchmark=75.25)],
                       {"NUM": [8] * 14, "DEN": [10] * 14},
                       scorecards=[["Children", "Children's Scorecard", layout, "C"]])


def read_csv(path: Path) -> list[dict[str, str]]:
    with open(path, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def run_rows(root: Path, measures: list[list], targets: list[list], series: dict, month=None,
             **options) -> tuple[dict[str, dict[str, str]], list[Problem]]:
    """Run fscxl on the inputs; (results.csv rows by ref, the warnings)."""
    inputs = inputs_with(root, measures, targets, series, **options)
    summary = run(inputs, root / "outputs", month)
    rows = read_csv(summary.folder / "results.csv")
    return {row["ref"]: row for row in rows}, summary.problems.warnings


def reported_problems(folder: Path) -> list[tuple[str, str, str, str]]:
    """(code, workbook, sheet, cell) of each problem in the validation report in `folder`, in order."""
    sheet = openpyxl.load_workbook(folder / "validation_report.xlsx")["Problems"]
    rows = sheet.iter_rows(min_row=HEADER_ROW + 2, values_only=True)
    return [(row[CODE] or "", row[WORKBOOK] or "", row[SHEET] or "", row[CELL] or "")
            for row in rows if row[SEVERITY] in ("Error", "Warning")]


def invoke(*args, **kwargs):
    return CliRunner().invoke(main, [str(a) for a in args], **kwargs)


__all__ = ["clean", "inputs_with", "invoke", "measure", "read_csv", "reported_problems", "run_rows", "target"]


# Python's trappings that must never reach an officer: reprs, tracebacks, empty containers
REPR_MARKERS = re.compile(r"Decimal\(|Month\(|Problem\(|\bNone\b|\bnan\b|<[a-zA-Z_.]+ object|Traceback|"
                          r"Errno|xlsxwriter|\[\]|\{\}|\bself\b")


def clean(result):
    """The CliRunner result, after checking it ended without a Python exception or repr showing."""
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    assert not REPR_MARKERS.search(result.output), REPR_MARKERS.search(result.output).group(0)
    return result
