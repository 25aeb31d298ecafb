"""Writing a run's files whole or not at all, without ever damaging an earlier good output.

Every file is first written into a hidden staging folder beside its destination and
reopened to check it; only when all of them are written and checked are they moved
into place, each by an atomic rename. A destination that cannot be replaced (on
Windows: the workbook is open in Excel) is left alone and the new file is kept beside
it under a time-stamped name, so nothing is lost either way.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import sys
import tempfile
import time
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from fscxl.model.errors import OutputError

Writer = Callable[[Path], None]


STAGING_PREFIX = ".fscxl-staging-"
STALE_AFTER_SECONDS = 24 * 60 * 60


@dataclass
class Written:
    """What a write put where: `files` in their places, `beside` new file -> the one left open."""

    files: list[Path] = field(default_factory=list)
    beside: dict[Path, Path] = field(default_factory=dict)


def _check(path: Path) -> None:
    """A file must be non-empty; a PDF complete; a workbook must reopen as a complete zip and as a workbook."""
    size = path.stat().st_size
    if size == 0:
        raise OutputError(f"{path.name} came out empty")
    if path.suffix.lower() == ".pdf":  # a PDF starts with its version and ends with its end-of-file mark
        with open(path, "rb") as handle:
            head = handle.read(5)
            handle.seek(max(0, size - 1024))
            if head != b"%PDF-" or b"%%EOF" not in handle.read():
                raise OutputError(f"{path.name} did not write completely")
        return
    if path.suffix.lower() != ".xlsx":
        return
    try:
        with zipfile.ZipFile(path) as archive:
            bad = archive.testzip()
            if bad is not None or "xl/workbook.xml" not in archive.namelist():
                raise OutputError(f"{path.name} did not write completely")
        import python_calamine  # light to import, unlike openpyxl; parses every sheet

        book = python_calamine.CalamineWorkbook.from_path(str(path))
        for name in book.sheet_names:
            book.get_sheet_by_name(name).to_python()
        book.close()
    except OutputError:
        raise
    except Exception as exc:  # any failure to reopen means the file is not fit to replace a good one
        raise OutputError(f"{path.name} did not write completely") from exc  # --verbose shows exc


def _hide(folder: Path) -> None:
    """On Windows a leading dot does not hide a folder; set the hidden attribute too."""
    if sys.platform != "win32":
        return
    try:
        import ctypes

        ctypes.windll.kernel32.SetFileAttributesW(str(folder), 0x02)  # FILE_ATTRIBUTE_HIDDEN
    except Exception:  # cosmetic only
        pass


def clean_stale_staging(folder: Path, older_than: float = STALE_AFTER_SECONDS) -> list[Path]:
    """Remove staging folders a killed run left behind (only those older than a day)."""
    removed = []
    if not folder.is_dir():
        return removed
    cutoff = time.time() - older_than
    for candidate in folder.iterdir():
        if candidate.name.startswith(STAGING_PREFIX) and candidate.is_dir():
            try:
                if candidate.stat().st_mtime < cutoff:
                    shutil.rmtree(candidate)
                    removed.append(candidate)
            except OSError:  # another run may be using it, or it is already gone
                continue
    return removed


def beside_name(destination: Path, when: dt.datetime | None = None) -> Path:
    """'X - 2012-05.xlsx' -> 'X - 2012-05 (written 2012-07-03 1405).xlsx', unused so far."""
    when = when or dt.datetime.now()
    stamp = f"written {when:%Y-%m-%d %H%M}"
    candidate = destination.with_name(f"{destination.stem} ({stamp}){destination.suffix}")
    number = 2
    while candidate.exists():
        candidate = destination.with_name(f"{destination.stem} ({stamp} {number}){destination.suffix}")
        number += 1
    return candidate


def _move_into_place(source: Path, destination: Path, written: Written) -> None:
    try:
        os.replace(source, destination)
        written.files.append(destination)
    except PermissionError:
        # Excel holds the old file open; never delete it, keep the new one beside it.
        aside = beside_name(destination)
        try:
            os.replace(source, aside)
        except OSError as exc:
            raise OutputError(f"{destination.name} is open in another program and the new version "
                              f"could not be saved beside it ({exc}). Close it and run again") from exc
        written.files.append(aside)
        written.beside[aside] = destination


def write_all(folder: Path, writers: dict[str, Writer], progress: Callable[[], None] | None = None,
              option: str = "--outputs") -> Written:
    """Write every named file into `folder`; all of them, or (on any failure) none.

    `option` is the command-line option that chooses the folder, for the messages.
    """
    in_the_way = next((p for p in (folder, *folder.parents) if p.exists() and not p.is_dir()), None)
    if in_the_way is not None:
        raise OutputError(f"cannot write the outputs into {folder}: {in_the_way} is a file, not a folder. "
                          f"Move or rename that file, or use {option} to choose another folder")
    made = not folder.exists()
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError(f"the folder {folder} cannot be created ({exc.strerror or exc}). "
                          f"Check that you can save files there, or use {option}") from exc
    try:
        return _write_into(folder, writers, progress, option)
    except BaseException:
        if made:  # not even an empty folder is left by a run that wrote nothing
            shutil.rmtree(folder, ignore_errors=True)
        raise


def _write_into(folder: Path, writers: dict[str, Writer], progress: Callable[[], None] | None,
                option: str) -> Written:
    for place in (folder, folder.parent):
        clean_stale_staging(place)
    try:
        staging = Path(tempfile.mkdtemp(prefix=STAGING_PREFIX, dir=folder))
    except OSError as exc:
        raise OutputError(f"cannot write in {folder} ({exc.strerror or exc}). "
                          f"Check that you can save files there, or use {option}") from exc
    _hide(staging)
    try:
        for name, writer in writers.items():
            writer(staging / name)
            _check(staging / name)
            if progress:
                progress()
        written = Written()
        for name in writers:
            _move_into_place(staging / name, folder / name, written)
        return written
    finally:
        shutil.rmtree(staging, ignore_errors=True)
