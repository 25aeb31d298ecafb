"""One run writes into an outputs folder at a time, and a month's files go in as one set."""

from __future__ import annotations

import errno
import json
import os
import socket
import subprocess
import sys

import pytest

from fscxl.app.outputs import (
    LOCK_NAME,
    STAGING_PREFIX,
    OutputLocked,
    lock_holder,
    plain_reason,
    recover,
    run_lock,
    write_all,
)


def _text(content: str):
    return lambda path: path.write_text(content, encoding="utf-8")


def _windows_error(winerror: int, filename: str) -> OSError:
    error = FileNotFoundError(errno.ENOENT, "The system cannot find the path specified", filename)
    error.winerror = winerror
    return error


def _dead_pid() -> int:
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


def test_a_second_run_is_refused_with_the_holders_machine_and_user(tmp_path):
    outputs = tmp_path / "outputs"
    outputs.mkdir()
    (outputs / LOCK_NAME).write_text(json.dumps({"host": socket.gethostname(), "user": "j.bloggs",
                                                 "pid": os.getppid(), "started": "2012-06-04T09:15:00"}))
    with pytest.raises(OutputLocked) as refused, run_lock(outputs, wait=0.3, waiting=None):
        pass
    assert "j.bloggs" in str(refused.value) and socket.gethostname() in str(refused.value)
    assert (outputs / LOCK_NAME).exists()  # another's lock is never removed while its process lives


@pytest.mark.parametrize("content", ["dead", "", "{not json"], ids=["holder gone", "empty", "cut short"])
def test_a_lock_whose_process_has_gone_is_taken_over(tmp_path, content):
    outputs = tmp_path / "outputs"
    outputs.mkdir()
    lock = outputs / LOCK_NAME
    if content == "dead":
        content = json.dumps({"host": socket.gethostname(), "user": "x", "pid": _dead_pid(), "started": ""})
    lock.write_text(content)
    old = lock.stat().st_mtime - 60
    os.utime(lock, (old, old))
    assert lock_holder(lock) is None
    with run_lock(outputs, wait=0.3, waiting=None):
        holder = lock_holder(lock)
        assert holder["pid"] == os.getpid() and holder["host"] == socket.gethostname()
    assert not lock.exists()


def test_a_set_killed_during_its_renames_is_finished_by_the_next_run(tmp_path):
    outputs = tmp_path / "outputs"
    month = outputs / "2012-05"
    with run_lock(outputs, waiting=None):
        write_all(month, {"a.xlsx.txt": _text("old a"), "b.txt": _text("old b"), "c.txt": _text("old c")})

    # a run killed after moving one of its files: its staging folder holds a ready set
    staging = month / f"{STAGING_PREFIX}killed"
    staging.mkdir()
    (month / "a.xlsx.txt").write_text("new a")
    (staging / "b.txt").write_text("new b")
    (staging / ".fscxl-set.txt").write_text("a.xlsx.txt\nb.txt\n--\nc.txt\n")
    # and one killed before its set was ready
    unready = month / f"{STAGING_PREFIX}unready"
    unready.mkdir()
    (unready / "a.xlsx.txt").write_text("half")

    with run_lock(outputs, waiting=None):
        contents = {p.name: p.read_text() for p in month.iterdir()}
    assert contents == {"a.xlsx.txt": "new a", "b.txt": "new b"}  # the killed run's set, whole


def test_files_of_the_earlier_set_this_one_replaces_are_removed_and_an_officers_own_stay(tmp_path):
    outputs = tmp_path / "outputs"
    month = outputs / "2012-05"
    appendix = lambda name: name.startswith("Appendix ")  # noqa: E731
    with run_lock(outputs, waiting=None):
        write_all(month, {"Appendix C - Old title.xlsx.txt": _text("1"), "results.csv": _text("1")},
                  replaces=appendix)
    (month / "my notes.txt").write_text("mine")
    with run_lock(outputs, waiting=None):
        write_all(month, {"Appendix C - New title.xlsx.txt": _text("2"), "results.csv": _text("2")},
                  replaces=appendix)
    assert sorted(p.name for p in month.iterdir()) == ["Appendix C - New title.xlsx.txt", "my notes.txt",
                                                        "results.csv"]


def test_recover_removes_every_staging_leftover_under_the_lock(tmp_path):
    outputs = tmp_path / "outputs"
    for place in (outputs, outputs / "2012-04", outputs / "2012-05"):
        (place / f"{STAGING_PREFIX}x").mkdir(parents=True)
        (place / f"{STAGING_PREFIX}x" / "big.xlsx").write_bytes(b"0" * 1000)
    recover(outputs)
    assert not [p for p in outputs.rglob(f"{STAGING_PREFIX}*")]


@pytest.mark.parametrize(("error", "words"), [
    (OSError(errno.ENOSPC, "No space left on device"), "disk is full"),
    (PermissionError(errno.EACCES, "Permission denied"), "permission"),
    (OSError(errno.EROFS, "Read-only file system"), "read-only"),
    (OSError(errno.ENAMETOOLONG, "File name too long"), "path is too long"),
    (_windows_error(3, "C:\\" + "x" * 270), "path is too long"),  # Windows without long paths
])
def test_the_operating_systems_reason_is_said_in_plain_words(error, words):
    """Also when a library wraps the system's error in its own (xlsxwriter's FileCreateError)."""
    assert words in plain_reason(error)
    wrapped = RuntimeError("the writer failed")
    wrapped.__cause__ = error
    assert words in plain_reason(wrapped)
