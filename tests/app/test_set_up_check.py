"""The double-click set-up trusts an environment only when its install finished and still imports."""

from __future__ import annotations

import os
import sys
import time

import pytest

from fscxl.app import bootstrap


@pytest.fixture
def environment(tmp_path, monkeypatch):
    """A stand-in environment folder (sys.prefix) and project folder with its metadata files."""
    monkeypatch.setattr(sys, "prefix", str(tmp_path / "venv"))
    (tmp_path / "venv").mkdir()
    project = tmp_path / "project"
    (project / "fscxl").mkdir(parents=True)
    for name in bootstrap.METADATA_FILES:
        (project / name).write_text("x", encoding="utf-8")
    old = time.time() - 3600
    for name in bootstrap.METADATA_FILES:
        os.utime(project / name, (old, old))
    return project


def _marker(*requirements: str) -> None:
    bootstrap.marker_path().write_text("fscxl set up; needs:\n" + "".join(f"{r}\n" for r in requirements),
                                       encoding="utf-8")


@pytest.mark.parametrize(("marker", "touched", "expected"), [
    (None, None, bootstrap.REBUILD),  # killed before the install finished
    (("click>=8.1", "python-calamine>=0.2.3"), None, bootstrap.READY),
    (("click>=8.1", "no-such-package-anywhere>=1"), None, bootstrap.REBUILD),  # half-installed
    ((), None, bootstrap.REBUILD),  # a marker cut short
    (("click>=8.1",), "setup.cfg", bootstrap.UPDATE),  # new dependencies to install
    (("click>=8.1",), "fscxl/__init__.py", bootstrap.UPDATE),  # a new version
    (("click>=8.1",), "README.md", bootstrap.READY),  # words only: nothing to install
])
def test_the_check_reads_the_marker_and_tries_every_import(environment, marker, touched, expected):
    if marker is not None:
        _marker(*marker)
    if touched:
        (environment / touched).write_text("changed", encoding="utf-8")
        later = time.time() + 60
        os.utime(environment / touched, (later, later))
    assert bootstrap.check(environment) == expected
