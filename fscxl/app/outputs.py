"""Writing a run's files whole or not at all, without ever damaging an earlier good output.

Every file is first written into a hidden staging folder beside its destination and
reopened to check it; only when all of them are written and checked are they moved
into place, each by an atomic rename. A destination that cannot be replaced (on
Windows: the workbook is open in Excel) is left alone and the new file is kept beside
it under a time-stamped name, so nothing is lost either way.
"""

from __future__ import annotations

import datetime as dt
import errno
import getpass
import json
import os
import shutil
import socket
import sys
import tempfile
import time
import zipfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from fscxl.model.errors import OutputError

Writer = Callable[[Path], None]


STAGING_PREFIX = ".fscxl-staging-"
STALE_AFTER_SECONDS = 24 * 60 * 60
SET_LIST = ".fscxl-set.txt"  # in a staging folder, once the set is ready: its files, then those it replaces
LOCK_NAME = ".fscxl-lock"
LOCK_WAIT_SECONDS = 60.0  # how long a run waits for another one to finish writing
LOCK_FOREIGN_STALE_SECONDS = 12 * 60 * 60  # a lock from another machine whose process cannot be seen
WINDOWS_PATH_TOO_LONG = 206  # ERROR_FILENAME_EXCED_RANGE
WINDOWS_MAX_PATH = 260  # beyond it, without long paths enabled, Windows says "path not found"
WINDOWS_DISK_FULL = (39, 112)  # ERROR_HANDLE_DISK_FULL, ERROR_DISK_FULL

_held: dict[Path, int] = {}  # outputs folders this process holds the lock of -> depth


class OutputLocked(OutputError):
    """Another run is writing into the same outputs folder."""


def plain_reason(exc: BaseException) -> str:
    """The operating system's reason for a failed write, in words an officer can act on."""
    for cause in (exc, exc.__cause__, exc.__context__, *getattr(exc, "args", ())):
        if isinstance(cause, OSError):
            exc = cause
            break
    if not isinstance(exc, OSError):
        return str(exc) or type(exc).__name__
    number = exc.errno
    winerror = getattr(exc, "winerror", None)
    if number in (errno.ENOSPC, errno.EDQUOT) or winerror in WINDOWS_DISK_FULL:
        return "the disk is full (no space left): free some space or choose another folder"
    if number in (errno.EACCES, errno.EPERM, errno.EROFS) or isinstance(exc, PermissionError):
        return "you do not have permission to save files there (or the folder is read-only)"
    too_long_for_windows = (winerror in (2, 3) and len(str(exc.filename or "")) >= WINDOWS_MAX_PATH)
    if number == errno.ENAMETOOLONG or winerror == WINDOWS_PATH_TOO_LONG or too_long_for_windows:
        return "the path is too long: use a folder nearer the top of the drive"
    return exc.strerror or str(exc)


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


def clean_stale_staging(folder: Path, older_than: float = STALE_AFTER_SECONDS) -> list[Path]:
    """Finish or remove what killed runs left in `folder`: a staging folder whose set was
    ready is moved into place; any other is removed. Without the lock of the outputs folder
    another run may be using one, so only those older than `older_than` are touched."""
    removed: list[Path] = []
    if not folder.is_dir():
        return removed
    cutoff = time.time() - older_than
    for candidate in sorted(folder.iterdir()):
        if not (candidate.name.startswith(STAGING_PREFIX) and candidate.is_dir()):
            continue
        try:
            if candidate.stat().st_mtime >= cutoff:
                continue
            if (candidate / SET_LIST).is_file():
                _commit(candidate, folder, *_read_set(candidate / SET_LIST), Written())
            shutil.rmtree(candidate)
            removed.append(candidate)
        except OSError:  # another run may be using it, or it is already gone
            continue
    return removed


def recover(outputs: Path) -> list[Path]:
    """Under the lock: finish or remove every staging folder in `outputs` and its month folders."""
    removed = clean_stale_staging(outputs, older_than=-1)
    if outputs.is_dir():
        for folder in sorted(outputs.iterdir()):
            if folder.is_dir() and not folder.name.startswith("."):
                removed.extend(clean_stale_staging(folder, older_than=-1))
    return removed


