"""The progress line: shown on a terminal, silent otherwise, and fed by the pipeline."""

from __future__ import annotations

import io

from builders import write_return

from fscxl.app.progress import ProgressLine, stage
from fscxl.pipeline import run


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_line_rewrites_in_place_and_ends_the_line():
    stream = _Terminal()
    line = ProgressLine(stream)
    for done in range(1, 4):
        line("Reading returns", done, 3)
    assert stream.getvalue() == "\rReading returns 1/3\rReading returns 2/3\rReading returns 3/3\n"


def test_progress_line_is_quiet_when_not_a_terminal():
    stream = io.StringIO()
    ProgressLine(stream)("Reading returns", 1, 3)
    assert stream.getvalue() == ""


def test_stage_counts_steps():
    calls = []
    step = stage(lambda *args: calls.append(args), "Writing workbooks", 2)
    step()
    step()
    assert calls == [("Writing workbooks", 1, 2), ("Writing workbooks", 2, 2)]
    assert stage(None, "x", 3) is None


def test_run_reports_reading_and_writing(tmp_path, inputs):
    write_return(inputs / "returns" / "extra" / "other.xlsx", {"OTHER": [1] * 14})
    calls = []
    run(inputs, tmp_path / "outputs", progress=lambda *args: calls.append(args))
    assert ("Reading returns", 1, 2) in calls and ("Reading returns", 2, 2) in calls
    writing = [c for c in calls if c[0] == "Writing workbooks"]
    assert writing and writing[-1][1] == writing[-1][2]
