"""A run draws every workbook whole, and python -m fscxl says and does what the command does."""

from __future__ import annotations

import os
import zipfile
from pathlib import Path

import pytest
import xlsxwriter
from render_inputs import build_inputs

from fscxl import pipeline


def _workbook(text: str, path: Path) -> None:
    book = xlsxwriter.Workbook(str(path))
    book.add_worksheet("Sheet").write_string(0, 0, text)
    book.close()


def test_a_run_draws_every_workbook_and_reopens_it(tmp_path):
    inputs = build_inputs(tmp_path)
    summary = pipeline.run(inputs, tmp_path / "outputs")
    names = sorted(p.name for p in summary.written)
    assert len([n for n in names if n.startswith("Appendix")]) == 3
    assert "results.csv" in names and "validation_report.xlsx" in names
    for path in summary.written:
        if path.suffix == ".xlsx":
            with zipfile.ZipFile(path) as archive:
                assert archive.testzip() is None


PROJECT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize("args", [
    ["run", "--inputs", "{inputs}", "--outputs", "{outputs}"],
    ["validate", "--inputs", "{inputs}", "--outputs", "{outputs}"],
    ["run", "--inputs", "{missing}"],
    ["run", "--month", "2012-13"],
    ["run", "--help"],
    ["--version"],
])
@pytest.mark.slow
def test_python_m_fscxl_says_and_does_what_the_command_does(tmp_path, args):
    import subprocess
    import sys

    from click.testing import CliRunner

    from fscxl.cli import main

    inputs = build_inputs(tmp_path)
    args = [a.format(inputs=inputs, outputs=tmp_path / "outputs", missing=tmp_path / "missing")
            for a in args]
    direct = CliRunner().invoke(main, args, prog_name="python -m fscxl")
    env = {**os.environ, "PYTHONPATH": str(PROJECT)}
    module = subprocess.run([sys.executable, "-m", "fscxl", *args], capture_output=True, text=True,
                            env=env, cwd=tmp_path, timeout=120)
    assert module.returncode == direct.exit_code
    assert "Traceback" not in module.stderr
    shown = (module.stdout + module.stderr).replace("\r", "")
    lines = [line for line in direct.output.splitlines() if "Validation report" not in line
             and not line.startswith("Wrote")]
    for line in lines:
        assert line in shown
