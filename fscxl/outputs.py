"""Writing a run's files whole or not at all, without ever damaging an earlier good output.

Every file is first written into a staging folder beside its destination and checked;
only when all of them are written are they moved into place, each by an atomic rename.
"""

from __future__ import annotations

import os
import shutil
import tempfile
import zipfile
from collections.abc import Callable
from pathlib import Path

from fscxl.errors import OutputError

Writer = Callable[[Path], None]


def _check(path: Path) -> None:
    """A workbook must reopen as a complete zip; any file must be non-empty."""
    if path.stat().st_size == 0:
        raise OutputError(f"{path.name} came out empty")
    if path.suffix.lower() == ".xlsx":
        with zipfile.ZipFile(path) as archive:
            bad = archive.testzip()
            if bad is not None or "xl/workbook.xml" not in archive.namelist():
                raise OutputError(f"{path.name} did not write completely")


def write_all(folder: Path, writers: dict[str, Writer]) -> list[Path]:
    """Write every named file into `folder`; all of them, or (on any failure) none."""
    folder.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".fscxl-staging-", dir=folder))
    try:
        for name, writer in writers.items():
            target = staging / name
            writer(target)
            _check(target)
        written = []
        for name in writers:
            destination = folder / name
            os.replace(staging / name, destination)
            written.append(destination)
        return written
    finally:
        shutil.rmtree(staging, ignore_errors=True)
