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


def _listing(folder: Path) -> dict[str, tuple[int, int]]:
    return {p.relative_to(folder).as_posix(): (p.stat().st_size, p.stat().st_mtime_ns)
            for p in sorted(folder.rglob("*"))} if folder.is_dir() else {}


@pytest.fixture(scope="session", autouse=True)
def repository_outputs_untouched():
    """Tests write into tmp_path only: the officers' own outputs/ folder is the same after the run."""
    before = _listing(PROJECT / "outputs")
    yield
    assert _listing(PROJECT / "outputs") == before, "a test wrote into the repository's outputs/ folder"
