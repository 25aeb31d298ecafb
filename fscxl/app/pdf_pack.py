"""The committee pack: every appendix converted to PDF by LibreOffice and merged into one document.

LibreOffice prints the workbooks as members will see them (the print set-up the
renderers gave: A4 landscape, repeated headings, footers). Each workbook is rendered
twice: once to learn how many pages it takes, then again with its first page number
and the pack's page count in its print set-up, so the footers number the pages through
the whole pack without anything being stamped over them. Each conversion runs with a
throw-away LibreOffice profile in the system's temporary folder (nothing is left in the
user's home or the shared folder) and is stopped if it takes longer than a time limit.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from fscxl.model.errors import OutputError
from fscxl.model.problems import ProblemLog
from fscxl.render.book import PackPages

CONVERSION_SECONDS = 120  # a workbook of the pack converts in a few seconds; more means a hang
SOFFICE_NAMES = ("soffice", "libreoffice")
# where the LibreOffice installers put it when it is not on PATH (the usual case on Windows and macOS)
INSTALL_PLACES = (
    Path(os.environ.get("PROGRAMFILES", r"C:\Program Files")) / "LibreOffice" / "program" / "soffice.exe",
    Path(os.environ.get("PROGRAMFILES(X86)", r"C:\Program Files (x86)")) / "LibreOffice" / "program" / "soffice.exe",
    Path("/Applications/LibreOffice.app/Contents/MacOS/soffice"),
)
HOW_TO_GET_IT = ("Install LibreOffice (free, from libreoffice.org) and run again with --pdf; or open each "
                 "appendix in Excel and save it as PDF")

Render = Callable[[Path, "PackPages | None"], None]


@dataclass(frozen=True)
class Appendix:
    """One appendix of the pack: its letter, its title for the bookmark, and how to draw its workbook."""

    letter: str
    title: str
    workbook_name: str  # the workbook's file name, for messages
    render: Render  # render(path, pack_pages) writes the workbook


class ConversionFailed(OutputError):
    """LibreOffice did not turn a workbook into a PDF: it hung, failed or wrote nothing."""

    def __init__(self, message: str, workbook: str, timed_out: bool = False) -> None:
        super().__init__(message)
        self.workbook = workbook
        self.timed_out = timed_out


@dataclass
class Pack:
    """A committee pack as made: the PDF, each appendix's pages, and how long it took."""

    path: Path
    pages: dict[str, int] = field(default_factory=dict)  # appendix letter -> its pages
    seconds: float = 0.0

    @property
    def total(self) -> int:
        return sum(self.pages.values())


def find_libreoffice() -> Path | None:
    """LibreOffice's soffice on PATH, else in its usual install folder on Windows or macOS."""
    for name in SOFFICE_NAMES:
        found = shutil.which(name)
        if found:
            return Path(found)
    return next((place for place in INSTALL_PLACES if place.is_file()), None)


def _stop(process: subprocess.Popen) -> None:
    """End a conversion and everything it started (soffice starts soffice.bin under it)."""
    try:
        if sys.platform == "win32":  # soffice.exe starts soffice.bin: end the whole tree
            subprocess.run(["taskkill", "/F", "/T", "/PID", str(process.pid)], capture_output=True,
                           timeout=30, check=False)
            process.kill()
        else:
            os.killpg(process.pid, signal.SIGKILL)
    except (OSError, subprocess.SubprocessError):  # it ended by itself meanwhile
        pass
    try:
        process.communicate(timeout=10)
    except subprocess.TimeoutExpired:  # something it started still holds its output open: leave it
        pass


