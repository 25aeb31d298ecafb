"""The run's start-up promises in the README: the heavy libraries stay off its path."""

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

PROBE = """
import sys, runpy
sys.argv = ["fscxl", *sys.argv[1:]]
try:
    runpy.run_module("fscxl", run_name="__main__")
except SystemExit as done:
    code = done.code
heavy = sorted(m for m in ("pandas", "openpyxl") if m in sys.modules)
print("HEAVY:" + ",".join(heavy))
"""


@pytest.mark.slow
def test_a_run_imports_neither_pandas_nor_openpyxl(tmp_path):
    result = subprocess.run([sys.executable, "-c", PROBE, "run", "--inputs", str(ROOT / "inputs"),
                             "--outputs", str(tmp_path)], capture_output=True, text=True, cwd=ROOT,
                            timeout=120)
    assert "Wrote 3 workbook(s)" in result.stdout + result.stderr, result.stderr
    assert "HEAVY:\n" in result.stdout or result.stdout.rstrip().endswith("HEAVY:"), result.stdout