def _read_set(path: Path) -> tuple[list[str], list[str]]:
    """(files of the set, earlier files it replaces) from a staging folder's list."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError:
        return [], []
    cut = lines.index("--") if "--" in lines else len(lines)
    return [n for n in lines[:cut] if n], [n for n in lines[cut + 1:] if n]


def _write_set(path: Path, names: list[str], replaced: list[str]) -> None:
    """Write the list whole, flushed to disk: its presence says the set is ready."""
    temporary = path.with_name(path.name + ".new")
    with open(temporary, "w", encoding="utf-8") as handle:
        handle.write("".join(f"{name}\n" for name in [*names, "--", *replaced]))
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(temporary, path)


def _commit(staging: Path, folder: Path, names: list[str], replaced: list[str], written: Written) -> None:
    """Move a ready set into place, then remove the earlier files it replaces.

    Safe to repeat: a file already moved is no longer in staging and is left alone.
    """
    for name in names:
        if (staging / name).exists():
            _move_into_place(staging / name, folder / name, written)
        elif (folder / name).exists() and folder / name not in written.files:
            written.files.append(folder / name)
    for name in replaced:
        try:
            (folder / name).unlink(missing_ok=True)
        except OSError:  # open in another program: it stays
            pass


def process_alive(pid: int) -> bool:
    """Whether a process of this machine is still running."""
    if sys.platform == "win32":
        import ctypes

        handle = ctypes.windll.kernel32.OpenProcess(0x1000, False, pid)  # PROCESS_QUERY_LIMITED_INFORMATION
        if not handle:
            return False
        code = ctypes.c_ulong()
        ctypes.windll.kernel32.GetExitCodeProcess(handle, ctypes.byref(code))
        ctypes.windll.kernel32.CloseHandle(handle)
        return code.value == 259  # STILL_ACTIVE
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # alive, but another user's
        return True
    return True


def lock_holder(lock: Path) -> dict | None:
    """Who holds the lock (host, user, pid, started), or None if it is free or stale."""
    try:
        text = lock.read_text(encoding="utf-8")
        age = time.time() - lock.stat().st_mtime
    except FileNotFoundError:
        return None
    except OSError:
        return {"host": "another computer", "user": "someone", "pid": 0, "started": ""}
    try:
        holder = json.loads(text)
        pid = int(holder["pid"])
    except (ValueError, KeyError, TypeError):
        # a holder killed while writing the lock leaves it empty or cut short
        return None if age > 10 else {"host": "another computer", "user": "someone", "pid": 0, "started": ""}
    if holder.get("host") == socket.gethostname():
        return holder if process_alive(pid) else None
    return holder if age < LOCK_FOREIGN_STALE_SECONDS else None


def _take_lock(lock: Path) -> bool:
    me = {"host": socket.gethostname(), "user": _user(), "pid": os.getpid(),
          "started": dt.datetime.now().isoformat(timespec="seconds")}
    try:
        handle = os.open(lock, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
    except FileExistsError:
        return False
    with os.fdopen(handle, "w", encoding="utf-8") as out:
        json.dump(me, out)
    return True


def _user() -> str:
    try:
        return getpass.getuser()
    except Exception:  # no user name in the environment: not worth failing a run for
        return "unknown user"


def say_waiting(holder: dict) -> None:
    """Tell the officer why nothing seems to happen while another run writes."""
    print(f"\nAnother run ({holder.get('user')} on {holder.get('host')}) is writing into the outputs "
          f"folder: waiting up to {LOCK_WAIT_SECONDS:.0f} seconds for it to finish...", file=sys.stderr)


@contextmanager
def run_lock(outputs: Path, wait: float = LOCK_WAIT_SECONDS, option: str = "--outputs",
             waiting: Callable[[dict], None] | None = say_waiting) -> Iterator[None]:
    """Hold the outputs folder's lock: one run writes there at a time.

    A second run waits up to `wait` seconds (`waiting(holder)` is told once), then gives
    up with a message naming the machine and user holding it. A lock whose process has
    gone is taken over. Once taken, what killed runs left behind is finished or removed.
    """
    key = outputs.absolute()
    if key in _held:  # the same run writing its second file set
        _held[key] += 1
        try:
            yield
        finally:
            _held[key] -= 1
        return
    made = make_folder(outputs, option)
    lock = outputs / LOCK_NAME
    deadline = time.monotonic() + wait
    told = False
    while True:
        try:
            if _take_lock(lock):
                break
        except OSError as exc:
            raise OutputError(f"cannot write in {outputs}: {plain_reason(exc)}. "
                              f"Check that you can save files there, or use {option}") from exc
        holder = lock_holder(lock)
        if holder is None:  # its process has gone: remove it and try again
            try:
                lock.unlink(missing_ok=True)
            except OSError:
                pass
            continue
        if time.monotonic() >= deadline:
            raise OutputLocked(
                f"another run is writing into {outputs}: started {holder.get('started') or 'recently'} by "
                f"{holder.get('user')} on {holder.get('host')}. Wait for it to finish and run again. "
                f"If nobody is running fscxl, delete the file {lock} and run again")
        if waiting and not told:
            waiting(holder)
            told = True
        time.sleep(0.2)
    _held[key] = 1
    _hide(lock)
    try:
        recover(outputs)
        yield
    finally:
        del _held[key]
        try:
            lock.unlink(missing_ok=True)
            if made:
                outputs.rmdir()  # only if empty: a run that wrote nothing leaves no folder
        except OSError:
            pass


def _locked(folder: Path) -> bool:
    folder = folder.absolute()
    return any(p in _held for p in (folder, *folder.parents))


def make_folder(folder: Path, option: str) -> bool:
    """Create `folder` (and its parents) or say plainly why not; True if it was made now."""
    in_the_way = next((p for p in (folder, *folder.parents) if p.exists() and not p.is_dir()), None)
    if in_the_way is not None:
        raise OutputError(f"cannot write the outputs into {folder}: {in_the_way} is a file, not a folder. "
                          f"Move or rename that file, or use {option} to choose another folder")
    made = not folder.exists()
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError(f"the folder {folder} cannot be created: {plain_reason(exc)}. "
                          f"Check that you can save files there, or use {option}") from exc
    return made


def write_all(folder: Path, writers: dict[str, Writer], progress: Callable[[], None] | None = None,
              option: str = "--outputs", replaces: Callable[[str], bool] | None = None) -> Written:
    """Write every named file into `folder`; all of them, or (on any failure) none.

    `option` is the command-line option that chooses the folder, for the messages;
    `replaces(name)` says which files already there an earlier run of the same kind wrote,
    so that those this set lacks are removed with the commit.
    """
    made = make_folder(folder, option)
    try:
        return _write_into(folder, writers, progress, option, replaces)
    except BaseException:
        if made:  # not even an empty folder is left by a run that wrote nothing
            shutil.rmtree(folder, ignore_errors=True)
        raise


def _write_into(folder: Path, writers: dict[str, Writer], progress: Callable[[], None] | None,
                option: str, replaces: Callable[[str], bool] | None) -> Written:
    if not _locked(folder):
        for place in (folder, folder.parent):
            clean_stale_staging(place)
    try:
        staging = Path(tempfile.mkdtemp(prefix=STAGING_PREFIX, dir=folder))
    except OSError as exc:
        raise OutputError(f"cannot write in {folder}: {plain_reason(exc)}. "
                          f"Check that you can save files there, or use {option}") from exc
    _hide(staging)
    names = list(writers)
    try:
        try:
            for name, writer in writers.items():
                writer(staging / name)
                _check(staging / name)
                if progress:
                    progress()
            replaced = sorted(p.name for p in folder.iterdir() if replaces and p.name not in writers
                              and replaces(p.name) and p.is_file())
            _write_set(staging / SET_LIST, names, replaced)
        except OSError as exc:
            raise OutputError(f"could not write {name} in {folder}: {plain_reason(exc)}. "
                              f"Earlier outputs were left as they were") from exc
        except OutputError:
            raise
        except Exception as exc:
            if isinstance(plain_cause := _os_cause(exc), OSError):  # e.g. xlsxwriter's FileCreateError
                raise OutputError(f"could not write {name} in {folder}: {plain_reason(plain_cause)}. "
                                  f"Earlier outputs were left as they were") from exc
            raise
        written = Written()
        try:
            _commit(staging, folder, names, replaced, written)
        except BaseException:
            # interrupted or refused part-way: finish the set now if possible, so it is never mixed
            try:
                _commit(staging, folder, names, replaced, Written())
            except BaseException:
                staging = None  # keep it: the next run finishes the set
            raise
        return written
    finally:
        if staging is not None:
            shutil.rmtree(staging, ignore_errors=True)


def _os_cause(exc: BaseException) -> BaseException | None:
    """The OSError behind a library's own exception, if there is one."""
    seen = 0
    while exc is not None and seen < 5:
        if isinstance(exc, OSError):
            return exc
        inner = next((a for a in getattr(exc, "args", ()) if isinstance(a, OSError)), None)
        exc = inner or exc.__cause__ or exc.__context__
        seen += 1
    return None
