"""Workbooks drawn in the worker processes: the same workbooks, and still whole or not at all."""

from __future__ import annotations

import datetime as dt
import os
import pickle
import zipfile
from pathlib import Path

import pytest
import xlsxwriter
from render_inputs import build_inputs

from fscxl import pipeline
from fscxl.app.outputs import STAGING_PREFIX, InWorker, write_all
from fscxl.compute.results import Report, build_results
from fscxl.model.errors import OutputError
from fscxl.render.business_plan import write_business_plan
from fscxl.render.scorecard import write_scorecard


def _workbook(text: str, path: Path) -> None:
    book = xlsxwriter.Workbook(str(path))
    book.add_worksheet("Sheet").write_string(0, 0, text)
    book.close()


def _local(text: str):
    return lambda path: _workbook(text, path)


def _die(path: Path) -> None:
    path.write_bytes(b"half a file")
    os._exit(70)  # the worker stops abruptly, as if the operating system had killed it


def _refuse(what: str, path: Path) -> None:
    path.write_bytes(b"half a file")
    raise OutputError(f"could not write {what}")


def _files(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in folder.iterdir() if p.is_file()}


def _parts(path: Path) -> dict[str, bytes]:
    """A workbook's parts, less the one holding the time it was made."""
    with zipfile.ZipFile(path) as archive:
        return {name: archive.read(name) for name in archive.namelist() if name != "docProps/core.xml"}


def test_workbooks_drawn_in_workers_are_the_workbooks_drawn_here(tmp_path):
    inputs = build_inputs(tmp_path)
    loaded = pipeline.load(inputs)
    month = pipeline.reporting_month(loaded, None)
    results = build_results(loaded.catalogue, loaded.returns, month, loaded.problems)
    report = Report(month, loaded.catalogue, results, loaded.commentary, loaded.actions, loaded.problems,
                    dt.datetime(2012, 6, 4, 9, 30))
    names = pipeline.output_names(loaded.catalogue, month, with_business_plan=True)
    assert len(names) == 3  # two scorecards and Appendix A
    blob = pickle.dumps(report)
    cards = loaded.catalogue.scorecards
    write_all(tmp_path / "workers", {
        name: InWorker(pipeline._write_card, (blob, None if card is None else cards.index(card)))
        for name, card in names.items()})
    here = tmp_path / "here"
    here.mkdir()
    for name, card in names.items():
        if card is None:
            write_business_plan(report, here / name)
        else:
            write_scorecard(report, card, here / name)
    for name in names:
        assert _parts(tmp_path / "workers" / name) == _parts(here / name), name


def test_a_worker_dying_while_writing_leaves_the_earlier_outputs(tmp_path):
    write_all(tmp_path, {"a.xlsx": _local("old"), "b.xlsx": _local("old")})
    before = _files(tmp_path)
    with pytest.raises(OutputError, match="b.xlsx could not be written: the process writing it stopped"):
        write_all(tmp_path, {"a.xlsx": _local("new"), "b.xlsx": InWorker(_die)})
    assert _files(tmp_path) == before
    assert not any(p.name.startswith(STAGING_PREFIX) for p in tmp_path.iterdir())


def test_a_writer_failing_in_a_worker_gives_its_own_error_and_changes_nothing(tmp_path):
    write_all(tmp_path, {"a.xlsx": _local("old")})
    before = _files(tmp_path)
    with pytest.raises(OutputError, match="could not write the scorecard"):
        write_all(tmp_path, {"a.xlsx": InWorker(_refuse, ("the scorecard",)), "b.xlsx": _local("new")})
    assert _files(tmp_path) == before
    assert not any(p.name.startswith(STAGING_PREFIX) for p in tmp_path.iterdir())


def test_the_first_failure_in_writing_order_is_the_one_reported(tmp_path):
    def broken(path: Path) -> None:
        raise OutputError("could not write the second")

    with pytest.raises(OutputError, match="could not write the first"):
        write_all(tmp_path, {"a.xlsx": InWorker(_refuse, ("the first",)), "b.csv": broken})
    with pytest.raises(OutputError, match="could not write the second"):
        write_all(tmp_path, {"a.csv": broken, "b.xlsx": InWorker(_refuse, ("the first",))})
    assert list(tmp_path.iterdir()) == []


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


PROJECT = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize("args", [
    ["run", "--inputs", "{inputs}", "--outputs", "{outputs}"],
    ["validate", "--inputs", "{inputs}", "--outputs", "{outputs}"],
    ["run", "--inputs", "{missing}"],
    ["run", "--month", "2012-13"],
    ["run", "--help"],
    ["--version"],
])
def test_python_m_fscxl_starting_its_workers_early_says_and_does_what_the_command_does(tmp_path, args):
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
