"""Thousands of bad rows do not flood the console: at most 20 lines per check, the report has them all."""

from __future__ import annotations

import subprocess
import sys

import openpyxl
from builders import simple_inputs
from contract_helpers import invoke

from fscxl.cli import SHOWN_PER_CHECK


def test_repeated_problems_are_capped_per_check_on_the_console(tmp_path):
    count = 14
    series = {f"X{i:03d}": ["n/a"] * count for i in range(30)}  # 420 cells of one kind of error
    inputs = simple_inputs(tmp_path, series={"NUM": [8] * count, "DEN": [10] * count, **series})
    result = invoke("validate", "--inputs", inputs, "--outputs", tmp_path / "out")
    assert result.exit_code == 1
    shown = [line for line in result.output.splitlines() if "found 'n/a'" in line]
    assert len(shown) == SHOWN_PER_CHECK == 20
    assert "and 400 more like these" in result.output and "validation report" in result.output
    book = openpyxl.load_workbook(tmp_path / "out" / "validation_report.xlsx", read_only=True)
    listed = sum(1 for row in book["Problems"].iter_rows(values_only=True)
                 if any(isinstance(v, str) and "found 'n/a'" in v for v in row))
    assert listed == 420


def test_a_python_older_than_python_requires_gets_a_plain_message():
    older = "import sys; sys.version_info = (3, 8, 10); import fscxl"
    result = subprocess.run([sys.executable, "-c", older], capture_output=True, text=True, timeout=60)
    assert result.returncode == 2
    assert "fscxl needs Python 3.10 or later, and this is Python 3.8.10" in result.stderr
    assert "Traceback" not in result.stderr
