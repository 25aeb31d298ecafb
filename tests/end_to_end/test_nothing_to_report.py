"""A run whose returns hold no figure at all stops with one error, named by its check."""

from __future__ import annotations

from builders import simple_inputs
from contract_helpers import invoke, reported_problems


def test_returns_with_no_figure_stop_the_run_with_one_error(tmp_path):
    inputs = simple_inputs(tmp_path, series={"NUM": [None] * 14, "DEN": [None] * 14})
    result = invoke("run", "--inputs", inputs, "--outputs", tmp_path / "out")
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    assert reported_problems(tmp_path / "out") == [("RUN03", "returns", "", "")]
    assert not (tmp_path / "out" / "2012-05").exists()
