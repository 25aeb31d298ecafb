"""Hostile and damaged workbooks among good ones: each is named, none takes the run down.

Every run here is a real `fscxl` process limited to 1 GB of address space and a
10-second timeout, as an officer's machine would run it.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from builders import simple_inputs
from hostile_files import HOSTILE

ROOT = Path(__file__).resolve().parent.parent
LIMIT_BYTES = 1024**3
TIMEOUT_SECONDS = 10

_LIMITED = (
    "import resource, sys, runpy\n"
    f"resource.setrlimit(resource.RLIMIT_AS, ({LIMIT_BYTES}, {LIMIT_BYTES}))\n"
    "sys.argv = ['fscxl', *sys.argv[1:]]\n"
    "runpy.run_module('fscxl', run_name='__main__')\n"
)


def fscxl(*args: str) -> subprocess.CompletedProcess:
    """Run fscxl in a child process capped at 1 GB and 10 seconds."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run([sys.executable, "-c", _LIMITED, *args], capture_output=True, text=True,
                          timeout=TIMEOUT_SECONDS, env=env, cwd=ROOT)


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*"))
            if p.is_file()}


@pytest.fixture(scope="module")
def good_run(tmp_path_factory):
    """Good inputs, run once: their outputs are what every rejection must leave alone."""
    root = tmp_path_factory.mktemp("good")
    inputs = simple_inputs(root)
    outputs = root / "outputs"
    result = fscxl("run", "--inputs", str(inputs), "--outputs", str(outputs))
    assert result.returncode == 0, result.stderr
    return inputs, outputs, _snapshot(outputs)


@pytest.mark.parametrize("name", list(HOSTILE))
def test_each_hostile_file_among_good_ones(tmp_path, good_run, name):
    good_inputs, good_outputs, before = good_run
    inputs = simple_inputs(tmp_path)
    # a second good return, with a problem of its own that must still be reported
    from builders import write_return

    write_return(inputs / "returns" / "other.xlsx", {"EXTRA": ["n/a"] + [1] * 13})
    maker, verdict, phrase = HOSTILE[name]
    bad = maker(inputs / "returns" / f"{name}.xlsx")
    label = f"returns/{bad.name}"

    result = fscxl("validate", "--inputs", str(inputs), "--outputs", str(tmp_path / "out"))
    output = result.stdout + result.stderr
    assert "Traceback" not in output
    assert "returns/other.xlsx" in output and "'n/a'" in output  # the other files are still read
    if verdict == "skip":
        assert bad.name not in output
    elif verdict == "accept":
        assert label not in output
    else:
        assert any(phrase in line for line in output.splitlines()), output
        errors, _, warnings = output.partition("\nWarnings (")
        if verdict == "reject":
            assert f"  {label}\n" in errors, output  # the message sits under the file's name
        else:
            assert f"  {label}\n" not in errors and f"  {label}\n" in warnings, output

    # a run over the same inputs must leave earlier outputs exactly as they were
    outputs = tmp_path / "outputs"
    import shutil

    shutil.copytree(good_outputs, outputs)
    run = fscxl("run", "--inputs", str(inputs), "--outputs", str(outputs))
    assert run.returncode == 1  # other.xlsx has an error whatever the hostile file does
    assert "Traceback" not in run.stdout + run.stderr
    after = _snapshot(outputs)
    assert {k: v for k, v in after.items() if k in before} == before


@pytest.mark.parametrize("name", ["measures.xlsx", "commentary.xlsx", "business_plan.xlsx"])
def test_the_other_input_workbooks_go_through_the_preflight_too(tmp_path, name):
    from hostile_files import html_renamed, stray_cell

    inputs = simple_inputs(tmp_path)
    html_renamed(inputs / name)
    result = fscxl("validate", "--inputs", str(inputs), "--outputs", str(tmp_path / "out"))
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert f"  {name}\n" in result.stderr and "web page" in result.stderr

    stray_cell(inputs / name)  # readable once the far cell is cut away, with a warning
    result = fscxl("validate", "--inputs", str(inputs), "--outputs", str(tmp_path / "out"))
    assert "XFD1048576" in result.stdout + result.stderr
