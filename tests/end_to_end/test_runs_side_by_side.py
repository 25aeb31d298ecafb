"""Two runs at once never mix their files; a killed run leaves no process and, after the next run, no staging."""

from __future__ import annotations

import csv
import os
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
import python_calamine
from builders import measure, target, write_catalogue, write_return

PROJECT = Path(__file__).resolve().parents[2]
ENV = {**os.environ, "PYTHONPATH": os.pathsep.join([str(PROJECT), os.environ.get("PYTHONPATH", "")])}

SLOW_RENAMES = textwrap.dedent("""
    import os, sys, time
    real = os.replace
    def slow(source, destination):  # widens the window in which two runs' renames could interleave
        time.sleep(0.25)
        return real(source, destination)
    os.replace = slow
    from fscxl.cli import main
    main(["run", "--inputs", sys.argv[1], "--outputs", sys.argv[2]])
""")


def _inputs(root: Path, title: str, numerator: int) -> Path:
    inputs = root / "inputs"
    write_catalogue(inputs / "measures.xlsx", [measure(), measure(ref="M2", scorecard="Adults", area="Care")],
                    [target(target=80, floor=70), target(ref="M2", target=80, floor=70)],
                    scorecards=[["Children", f"{title} children", None, "C"],
                                ["Adults", f"{title} adults", None, "B"]])
    write_return(inputs / "returns" / "return.xlsx", {"NUM": [numerator] * 14, "DEN": [10] * 14})
    return inputs


def _titles_in(path: Path) -> str:
    book = python_calamine.CalamineWorkbook.from_path(str(path))
    return " ".join(v for name in book.sheet_names for row in book.get_sheet_by_name(name).to_python()
                    for v in row if isinstance(v, str))


@pytest.mark.slow
def test_two_runs_at_once_with_different_inputs_never_mix_files(tmp_path):
    outputs = tmp_path / "outputs"
    runs = {"Alpha": _inputs(tmp_path / "a", "Alpha", 8), "Beta": _inputs(tmp_path / "b", "Beta", 6)}
    children = [subprocess.Popen([sys.executable, "-c", SLOW_RENAMES, str(inputs), str(outputs)], env=ENV,
                                 cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
                for inputs in runs.values()]
    for child in children:
        output = child.communicate(timeout=240)[0]
        assert child.returncode == 0, output

    month = outputs / "2012-05"
    files = sorted(p.name for p in month.iterdir())
    appendices = [name for name in files if name.startswith("Appendix ")]
    owners = {name.split(" - ")[1].split()[0] for name in appendices}
    assert len(owners) == 1, files  # every appendix from the same run
    [owner] = owners
    assert files == sorted([f"Appendix B - {owner} adults - 2012-05.xlsx",
                            f"Appendix C - {owner} children - 2012-05.xlsx", "Email to members - 2012-05.eml",
                            "districts.csv", "results.csv", "validation_report.xlsx"])
    with open(month / "results.csv", encoding="utf-8", newline="") as handle:
        values = {row["value"] for row in csv.DictReader(handle)}
    assert values == {"80.0" if owner == "Alpha" else "60.0"}, values
    for name in appendices:
        assert owner in _titles_in(month / name)


KILLED_WHILE_WRITING = textwrap.dedent("""
    import sys, time
    import fscxl.pipeline as pipeline
    def slow(report, path):
        path.write_text("half", encoding="utf-8")
        print("WRITING", flush=True)
        time.sleep(120)
    pipeline.write_results_csv = slow
    from fscxl.cli import main
    main(["run", "--inputs", sys.argv[1], "--outputs", sys.argv[2]])
""")


def _children_of(pid: int) -> list[int]:
    found = []
    for task in Path(f"/proc/{pid}/task").iterdir():
        found.extend(int(p) for p in (task / "children").read_text().split())
    return found


def _alive(pid: int) -> bool:
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except FileNotFoundError:
        return False
    return "\nState:\tZ" not in status  # a zombie has ended; only its exit status is left


@pytest.mark.slow
@pytest.mark.skipif(not Path("/proc/self/task").is_dir(), reason="lists child processes through Linux's /proc")
def test_a_killed_run_leaves_no_process_and_the_next_run_no_staging_folder(tmp_path):
    inputs, outputs = _inputs(tmp_path, "Alpha", 8), tmp_path / "outputs"
    child = subprocess.Popen([sys.executable, "-c", KILLED_WHILE_WRITING, str(inputs), str(outputs)],
                             env=ENV, cwd=tmp_path, stdout=subprocess.PIPE)
    try:
        assert child.stdout.readline().strip() == b"WRITING"
        workers = _children_of(child.pid)
        assert workers, "the returns were read in worker processes"
    finally:
        child.kill()  # the run alone, as when its window is closed: not its workers
        child.wait(timeout=30)
        child.stdout.close()
    deadline = time.monotonic() + 10
    while any(map(_alive, workers)) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not [pid for pid in workers if _alive(pid)], "worker processes outlived the killed run"
    assert list(outputs.rglob(".fscxl-staging-*")), "the kill left a staging folder for the next run"

    again = subprocess.run([sys.executable, "-m", "fscxl", "run", "--inputs", str(inputs), "--outputs",
                            str(outputs)], env=ENV, cwd=tmp_path, capture_output=True, text=True, timeout=120)
    assert again.returncode == 0, again.stdout + again.stderr
    assert not [p for p in outputs.rglob("*") if p.name.startswith(".fscxl")]  # no staging, no lock
    assert (outputs / "2012-05" / "results.csv").read_text(encoding="utf-8") != "half"

