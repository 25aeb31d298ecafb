"""Outputs are written whole or not at all, and an open workbook is never lost or deleted."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest
import xlsxwriter

from fscxl.app import outputs
from fscxl.app.outputs import STAGING_PREFIX, beside_name, clean_stale_staging, write_all
from fscxl.model.errors import OutputError


def _workbook(text: str):
    def write(path: Path) -> None:
        book = xlsxwriter.Workbook(str(path))
        book.add_worksheet("Sheet").write_string(0, 0, text)
        book.close()
    return write


def _text(text: str):
    return lambda path: path.write_text(text, encoding="utf-8")


def test_writes_every_file_and_leaves_no_staging_folder(tmp_path):
    written = write_all(tmp_path, {"a.xlsx": _workbook("new"), "b.csv": _text("x\n")})
    assert [p.name for p in written.files] == ["a.xlsx", "b.csv"]
    assert written.beside == {}
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.xlsx", "b.csv"]


def test_a_failing_writer_changes_nothing(tmp_path):
    write_all(tmp_path, {"a.xlsx": _workbook("old"), "b.csv": _text("old\n")})
    before = {p.name: p.read_bytes() for p in tmp_path.iterdir()}

    def broken(path: Path) -> None:
        path.write_bytes(b"half a file")
        raise RuntimeError("disk full")

    with pytest.raises(RuntimeError):
        write_all(tmp_path, {"a.xlsx": _workbook("new"), "b.csv": broken})
    assert {p.name: p.read_bytes() for p in tmp_path.iterdir()} == before


def test_a_workbook_that_does_not_reopen_is_refused(tmp_path):
    write_all(tmp_path, {"a.xlsx": _workbook("old")})
    before = (tmp_path / "a.xlsx").read_bytes()

    def truncated(path: Path) -> None:
        _workbook("new")(path)
        data = path.read_bytes()
        path.write_bytes(data[: len(data) // 2])

    with pytest.raises(OutputError, match="did not write completely"):
        write_all(tmp_path, {"a.xlsx": truncated})
    assert (tmp_path / "a.xlsx").read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["a.xlsx"]


def test_an_open_workbook_is_kept_and_the_new_one_saved_beside_it(tmp_path, monkeypatch):
    write_all(tmp_path, {"Appendix C - 2012-05.xlsx": _workbook("old"), "results.csv": _text("old\n")})
    old_bytes = (tmp_path / "Appendix C - 2012-05.xlsx").read_bytes()
    real_replace = os.replace

    def replace(source, destination):
        if Path(destination).name == "Appendix C - 2012-05.xlsx":
            raise PermissionError(13, "The process cannot access the file")
        return real_replace(source, destination)

    monkeypatch.setattr(outputs.os, "replace", replace)
    written = write_all(tmp_path, {"Appendix C - 2012-05.xlsx": _workbook("new"),
                                   "results.csv": _text("new\n")})
    assert (tmp_path / "Appendix C - 2012-05.xlsx").read_bytes() == old_bytes
    assert (tmp_path / "results.csv").read_text() == "new\n"
    [(new, old)] = written.beside.items()
    assert old == tmp_path / "Appendix C - 2012-05.xlsx"
    assert new.name.startswith("Appendix C - 2012-05 (written ") and new.suffix == ".xlsx"
    assert new.exists() and new.read_bytes() != old_bytes
    assert new in written.files


def test_beside_names_never_overwrite(tmp_path):
    import datetime as dt

    when = dt.datetime(2012, 7, 3, 14, 5)
    first = beside_name(tmp_path / "X - 2012-05.xlsx", when)
    assert first.name == "X - 2012-05 (written 2012-07-03 1405).xlsx"
    first.write_bytes(b"taken")
    assert beside_name(tmp_path / "X - 2012-05.xlsx", when).name == "X - 2012-05 (written 2012-07-03 1405 2).xlsx"


def test_stale_staging_folders_are_cleaned_but_fresh_ones_kept(tmp_path):
    stale = tmp_path / f"{STAGING_PREFIX}old"
    fresh = tmp_path / f"{STAGING_PREFIX}new"
    for folder in (stale, fresh):
        folder.mkdir()
        (folder / "half.xlsx").write_bytes(b"x")
    two_days_ago = time.time() - 2 * 24 * 3600
    os.utime(stale, (two_days_ago, two_days_ago))
    assert clean_stale_staging(tmp_path) == [stale]
    assert fresh.exists() and not stale.exists()


def test_write_all_cleans_stale_staging_in_the_month_folder_and_its_parent(tmp_path):
    month = tmp_path / "2012-05"
    month.mkdir()
    leftovers = [tmp_path / f"{STAGING_PREFIX}a", month / f"{STAGING_PREFIX}b"]
    old = time.time() - 3 * 24 * 3600
    for folder in leftovers:
        folder.mkdir()
        os.utime(folder, (old, old))
    write_all(month, {"results.csv": _text("x\n")})
    assert not any(folder.exists() for folder in leftovers)
    assert [p.name for p in month.iterdir()] == ["results.csv"]
