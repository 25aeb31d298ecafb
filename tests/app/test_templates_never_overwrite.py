"""templates never replaces an officer's workbook unless --force is given (contract section 8, v2)."""

from __future__ import annotations

import shutil
from pathlib import Path

from contract_helpers import invoke

ROOT = Path(__file__).resolve().parents[2]
EXIT_USAGE = 2


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_templates_into_the_inputs_folder_leave_every_workbook_byte_identical(tmp_path):
    inputs = tmp_path / "inputs"
    shutil.copytree(ROOT / "inputs", inputs)
    before = _snapshot(inputs)
    result = invoke("templates", "--year", "2013/14", "--inputs", inputs, "--out", inputs)
    assert result.exit_code == EXIT_USAGE, result.output
    assert "--force" in result.output and "measures.xlsx" in result.output
    assert "Traceback" not in result.output
    assert _snapshot(inputs) == before


def test_templates_with_force_replace_them(tmp_path):
    inputs, out = tmp_path / "inputs", tmp_path / "blank"
    shutil.copytree(ROOT / "inputs", inputs)
    assert invoke("templates", "--year", "2013/14", "--inputs", inputs, "--out", out).exit_code == 0
    (out / "measures.xlsx").write_bytes(b"an officer's edits")
    refused = invoke("templates", "--year", "2013/14", "--inputs", inputs, "--out", out)
    assert refused.exit_code == EXIT_USAGE and (out / "measures.xlsx").read_bytes() == b"an officer's edits"
    forced = invoke("templates", "--year", "2013/14", "--inputs", inputs, "--out", out, "--force")
    assert forced.exit_code == 0, forced.output
    assert (out / "measures.xlsx").read_bytes()[:2] == b"PK"
