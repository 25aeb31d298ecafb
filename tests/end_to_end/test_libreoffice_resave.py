"""Every default input re-saved by LibreOffice gives the results the originals give.

Officers pass workbooks through LibreOffice as well as Excel; its files differ in many
small ways (shared strings, styles, empty-text formula results, dimensions).
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from fscxl.pipeline import run

DEFAULT_INPUTS = Path(__file__).resolve().parents[2] / "inputs"
SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")


def _results(inputs: Path, outputs: Path) -> str:
    return (run(inputs, outputs).folder / "results.csv").read_text(encoding="utf-8")


@pytest.mark.libreoffice
@pytest.mark.slow
@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) is not installed")
def test_a_libreoffice_resave_of_every_default_input_gives_identical_results(tmp_path):
    inputs = tmp_path / "inputs"
    shutil.copytree(DEFAULT_INPUTS, inputs)
    expected = _results(inputs, tmp_path / "outputs-original")
    workbooks = sorted(inputs.rglob("*.xlsx"))
    assert len(workbooks) >= 4
    resaved = tmp_path / "resaved"
    profile = (tmp_path / "profile").as_uri()
    done = subprocess.run([SOFFICE, f"-env:UserInstallation={profile}", "--headless", "--convert-to", "xlsx",
                           "--outdir", str(resaved), *map(str, workbooks)],
                          capture_output=True, text=True, timeout=300, check=False)
    assert done.returncode == 0, done.stderr
    for workbook in workbooks:
        copy = resaved / workbook.name
        assert copy.exists() and copy.read_bytes() != workbook.read_bytes(), workbook.name
        shutil.copyfile(copy, workbook)
    assert _results(inputs, tmp_path / "outputs-resaved") == expected
