"""Nothing lost: a failed or killed run leaves every earlier output and every input as it was."""

from __future__ import annotations

import hashlib
import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import openpyxl
import pytest

from fscxl.app.outputs import STAGING_PREFIX

PROJECT = Path(__file__).resolve().parents[2]


def snapshot(folder: Path) -> dict[str, tuple[bytes, int]]:
    """Every file an officer can see under `folder`: its bytes and modification time."""
    return {p.relative_to(folder).as_posix(): (p.read_bytes(), p.stat().st_mtime_ns)
            for p in sorted(folder.rglob("*"))
            if p.is_file() and not any(part.startswith(".") for part in p.relative_to(folder).parts)}


def hashes(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def visible_dirs(folder: Path) -> list[str]:
    return [p.relative_to(folder).as_posix() for p in folder.rglob("*")
            if p.is_dir() and not p.name.startswith(".")]


def test_a_run_with_errors_leaves_earlier_outputs_byte_for_byte(tmp_path, inputs, cli):
    outputs = tmp_path / "outputs"
    assert cli("run", "--inputs", inputs, "--outputs", outputs).exit_code == 0
    before = snapshot(outputs)
    assert "2012-05/results.csv" in before

    book = openpyxl.load_workbook(inputs / "returns" / "return.xlsx")
    book["Return"]["P4"] = "c"  # May-12's figure suppressed: an error
    book.save(inputs / "returns" / "return.xlsx")
    result = cli("run", "--inputs", inputs, "--outputs", outputs)
    assert result.exit_code == 1

    after = snapshot(outputs)
    assert after.pop("validation_report.xlsx")
    assert after == before
    report = openpyxl.load_workbook(outputs / "validation_report.xlsx")
    cells = [c.value for sheet in report.worksheets for row in sheet.iter_rows() for c in row]
    assert "P4" in cells and "returns/return.xlsx" in cells  # the report names the cell to put right
    assert not any(p.name.startswith(STAGING_PREFIX) for p in outputs.rglob("*"))


def test_inputs_are_never_modified(tmp_path, inputs, cli):
    before = hashes(inputs)
    assert cli("run", "--inputs", inputs, "--outputs", tmp_path / "outputs").exit_code == 0
    cli("validate", "--inputs", inputs, "--outputs", tmp_path / "outputs")
    assert hashes(inputs) == before


def test_a_renderer_failing_halfway_leaves_the_earlier_output(tmp_path, monkeypatch, inputs, cli):
    outputs = tmp_path / "outputs"
    assert cli("run", "--inputs", inputs, "--outputs", outputs).exit_code == 0
    before = snapshot(outputs)

    import fscxl.pipeline as results_csv  # the pipeline's own name for the writer

    def halfway(report, path):
        path.write_text("scorecard,area\nChildren,", encoding="utf-8")
        raise OSError("the network share went away")

    monkeypatch.setattr(results_csv, "write_results_csv", halfway)
    result = cli("run", "--inputs", inputs, "--outputs", outputs)
    assert result.exit_code == 3
    assert "Traceback" not in result.output and "went away" in result.output
    assert snapshot(outputs) == before
    assert visible_dirs(outputs) == ["2012-05"]
    assert not any(p.name.startswith(STAGING_PREFIX) for p in outputs.rglob("*"))


KILLED_RUN = textwrap.dedent("""
    import sys, time
    from pathlib import Path
    import fscxl.pipeline as results_csv  # the pipeline's own name for the writer

    def slow(report, path):
        path.write_text("scorecard,area\\nChildren,", encoding="utf-8")
        print("WRITING", flush=True)
        time.sleep(60)

    results_csv.write_results_csv = slow
    from fscxl.pipeline import run
    run(Path(sys.argv[1]), Path(sys.argv[2]))
""")


@pytest.mark.slow
@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="SIGKILL is POSIX only")
def test_a_run_killed_while_writing_leaves_the_earlier_output(tmp_path, inputs, cli):
    outputs = tmp_path / "outputs"
    assert cli("run", "--inputs", inputs, "--outputs", outputs).exit_code == 0
    before = snapshot(outputs)

    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(PROJECT), os.environ.get("PYTHONPATH", "")])}
    # its own process group: the kill takes the run and its worker processes together, as
    # closing the console window does, and nothing of it can still be writing afterwards
    child = subprocess.Popen([sys.executable, "-c", KILLED_RUN, str(inputs), str(outputs)],
                             stdout=subprocess.PIPE, env=env, cwd=tmp_path, start_new_session=True)
    try:
        assert child.stdout.readline().strip() == b"WRITING"
    finally:
        os.killpg(child.pid, signal.SIGKILL)
        child.wait(timeout=30)
        child.stdout.close()
    assert child.returncode == -signal.SIGKILL
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:  # the workers are reaped by init, not by this test
        try:
            os.killpg(child.pid, 0)
        except ProcessLookupError:
            break
        time.sleep(0.05)

    assert snapshot(outputs) == before  # the half-written file is only in the hidden staging folder
    assert visible_dirs(outputs) == ["2012-05"]
    leftovers = [p for p in (outputs / "2012-05").iterdir() if p.name.startswith(STAGING_PREFIX)]
    assert len(leftovers) == 1

    # the next run, a day later, tidies it away and writes as usual
    old = leftovers[0].stat().st_mtime - 2 * 24 * 3600
    os.utime(leftovers[0], (old, old))
    assert cli("run", "--inputs", inputs, "--outputs", outputs).exit_code == 0
    assert not any(p.name.startswith(STAGING_PREFIX) for p in outputs.rglob("*"))
