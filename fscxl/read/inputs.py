"""Where the inputs are: the catalogue, the returns folder and the optional workbooks.

Names are matched case-insensitively, as Windows shares do not care about case; files
whose names start with `~$` (Excel's owner files) or `.` are skipped.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from fscxl.model.errors import UsageError

CATALOGUE = "measures.xlsx"
RETURNS = "returns"
COMMENTARY = "commentary.xlsx"
BUSINESS_PLAN = "business_plan.xlsx"


@dataclass(frozen=True)
class InputFiles:
    """The files a run reads; an optional file that is not there is None."""

    catalogue: Path | None
    returns_folder: Path
    returns: list[Path]
    commentary: Path | None
    business_plan: Path | None


def label_of(path: Path, inputs: Path) -> str:
    """How messages name a file: its path inside the inputs folder, e.g. returns/referrals.xlsx."""
    try:
        return path.relative_to(inputs).as_posix()
    except ValueError:
        return path.name


def _optional_file(inputs: Path, name: str) -> Path | None:
    for candidate in inputs.iterdir():
        if candidate.name.lower() == name and candidate.is_file():
            return candidate
    return None


def find_return_files(folder: Path) -> list[Path]:
    """Every .xlsx under returns/ (subfolders too), skipping Excel owner files and dot files."""
    if not folder.is_dir():
        return []
    found = []
    for path in sorted(folder.rglob("*")):
        relative = path.relative_to(folder)
        if any(part.startswith((".", "~$")) for part in relative.parts):
            continue
        if path.is_file() and path.suffix.lower() == ".xlsx":
            found.append(path)
    return found


def find_inputs(inputs: Path) -> InputFiles:
    """The input files in the inputs folder. Raises UsageError when it is not a folder."""
    if not inputs.is_dir():
        what = "is a file, not a folder" if inputs.exists() else "does not exist"
        raise UsageError(f"the inputs folder '{inputs}' {what}. "
                         f"Use --inputs to say where {CATALOGUE} and {RETURNS}/ are.")
    returns_folder = next((p for p in inputs.iterdir() if p.name.lower() == RETURNS and p.is_dir()),
                          inputs / RETURNS)
    return InputFiles(_optional_file(inputs, CATALOGUE), returns_folder, find_return_files(returns_folder),
                      _optional_file(inputs, COMMENTARY), _optional_file(inputs, BUSINESS_PLAN))
