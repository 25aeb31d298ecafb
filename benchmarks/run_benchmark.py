"""How fast fscxl reads returns, against the floor and an openpyxl pipeline, at three scales.

    python benchmarks/run_benchmark.py [--scales county,districts,national] [--repeat N]
                                       [--county-inputs DIR] [--baseline GIT-REVISION]

For each scale it times, each in a fresh process (wall time including interpreter
start-up, and peak resident memory of the largest process in the tree):

- fscxl:    the whole `fscxl run` over the inputs;
- floor:    python-calamine reading the same return workbooks in one process into one
            long table (a small numpy table per workbook, one concatenation), nothing else;
- openpyxl: openpyxl (read_only) reading the same workbooks into the same long table;
- baseline: with --baseline, the whole `fscxl run` of an earlier revision (checked out in a
            temporary git worktree), timed in the same run so before and after compare fairly.

Synthetic inputs in the contract's format are generated once and cached under
benchmarks/data/ (git-ignored). The table is printed and written to benchmarks/RESULTS.md.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
DATA = HERE / "data"
FIRST_MONTH = (2011, 4)
MONTHS = 26  # April 2011 to May 2013
BASES = ("Month", "YTD", "Rolling 12", "Snapshot")
SCALES = {  # name -> (workbooks, fields per workbook, District column)
    "county": (10, 20, False),
    "districts": (120, 200, True),
    "national": (1500, 200, True),
}


# ---------------------------------------------------------------- synthetic inputs

def _month_dates() -> list[dt.datetime]:
    year, month = FIRST_MONTH
    dates = []
    for _ in range(MONTHS):
        dates.append(dt.datetime(year, month, 1))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return dates


def write_catalogue(path: Path, fields: int) -> None:
    """100 measures over the fields F001..., every Basis, unit and polarity mixed."""
    import xlsxwriter

    book = xlsxwriter.Workbook(str(path))
    measures = book.add_worksheet("Measures")
    targets = book.add_worksheet("Targets")
    measures.write_row(0, 0, ["Ref", "Scorecard", "Area", "Title", "Unit", "Polarity", "Basis",
                              "Numerator", "Denominator", "Compare with"])
    targets.write_row(0, 0, ["Ref", "Year", "Target", "Floor", "Target upper", "Floor upper"])
    units = ("%", "Number", "Rate per 10,000", "Days")
    polarities = ("High", "Low", "Band", "None")
    row = 1
    for i in range(100):
        ref = f"M{i + 1:03d}"
        unit = units[i % len(units)]
        polarity = polarities[(i // 4) % len(polarities)]
        numerator = f"F{(2 * i) % fields + 1:03d}"
        denominator = f"F{(2 * i + 1) % fields + 1:03d}" if unit in ("%", "Rate per 10,000") else None
        measures.write_row(i + 1, 0, [ref, "Children" if i % 2 else "Adults", f"Area {i % 5 + 1}",
                                      f"Measure {i + 1}", unit, polarity, BASES[i % 4], numerator])
        if denominator:
            measures.write(i + 1, 8, denominator)
        measures.write(i + 1, 9, "Same month last year" if i % 3 == 0 else "Previous month")
        for year in ("2011/12", "2012/13", "2013/14"):
            # target, floor (a Low measure's minimum standard sits above its target)
            values = ([50, 60] if polarity == "Low" else [50, 40]) + ([60, 70] if polarity == "Band" else [])
            targets.write_row(row, 0, [ref, year, *values])
            row += 1
    book.close()


def write_return(path: Path, first_field: int, fields: int, district: str | None, seed: int) -> None:
    import xlsxwriter

    book = xlsxwriter.Workbook(str(path), {"constant_memory": True})
    sheet = book.add_worksheet("Return")
    date_format = book.add_format({"num_format": "mmm-yy"})
    sheet.write(0, 0, "Monthly performance return")
    sheet.write(1, 0, f"Team {district or 'county'}")
    header = ["Code", "Description"] + (["District"] if district else [])
    sheet.write_row(3, 0, header)
    for j, month in enumerate(_month_dates()):
        sheet.write_datetime(3, len(header) + j, month, date_format)
    for i in range(fields):
        code = f"F{first_field + i:03d}"
        cells = [code, f"Field {code}"] + ([district] if district else [])
        cells += [(seed * 7 + i * 13 + j * 3) % 97 + 50 for j in range(MONTHS)]
        sheet.write_row(4 + i, 0, cells)
    book.close()


def _write_one(args) -> None:
    write_return(*args)


def build_inputs(scale: str) -> Path:
    """The cached inputs folder for a scale, generated on first use."""
    workbooks, fields, with_districts = SCALES[scale]
    inputs = DATA / scale / "inputs"
    done = inputs / ".complete"
    total_fields = fields if with_districts else fields * workbooks
    inputs.mkdir(parents=True, exist_ok=True)
    write_catalogue(inputs / "measures.xlsx", total_fields)  # cheap: always as this script says
    if done.exists():
        return inputs
    returns = inputs / "returns"
    returns.mkdir(parents=True, exist_ok=True)
    jobs = []
    for n in range(workbooks):
        first = 1 if with_districts else n * fields + 1
        district = f"Team {n + 1:04d}" if with_districts else None
        jobs.append((returns / f"return_{n + 1:04d}.xlsx", first, fields, district, n))
    from multiprocessing import Pool

    with Pool() as pool:
        pool.map(_write_one, jobs, chunksize=16)
    done.write_text("ok\n")
    return inputs


# ---------------------------------------------------------------- the readers compared

def floor_read(files: list[str]) -> int:
    """python-calamine into one long table: nothing but reading."""
    import numpy as np
    import python_calamine

    tables = []
    for number, path in enumerate(files):
        book = python_calamine.CalamineWorkbook.from_path(path)
        grid = book.get_sheet_by_index(0).to_python(skip_empty_area=False)
        book.close()
        header = next(r for r, row in enumerate(grid[:20]) if "Code" in row)
        months = [c for c, v in enumerate(grid[header]) if isinstance(v, dt.date)]
        body = np.array(grid[header + 1:], dtype=object)
        cells = body[:, months]
        numeric = np.frompyfunc(lambda v: v.__class__ is float, 1, 1)(cells).astype(bool)
        rows, cols = np.nonzero(numeric)
        tables.append((np.full(len(rows), number, dtype=np.int32), body[rows, 0], cols.astype(np.int16),
                       cells[numeric].astype(np.float64)))
    return len(np.concatenate([t[3] for t in tables])) if tables else 0


def openpyxl_read(files: list[str]) -> int:
    """openpyxl (read_only) into the same long table."""
    import numpy as np
    import openpyxl

    tables = []
    for number, path in enumerate(files):
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
        grid = [list(row) for row in book.worksheets[0].iter_rows(values_only=True)]
        book.close()
        header = next(r for r, row in enumerate(grid[:20]) if "Code" in row)
        months = [c for c, v in enumerate(grid[header]) if isinstance(v, dt.date)]
        codes, cols, values = [], [], []
        for row in grid[header + 1:]:
            for j, c in enumerate(months):
                value = row[c] if c < len(row) else None
                if isinstance(value, int | float):
                    codes.append(row[0])
                    cols.append(j)
                    values.append(value)
        tables.append((np.full(len(values), number, dtype=np.int32), np.array(codes, dtype=object),
                       np.array(cols, dtype=np.int16), np.array(values, dtype=np.float64)))
    return len(np.concatenate([t[3] for t in tables])) if tables else 0


# ---------------------------------------------------------------- measuring

def measure(command: list[str], env: dict | None = None) -> dict:
    """Wall time and peak RSS of `command` and everything it starts, from a clean wrapper."""
    wrapper = (
        "import json, resource, subprocess, sys, time\n"
        "start = time.perf_counter()\n"
        "code = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE).returncode\n"
        "wall = time.perf_counter() - start\n"
        "rss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss\n"
        "print(json.dumps({'wall': wall, 'rss_mb': rss / 1024, 'code': code}))\n"
    )
    done = subprocess.run([sys.executable, "-c", wrapper, *command], capture_output=True, text=True,
                          env=env, check=True)
    result = json.loads(done.stdout.strip().splitlines()[-1])
    if result["code"] not in (0, 1):
        raise RuntimeError(f"{command[:3]} failed with {result['code']}: {done.stderr}")
    return result


def median_of(runs: list[dict]) -> dict:
    return {"wall": statistics.median(r["wall"] for r in runs),
            "rss_mb": statistics.median(r["rss_mb"] for r in runs)}


def compile_package(root: Path = ROOT) -> None:
    """Give fscxl its bytecode, as an installed package has (pip compiles it when installing).

    The libraries the readers import already carry theirs; without this, a checkout run
    with PYTHONDONTWRITEBYTECODE would compile every fscxl module from source on every run.
    """
    import compileall

    if not compileall.compile_dir(root / "fscxl", quiet=1):
        raise RuntimeError("fscxl did not compile")


def fscxl_runs(root: Path, inputs: Path, repeat: int) -> dict:
    """The median of `repeat` whole runs of the fscxl found in `root` over `inputs`."""
    env = {**os.environ, "PYTHONPATH": str(root)}
    with tempfile.TemporaryDirectory() as outputs:
        return median_of([measure([sys.executable, "-m", "fscxl", "run", "--inputs", str(inputs),
                                   "--outputs", outputs], env) for _ in range(repeat)])


def bench_scale(scale: str, inputs: Path, repeat: int, baseline: Path | None = None) -> dict:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    files = sorted(str(p) for p in (inputs / "returns").rglob("*.xlsx")
                   if not p.name.startswith(("~$", ".")))
    listing = Path(tempfile.mkstemp(prefix="fscxl-bench-", suffix=".txt")[1])
    listing.write_text("\n".join(files))
    me = str(Path(__file__).resolve())
    results = {}
    try:
        results["fscxl"] = fscxl_runs(ROOT, inputs, repeat)
        if baseline is not None:
            results["baseline"] = fscxl_runs(baseline, inputs, repeat)
        results["floor"] = median_of([measure([sys.executable, me, "_read", "floor", str(listing)], env)
                                      for _ in range(repeat)])
        results["openpyxl"] = median_of([measure([sys.executable, me, "_read", "openpyxl", str(listing)],
                                                 env) for _ in range(repeat)])
    finally:
        listing.unlink()
    results["workbooks"] = len(files)
    return results


def table(results: dict[str, dict]) -> str:
    lines = [
        "| scale | workbooks | fscxl run (s) | floor (s) | openpyxl (s) | fscxl / floor | openpyxl / fscxl "
        "| fscxl ms per workbook | fscxl peak RSS (MB) | floor peak RSS (MB) | openpyxl peak RSS (MB) |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    with_baseline = any("baseline" in r for r in results.values())
    if with_baseline:
        lines[0] += " baseline run (s) | baseline / floor | baseline peak RSS (MB) |"
        lines[1] += "---:|---:|---:|"
    for scale, r in results.items():
        f, fl, op = r["fscxl"], r["floor"], r["openpyxl"]
        line = (
            f"| {scale} | {r['workbooks']:,} | {f['wall']:.2f} | {fl['wall']:.2f} | {op['wall']:.2f} "
            f"| {f['wall'] / fl['wall']:.2f} | {op['wall'] / f['wall']:.1f} "
            f"| {1000 * f['wall'] / r['workbooks']:.1f} | {f['rss_mb']:.0f} | {fl['rss_mb']:.0f} "
            f"| {op['rss_mb']:.0f} |")
        if with_baseline:
            b = r["baseline"]
            line += f" {b['wall']:.2f} | {b['wall'] / fl['wall']:.2f} | {b['rss_mb']:.0f} |"
        lines.append(line)
    if "districts" in results and "national" in results:
        d, n = results["districts"], results["national"]
        marginal = (n["fscxl"]["wall"] - d["fscxl"]["wall"]) / (n["workbooks"] - d["workbooks"])
        fixed = d["fscxl"]["wall"] - marginal * d["workbooks"]
        lines.append("")
        lines.append(f"Marginal cost from districts to national: {1000 * marginal:.2f} ms per workbook "
                     f"(fixed cost of a run about {fixed:.2f} s).")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["_read"]:  # a child process: one reader over the listed files
        reader = {"floor": floor_read, "openpyxl": openpyxl_read}[argv[1]]
        reader(Path(argv[2]).read_text().splitlines())
        return 0
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scales", default="county,districts,national")
    parser.add_argument("--repeat", type=int, default=1, help="runs per measure; the median is shown")
    parser.add_argument("--county-inputs", type=Path, default=ROOT / "inputs",
                        help="inputs for the county scale (default: the repository's inputs/; "
                             "a synthetic county set while that has no returns)")
    parser.add_argument("--baseline", metavar="GIT-REVISION",
                        help="also time the fscxl run of this earlier revision, for a before/after table")
    args = parser.parse_args(argv)
    compile_package()
    with tempfile.TemporaryDirectory() as scratch:
        baseline = None
        if args.baseline:
            baseline = Path(scratch) / "baseline"
            subprocess.run(["git", "-C", str(ROOT), "worktree", "add", "--detach", "--quiet", str(baseline),
                            args.baseline], check=True)
            compile_package(baseline)
        try:
            return _bench(parser, args, baseline)
        finally:
            if baseline is not None:
                subprocess.run(["git", "-C", str(ROOT), "worktree", "remove", "--force", str(baseline)],
                               check=False)


def _bench(parser: argparse.ArgumentParser, args: argparse.Namespace, baseline: Path | None) -> int:
    results = {}
    for scale in [s.strip() for s in args.scales.split(",") if s.strip()]:
        if scale not in SCALES:
            parser.error(f"unknown scale {scale!r}; choose from {', '.join(SCALES)}")
        inputs = args.county_inputs if scale == "county" else None
        if inputs is None or not any((inputs / "returns").rglob("*.xlsx")) \
                or not (inputs / "measures.xlsx").exists():  # returns may sit in subfolders
            inputs = build_inputs(scale)
        print(f"{scale}: {inputs}", file=sys.stderr)
        results[scale] = bench_scale(scale, inputs, args.repeat, baseline)
    report = table(results)
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    heading = (f"# Reading benchmark\n\n{dt.date.today():%d %B %Y}, Python {platform.python_version()}, "
               f"{cores} cores, median of {args.repeat}. Wall time includes interpreter start-up; "
               "peak RSS is the largest single process."
               + (f" Baseline: revision {args.baseline}." if args.baseline else "") + "\n\n")
    print(report)
    (HERE / "RESULTS.md").write_text(heading + report + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
