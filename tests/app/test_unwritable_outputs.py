"""Outputs that cannot be written exit 3 with the system's reason, and never blame the inputs."""

from __future__ import annotations

import errno
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import xlsxwriter
from builders import simple_inputs
from contract_helpers import invoke

import fscxl.pipeline as pipeline

EXIT_NOT_WRITTEN = 3


def _mount(folder: Path, options: str) -> str | None:
    """Mount a small tmpfs on `folder`; the reason it cannot be done, or None."""
    if sys.platform != "linux" or os.geteuid() != 0 or shutil.which("mount") is None:
        return "needs root on Linux to mount a small tmpfs"
    folder.mkdir(parents=True, exist_ok=True)
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", options, "tmpfs", str(folder)],
                          capture_output=True, text=True)
    return None if done.returncode == 0 else f"cannot mount a tmpfs here: {done.stderr.strip()}"


@pytest.fixture
def read_only_outputs(tmp_path):
    """A read-only outputs folder: a read-only tmpfs as root (who may write anywhere), else chmod."""
    folder = tmp_path / "outputs"
    if sys.platform == "linux" and os.geteuid() == 0:
        reason = _mount(folder, "ro,size=64k")
        if reason:
            pytest.skip(reason)
        yield folder
        subprocess.run(["umount", "--lazy", str(folder)], check=False)
        return
    if sys.platform == "win32":
        pytest.skip("read-only folders are not made with chmod on Windows")
    folder.mkdir()
    folder.chmod(0o555)
    yield folder
    folder.chmod(0o755)


@pytest.fixture
def full_outputs(tmp_path):
    """An outputs folder on a small tmpfs, filled but for 8 KB: too little for a month's workbooks."""
    folder = tmp_path / "outputs"
    reason = _mount(folder, "size=64k")
    if reason:
        pytest.skip(reason)
    (folder / "filler").write_bytes(b"0" * (56 * 1024))
    yield folder
    subprocess.run(["umount", "--lazy", str(folder)], check=False)


def _assert_not_written(result, words: str) -> None:
    assert result.exit_code == EXIT_NOT_WRITTEN, result.output
    assert "could not be written" in result.output and words in result.output
    assert "Fix the errors" not in result.output and "Traceback" not in result.output


def test_a_read_only_outputs_folder_exits_3_saying_so(tmp_path, read_only_outputs):
    result = invoke("run", "--inputs", simple_inputs(tmp_path), "--outputs", read_only_outputs)
    _assert_not_written(result, "permission")


def test_a_full_disk_exits_3_saying_so_and_leaves_nothing_half_written(tmp_path, full_outputs):
    result = invoke("run", "--inputs", simple_inputs(tmp_path), "--outputs", full_outputs)
    _assert_not_written(result, "disk is full")
    assert [p.name for p in full_outputs.iterdir()] == ["filler"]


def test_xlsxwriters_write_failure_keeps_the_systems_reason(tmp_path, monkeypatch):
    def no_space(self):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(xlsxwriter.Workbook, "_store_workbook", no_space)
    result = invoke("run", "--inputs", simple_inputs(tmp_path), "--outputs", tmp_path / "outputs")
    _assert_not_written(result, "disk is full")


def test_a_path_too_long_exits_3_saying_so(tmp_path):
    outputs = tmp_path / ("x" * 300)
    result = invoke("run", "--inputs", simple_inputs(tmp_path), "--outputs", outputs)
    _assert_not_written(result, "too long")


def test_ctrl_c_while_writing_exits_3_and_leaves_the_earlier_outputs(tmp_path, monkeypatch):
    inputs, outputs = simple_inputs(tmp_path), tmp_path / "outputs"
    assert invoke("run", "--inputs", inputs, "--outputs", outputs).exit_code == 0
    before = {p.relative_to(outputs): p.read_bytes() for p in outputs.rglob("*") if p.is_file()}

    def interrupted(report, path):
        raise KeyboardInterrupt

    monkeypatch.setattr(pipeline, "write_results_csv", interrupted)
    result = invoke("run", "--inputs", inputs, "--outputs", outputs)
    assert result.exit_code == EXIT_NOT_WRITTEN, result.output
    assert "interrupted" in result.output and "Traceback" not in result.output
    after = {p.relative_to(outputs): p.read_bytes() for p in outputs.rglob("*") if p.is_file()}
    assert after == before


def test_a_failing_top_level_report_after_the_month_is_in_place_says_the_month_was_written(tmp_path,
                                                                                          monkeypatch):
    bad = simple_inputs(tmp_path / "bad", series={"NUM": [8] * 13 + ["n/a"], "DEN": [10] * 14})
    outputs = tmp_path / "outputs"
    assert invoke("run", "--inputs", bad, "--outputs", outputs).exit_code == 1  # a stale report
    good = simple_inputs(tmp_path / "good")
    real = pipeline.write_report

    def refused(problems, inputs, where):
        if where == outputs:
            raise pipeline.OutputError("validation_report.xlsx is open in another program")
        return real(problems, inputs, where)

    monkeypatch.setattr(pipeline, "write_report", refused)
    result = invoke("run", "--inputs", good, "--outputs", outputs)
    assert result.exit_code == 0, result.output
    assert "nothing was changed" not in result.output
    assert (outputs / "2012-05" / "results.csv").exists()
    assert not (outputs / "validation_report.xlsx").exists()  # the stale one would mislead