def convert(soffice: Path, workbook: Path, out_dir: Path, timeout: float = CONVERSION_SECONDS) -> Path:
    """One workbook to PDF in `out_dir`, with a profile of its own that is removed afterwards."""
    profile = Path(tempfile.mkdtemp(prefix="fscxl-libreoffice-"))
    command = [str(soffice), f"-env:UserInstallation={(profile / 'user').as_uri()}", "--headless", "--norestore",
               "--nologo", "--convert-to", "pdf", "--outdir", str(out_dir), str(workbook)]
    # its own process group (session), so a hang can be stopped with everything it started
    group = ({"creationflags": subprocess.CREATE_NEW_PROCESS_GROUP} if sys.platform == "win32"
             else {"start_new_session": True})
    # on Linux and macOS the desktop libraries it loads write caches under the home folder: send
    # them, with the profile, into the folder removed below (Windows keeps all in the profile)
    home = {} if sys.platform == "win32" else {"HOME": str(profile), "XDG_CONFIG_HOME": str(profile / "config"),
                                               "XDG_CACHE_HOME": str(profile / "cache")}
    try:
        try:
            process = subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                                       stderr=subprocess.PIPE, env={**os.environ, **home}, **group)
        except OSError as exc:
            raise ConversionFailed(f"LibreOffice ({soffice}) could not be started to convert "
                                   f"{workbook.name} ({exc.strerror or exc})", workbook.name) from exc
        try:
            _out, err = process.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            _stop(process)
            raise ConversionFailed(f"LibreOffice took more than {timeout:g} seconds to convert "
                                   f"{workbook.name} and was stopped", workbook.name, timed_out=True) from None
    finally:
        shutil.rmtree(profile, ignore_errors=True)
    pdf = out_dir / (workbook.stem + ".pdf")
    if process.returncode != 0 or not pdf.is_file() or pdf.stat().st_size == 0:
        said = err.decode(errors="replace").strip().splitlines()
        raise ConversionFailed(f"LibreOffice could not convert {workbook.name}"
                               + (f" (it said: {said[-1]})" if said else ""), workbook.name)
    return pdf


def _converted(appendix: Appendix, folder: Path, soffice: Path, pack_pages: PackPages | None,
               timeout: float) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    workbook = folder / appendix.workbook_name
    appendix.render(workbook, pack_pages)
    return convert(soffice, workbook, folder, timeout)


def make_pack(appendices: list[Appendix], destination: Path, soffice: Path, title: str,
              timeout: float = CONVERSION_SECONDS) -> Pack:
    """Write the committee pack to `destination`: the appendices in letter order, bookmarked,
    numbered through. Raises ConversionFailed naming the workbook LibreOffice could not convert."""
    from pypdf import PdfReader  # only a run with --pdf pays for importing it

    started = time.perf_counter()
    ordered = sorted(appendices, key=lambda a: a.letter)
    with tempfile.TemporaryDirectory(prefix="fscxl-pack-") as scratch:
        scratch = Path(scratch)
        pages = {a.letter: len(PdfReader(_converted(a, scratch / "count" / a.letter, soffice, None, timeout)).pages)
                 for a in ordered}
        for attempt in range(3):  # the numbers barely change a page's text, so the count holds
            total, first, pdfs = sum(pages.values()), 1, {}
            for appendix in ordered:
                folder = scratch / f"pack{attempt}" / appendix.letter
                pdfs[appendix.letter] = _converted(appendix, folder, soffice, PackPages(first, total), timeout)
                first += pages[appendix.letter]
            counted = {letter: len(PdfReader(pdf).pages) for letter, pdf in pdfs.items()}
            if counted == pages:
                break
            pages = counted
        _merge(ordered, pdfs, destination, title)
    return Pack(destination, pages, time.perf_counter() - started)


def _merge(ordered: list[Appendix], pdfs: dict[str, Path], destination: Path, title: str) -> None:
    """One PDF: a bookmark per appendix, under it one per sheet (LibreOffice marks each sheet)."""
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter()
    for appendix in ordered:
        reader = PdfReader(pdfs[appendix.letter])
        start = len(writer.pages)
        writer.append(reader, import_outline=False)
        parent = writer.add_outline_item(title=f"Appendix {appendix.letter}: {appendix.title}", page_number=start)
        for item in reader.outline:
            if isinstance(item, list):  # nested marks: a sheet's own headings, not wanted here
                continue
            writer.add_outline_item(title=str(item.title),
                                    page_number=start + reader.get_destination_page_number(item), parent=parent)
    writer.add_metadata({"/Title": title})
    writer.page_mode = "/UseOutlines"  # open with the bookmarks showing
    with open(destination, "wb") as handle:
        writer.write(handle)


def committee_pack(appendices: list[Appendix], destination: Path, title: str, problems: ProblemLog,
                   timeout: float | None = None) -> Pack | None:
    """The pack, or None with a warning saying why: the workbooks are worth having without it."""
    soffice = find_libreoffice()
    if soffice is None:
        problems.warning("", "", "", "the committee pack (PDF) was not made: --pdf needs LibreOffice, "
                         "and it was not found on this computer", HOW_TO_GET_IT + ". The workbooks were "
                         "written as usual.", code="RUN80")
        return None
    try:
        return make_pack(appendices, destination, soffice, title, timeout or CONVERSION_SECONDS)
    except ConversionFailed as failure:
        problems.warning("", "", "", f"the committee pack (PDF) was not made: {failure}",
                         "The workbooks were written as usual. Close any LibreOffice window and run "
                         "again with --pdf; if it fails again, open that workbook and save it as PDF.",
                         code="RUN81")
        return None
