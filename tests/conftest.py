"""Fixtures many tests share: the command line run in-process, a small good inputs folder, the shipped inputs copied."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from builders import simple_inputs
from contract_helpers import invoke

PROJECT = Path(__file__).resolve().parent.parent


@pytest.fixture
def cli():
    """`cli("run", "--inputs", folder, ...)`: the fscxl command as an officer types it, run in-process.

    Arguments may be paths; the click result gives exit_code and output.
    """
    return invoke


@pytest.fixture
def inputs(tmp_path: Path) -> Path:
    """A small good inputs folder: one measure (M1), one return of NUM and DEN, April 2011 to May 2012."""
    return simple_inputs(tmp_path)


@pytest.fixture
def default_inputs(tmp_path: Path) -> Path:
    """A copy of the shipped inputs/ in tmp_path, free to change; the repository's own stays untouched."""
    return Path(shutil.copytree(PROJECT / "inputs", tmp_path / "inputs"))
